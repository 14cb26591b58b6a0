/** One DynamoDB request as seen by the SDK: when it was sent and when its answer came back. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Sequential rounds of a set of requests: the number of groups left after
 * merging every pair of requests whose time intervals overlap (connected
 * components of the overlap graph, found by sweeping in start order).
 *
 * Why this measures dependency depth: a request that needs another's answer
 * cannot start before that answer arrived, so overlapping requests are
 * independent; each gap between groups is a round trip the operation waited
 * for before it could ask the next thing. Requests that are independent but
 * were issued one after another also count as separate rounds, which is what
 * they cost in latency.
 */
export function countRounds(intervals: readonly Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let rounds = 0;
  let reach = -Infinity;
  for (const { start, end } of sorted) {
    if (start > reach) rounds++;
    reach = Math.max(reach, end);
  }
  return rounds;
}

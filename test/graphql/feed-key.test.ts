import { proxyTheHandler } from '../support/fault-proxy';
import { gql } from '../support/lambda';

/**
 * The change feed signs cursors with a key item read once per container, not
 * once per request: the handler builds a repository per request (for its time
 * budget), and the key must not be re-read with every one.
 */
const handlerStore = proxyTheHandler();

const PAGE = '{ changes(types: [PROGRAM], first: 2) { hasMore nextCursor entries { id version } } }';

it('reads the cursor signing key on the first changes request only', async () => {
  handlerStore.proxy.clear();
  const first = await gql(PAGE);
  expect(first.errors).toBeUndefined();
  const firstReads = handlerStore.proxy.seen.BatchGetItem ?? 0;

  handlerStore.proxy.clear();
  const second = await gql(PAGE);
  expect(second.errors).toBeUndefined();
  expect(second.data).toEqual(first.data);
  const secondReads = handlerStore.proxy.seen.BatchGetItem ?? 0;

  // The same page twice: the only read the second request may skip is the key's.
  expect(secondReads).toBe(firstReads - 1);
});

it('reads a bounded number of Scan pages per export page, however rarely the filter matches', async () => {
  handlerStore.proxy.clear();
  // Matches nothing: without a bound, one request would scan the whole table (10,786 municipalities and all).
  const page = await gql('{ changes(programId: "Program:no-such-programme", first: 1) { hasMore nextCursor entries { id } } }');
  expect(page.errors).toBeUndefined();
  expect(page.data!.changes.entries).toEqual([]);
  expect(page.data!.changes.hasMore).toBe(true);
  // Four Scans of at most 500 items each, as docs/API.md documents for the export.
  expect(handlerStore.proxy.seen.Scan).toBeLessThanOrEqual(4);

  // 2,000 items are far from the whole table: the next page goes on scanning where this one stopped.
  handlerStore.proxy.clear();
  const next = await gql('query($since: String) { changes(since: $since, programId: "Program:no-such-programme", first: 1) { entries { id } } }', {
    since: page.data!.changes.nextCursor,
  });
  expect(next.errors).toBeUndefined();
  expect(handlerStore.proxy.seen.Scan ?? 0).toBeGreaterThan(0);
});

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { countRounds } from './rounds';

interface ConsumedCapacity {
  CapacityUnits?: number;
}

export interface RecordedRequest {
  command: string;
  start: number;
  end: number;
  /** Capacity units DynamoDB (Local) reported for this request. */
  capacityUnits: number;
  /** Items the request returned (Query pages, BatchGet responses). */
  items: number;
}

export interface RequestSummary {
  requests: number;
  byCommand: Record<string, number>;
  rounds: number;
  capacityUnits: number;
  items: number;
}

/**
 * Records every command a document client sends, asking DynamoDB for the
 * capacity it consumed. Added at `initialize`, ahead of lib-dynamodb's
 * marshalling, so each logical request counts once (SDK retries happen below).
 */
export function recordRequests(client: DynamoDBDocumentClient) {
  let log: RecordedRequest[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const start = performance.now();
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[]; Items?: unknown[]; Responses?: Record<string, unknown[]> };
      const consumed = output.ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      const items = output.Items?.length ?? Object.values(output.Responses ?? {}).reduce((sum, list) => sum + list.length, 0);
      log.push({ command: String(context.commandName), start, end: performance.now(), capacityUnits: units, items });
      return result;
    },
    { step: 'initialize', name: 'benchRecordRequests', priority: 'high' },
  );
  return {
    /** Forgets what was recorded so far. */
    reset(): void {
      log = [];
    },
    summary(): RequestSummary {
      const byCommand: Record<string, number> = {};
      for (const r of log) byCommand[r.command] = (byCommand[r.command] ?? 0) + 1;
      return {
        requests: log.length,
        byCommand,
        rounds: countRounds(log),
        capacityUnits: log.reduce((sum, r) => sum + r.capacityUnits, 0),
        items: log.reduce((sum, r) => sum + r.items, 0),
      };
    },
  };
}

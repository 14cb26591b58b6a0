import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableStore, createDocumentClient, ensureFeedSigningKey, ensureTable } from '../../functions/data';

const REGION = 'eu-central-1';

/** A fresh, empty table on the run's DynamoDB Local, created from the data layer's definitions. */
export async function freshTable(prefix: string): Promise<{ tableName: string; client: DynamoDBDocumentClient; store: TableStore; faults: Faults }> {
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  const raw = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(raw, tableName);
  raw.destroy();
  const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: REGION });
  const faults = new Faults(client);
  const store = new TableStore(client, tableName);
  await ensureFeedSigningKey(store);
  return { tableName, client, store, faults };
}

type Fault = { when: 'before' | 'after'; name: string; cancellation?: string[] };
type Hook = () => Promise<void>;

/**
 * Injects failures DynamoDB Local never produces, with an SDK middleware in
 * front of the real call: `before` fails the request without sending it,
 * `after` sends it (it commits) and then loses the answer, as a timeout would.
 */
export class Faults {
  private readonly queue = new Map<string, Fault[]>();
  private readonly hooks = new Map<string, Hook[]>();
  /** Requests seen per command. */
  readonly seen: Record<string, number> = {};
  /** Transaction tokens sent, in order. */
  readonly tokens: string[] = [];

  constructor(client: DynamoDBDocumentClient) {
    client.middlewareStack.add(
      (next, context) => async (args: any) => {
        const command = String(context.commandName);
        this.seen[command] = (this.seen[command] ?? 0) + 1;
        if (command === 'TransactWriteItemsCommand') this.tokens.push(args.input.ClientRequestToken);
        // Another writer acting between this one's reads and its commit.
        await this.hooks.get(command)?.shift()?.();
        const fault = this.queue.get(command)?.shift();
        if (fault?.when === 'before') throw this.error(fault);
        const result = await next(args);
        if (fault?.when === 'after') throw this.error(fault);
        return result;
      },
      { step: 'initialize', name: 'injectFaults' },
    );
  }

  /** Queues a fault for the next request of `command` (e.g. `TransactWriteItemsCommand`). */
  inject(command: string, fault: Fault): void {
    const list = this.queue.get(command) ?? [];
    list.push(fault);
    this.queue.set(command, list);
  }

  /** Runs `hook` just before the next request of `command` is sent (it must use another client). */
  before(command: string, hook: Hook): void {
    const list = this.hooks.get(command) ?? [];
    list.push(hook);
    this.hooks.set(command, list);
  }

  /** Drops every fault and hook not yet used. */
  clear(): void {
    this.queue.clear();
    this.hooks.clear();
  }

  private error(fault: Fault): Error {
    const error = new Error(`injected ${fault.name}`) as Error & { CancellationReasons?: { Code: string }[]; $retryable?: unknown };
    error.name = fault.name;
    if (fault.cancellation) error.CancellationReasons = fault.cancellation.map((Code) => ({ Code }));
    return error;
  }
}

export { sampleCity, sampleMembership, sampleProgram, samplePartnership, samplePartnershipMember } from './samples';

import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { gql } from '../support/lambda';

/**
 * The change feed signs cursors with a key item read once per container, not
 * once per request: the handler builds a repository per request (for its time
 * budget), and the key must not be re-read with every one.
 */
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(process.env.DYNAMODB_ENDPOINT!);
  // The handler reads its configuration on import (lazily, in gql): count what it sends.
  process.env.DYNAMODB_ENDPOINT = proxy.url;
});

afterAll(async () => {
  await proxy.close();
});

const PAGE = '{ changes(types: [PROGRAM], first: 2) { hasMore nextCursor entries { id version } } }';

it('reads the cursor signing key on the first changes request only', async () => {
  proxy.clear();
  const first = await gql(PAGE);
  expect(first.errors).toBeUndefined();
  const firstReads = proxy.seen.BatchGetItem ?? 0;

  proxy.clear();
  const second = await gql(PAGE);
  expect(second.errors).toBeUndefined();
  expect(second.data).toEqual(first.data);
  const secondReads = proxy.seen.BatchGetItem ?? 0;

  // The same page twice: the only read the second request may skip is the key's.
  expect(secondReads).toBe(firstReads - 1);
});

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

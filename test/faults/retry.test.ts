import { TableStore, createDocumentClient, keys } from '../../functions/data';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';

/**
 * The store's retries against a proxy that throttles, fails or stalls: retries
 * stay within the request's time budget, a stalled connection is given up,
 * and a store that stays unavailable is reported as such.
 */
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(process.env.DYNAMODB_ENDPOINT!);
});
afterAll(() => proxy.close());
afterEach(() => proxy.clear());

const KEY = keys.municipalityKey('15001000');

function storeWithin(budgetMs: number): TableStore {
  const client = createDocumentClient({ endpoint: proxy.url, region: 'eu-central-1' });
  const StoreWithDeadline = TableStore as unknown as new (c: unknown, t: string, deadline?: number) => TableStore;
  return new StoreWithDeadline(client, process.env.TABLE_NAME!, Date.now() + budgetMs);
}

describe('store retries', () => {
  it('rides out a burst of throttling longer than the SDK default of three attempts', async () => {
    proxy.inject({ fault: 'throttling', times: 4 });
    const [item] = await storeWithin(20_000).batchGet([KEY]);
    expect(item?.ags).toBe('15001000');
    expect(proxy.seen.BatchGetItem).toBe(5);
  });

  it('starts no attempt once the request budget is spent', async () => {
    proxy.inject({ fault: 'throttling' });
    await expect(storeWithin(-1).batchGet([KEY])).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(proxy.seen.BatchGetItem ?? 0).toBe(0);
  });

  it('reports a store that stays throttled as unavailable, with a bounded number of attempts', async () => {
    proxy.inject({ fault: 'provisioned' });
    await expect(storeWithin(20_000).batchGet([KEY])).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(proxy.seen.BatchGetItem).toBeGreaterThan(1);
    // Six attempts per call at most (docs/API.md, "Under faults").
    expect(proxy.seen.BatchGetItem).toBeLessThanOrEqual(6);
  });

  it('does not retry what fails the same way every time', async () => {
    const client = createDocumentClient({ endpoint: proxy.url, region: 'eu-central-1' });
    const store = new TableStore(client, 'no-such-table');
    await expect(store.batchGet([KEY])).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(proxy.seen.BatchGetItem).toBe(1);
  });

  it('gives up a stalled connection instead of hanging the request', async () => {
    proxy.inject({ fault: 'stall' });
    await expect(storeWithin(1_500).batchGet([KEY])).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  }, 20_000);
});

import { BATCH_GET_LIMIT, TableStore, createDocumentClient, keys } from '../../functions/data';
import { readMunicipalities } from '../../seed/seed';

/**
 * The store against the real seeded table. A middleware only watches the
 * requests, or, to exercise the retry path DynamoDB Local never takes, hands
 * back part of a real answer as UnprocessedKeys, as DynamoDB does under load.
 */
describe('TableStore.batchGet', () => {
  const municipalities = readMunicipalities().slice(0, 250);
  const keyList = municipalities.map((m) => keys.municipalityKey(m.ags));

  function store() {
    const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' });
    const batchSizes: number[] = [];
    let throttleFirst = 0;
    client.middlewareStack.add(
      (next, context) => async (args: any) => {
        if (context.commandName !== 'BatchGetItemCommand') return next(args);
        batchSizes.push(Object.values<any>(args.input.RequestItems)[0].Keys.length);
        const result: any = await next(args);
        if (throttleFirst > 0) {
          throttleFirst--;
          const table = Object.keys(result.output.Responses)[0]!;
          const answered = result.output.Responses[table];
          const withheld = answered.splice(0, Math.floor(answered.length / 2));
          result.output.UnprocessedKeys = { [table]: { Keys: withheld.map((i: any) => ({ pk: i.pk, sk: i.sk })) } };
        }
        return result;
      },
      { step: 'initialize', name: 'observe' },
    );
    return {
      store: new TableStore(client, process.env.TABLE_NAME!),
      batchSizes,
      throttle: (n: number) => (throttleFirst = n),
    };
  }

  it('reads at most 100 keys per BatchGetItem and returns results in key order', async () => {
    const { store: s, batchSizes } = store();
    const items = await s.batchGet(keyList);
    expect(batchSizes).toHaveLength(Math.ceil(keyList.length / BATCH_GET_LIMIT));
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(BATCH_GET_LIMIT);
    expect(items.map((i) => i?.ags)).toEqual(municipalities.map((m) => m.ags));
  });

  it('retries UnprocessedKeys until every key is answered', async () => {
    const { store: s, batchSizes, throttle } = store();
    throttle(2);
    const items = await s.batchGet(keyList.slice(0, 80));
    expect(items.every((i) => i !== undefined)).toBe(true);
    // One call for 80 keys, then retries for the withheld 40, then 20.
    expect(batchSizes).toEqual([80, 40, 20]);
  });

  it('answers a missing key with undefined in its place', async () => {
    const { store: s } = store();
    const items = await s.batchGet([keyList[0]!, keys.municipalityKey('00000000'), keyList[1]!]);
    expect(items.map((i) => i?.ags)).toEqual([municipalities[0]!.ags, undefined, municipalities[1]!.ags]);
  });
});

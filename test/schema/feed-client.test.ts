import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@urql/core';
import { NetworkWriter } from '../../functions/data';
import type { ProgramRecord } from '../../functions/data/model';
import { allCities, connect, follow } from '../../examples/client/src/cities';
import { LISTS, walkBoth } from '../../examples/client/src/lists';
import { fictitiousPortrait, seededGluecksbringer } from '../campaigns/support';
import { freshTable, sampleCity } from '../data-layer/support';
import { startLocalApi, type LocalApi } from '../http/api';

/** A programme exactly as seed/curated.json holds it. */
function curatedProgram(id: string): ProgramRecord {
  const curated = JSON.parse(readFileSync(join(__dirname, '..', '..', 'seed', 'curated.json'), 'utf8')) as { programs: ProgramRecord[] };
  return curated.programs.find((p) => p.id === id)!;
}

/**
 * The documented 30-line client (docs/API.md, examples/client/src/cities.ts)
 * against the real handler over HTTP, on a table of its own: the test writes
 * through NetworkWriter between two calls and checks the client sees it.
 */
describe('the documented client against a table that changes', () => {
  let api: LocalApi;
  let client: Client;
  let writer: NetworkWriter;
  const campaign = seededGluecksbringer();
  const places = ['aue-test', 'bach-test', 'cham-test', 'dorf-test', 'eich-test'].map((id, i) => sampleCity(id, { name: `Teststadt ${'ABCDE'[i]}` }));
  // Portrait ids are `<campaign>.<16 base32 letters>`.
  const portraits = ['a', 'b', 'c', 'd', 'e'].map((letter) => `gluecksbringer.${letter.repeat(16)}`);

  beforeAll(async () => {
    const { tableName, store } = await freshTable('feed-client');
    writer = new NetworkWriter(store);
    await writer.write(
      [
        ...places.map((record) => ({ kind: 'put' as const, type: 'City' as const, record })),
        ...campaign.cityIds.filter((id) => !places.some((p) => p.id === id)).map((id) => ({ kind: 'put' as const, type: 'City' as const, record: sampleCity(id) })),
        { kind: 'put', type: 'Campaign', record: campaign },
        // The local API issues its partner key for this programme, so it must exist.
        { kind: 'put', type: 'Program', record: curatedProgram('vielfaltsgestalter') },
      ],
      { writtenBy: 'seed' },
    );
    await writer.write(
      portraits.map((id, i) => ({ kind: 'put' as const, type: 'Portrait' as const, record: fictitiousPortrait(id, { published: i !== 2 }), expectedVersion: null })),
      { writtenBy: 'api' },
    );
    // The handler reads its table from the environment once, when it is first imported (in startLocalApi).
    process.env.TABLE_NAME = tableName;
    api = await startLocalApi();
    client = connect(api.url);
  });
  afterAll(() => api?.close());

  it('pages through all cities with cursors', async () => {
    const cities = await allCities(client);
    const written = [...places.map((p) => p.id), ...campaign.cityIds];
    expect(cities.map((c) => c.id).sort()).toEqual([...new Set(written)].map((id) => `City:${id}`).sort());
    expect(cities.map((c) => c.name)).toEqual(cities.map((c) => c.name).sort((a, b) => a.localeCompare(b, 'de')));
  });

  it('exports the current state, then sees a change written between two calls, then is caught up', async () => {
    const exported = await follow(client);
    const exportedIds = exported.entries.map((e) => e.id);
    for (const place of places) expect(exportedIds).toContain(`City:${place.id}`);
    expect(exportedIds).toContain(`Campaign:${campaign.id}`);
    expect(exported.cursor).toEqual(expect.any(String));

    await writer.write(
      [
        { kind: 'put', type: 'City', record: { ...places[0]!, name: 'Teststadt A (umbenannt)' } },
        { kind: 'put', type: 'City', record: sampleCity('neu-test', { name: 'Teststadt Neu' }) },
      ],
      { writtenBy: 'api' },
    );
    const next = await follow(client, exported.cursor);
    expect(next.entries.map((e) => [e.operation, e.id, e.version, e.node && 'name' in e.node ? e.node.name : null]).sort()).toEqual(
      [
        ['UPSERT', 'City:aue-test', 2, 'Teststadt A (umbenannt)'],
        ['UPSERT', 'City:neu-test', 1, 'Teststadt Neu'],
      ].sort(),
    );

    const caughtUp = await follow(client, next.cursor);
    expect(caughtUp.entries).toEqual([]);
    expect((await allCities(client)).map((c) => c.id)).toContain('City:neu-test');
  });

  it('pages a campaign portraits both ways, only the published ones', async () => {
    const walk = await walkBoth(client, LISTS['Campaign.portraits'], { campaign: `Campaign:${campaign.id}` }, 2);
    const ids = walk.forward.nodes.map((n) => n.id);
    expect(walk.forward.pages).toBe(2);
    expect(walk.backward.nodes.map((n) => n.id)).toEqual(ids);
    expect(walk.forward.totalCount).toBe(4);
    expect(ids.sort()).toEqual(portraits.filter((_, i) => i !== 2).map((id) => `Portrait:${id}`).sort());
  });
});

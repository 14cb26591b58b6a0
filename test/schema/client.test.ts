import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@urql/core';
import { connect } from '../../examples/client/src/cities';
import { LISTS, walkBoth } from '../../examples/client/src/lists';
import type { Walk } from '../../examples/client/src/paging';
import { parseCsvObjects } from '../../seed/csv';
import { distinctMemberPlaces, memberRows } from '../support/domain';
import { post, startLocalApi, type LocalApi } from '../http/api';
import { connectionFields } from './published';

const ROOT = join(__dirname, '..', '..');
const CURATED = JSON.parse(readFileSync(join(ROOT, 'seed', 'curated.json'), 'utf8')) as Record<string, unknown[]>;

/** Checks one list walked both ways: same items in the same order, no repeats, and the pages it took. */
function expectWholeList({ forward, backward }: { forward: Walk; backward: Walk }, size: number): string[] {
  const ids = forward.nodes.map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(backward.nodes.map((n) => n.id)).toEqual(ids);
  expect(forward.totalCount).toBe(ids.length);
  expect(backward.totalCount).toBe(ids.length);
  // A list longer than a page must really have been paged, in both directions.
  expect(forward.pages).toBe(Math.max(1, Math.ceil(ids.length / size)));
  expect(backward.pages).toBe(forward.pages);
  return ids;
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('a codegen-typed client built from schema.graphql', () => {
  it('has its typed operations generated from the current schema.graphql', async () => {
    // The CLI is ESM inside and cannot load in jest's module system: run it as a client would, in check mode.
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'graphql-codegen'), ['--config', 'examples/client/codegen.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    // If this fails, regenerate with `npx graphql-codegen --config examples/client/codegen.ts`.
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/stale files|error/i);
    expect(run.status).toBe(0);
  });

  it('has a typed operation for every connection of the published schema', () => {
    expect(sorted(Object.keys(LISTS))).toEqual(connectionFields());
  });

  describe('against the seeded local API, every list paged to its end and back', () => {
    let api: LocalApi;
    let client: Client;
    /** The unpaged (deprecated) lists, read in one plain request each: an answer that bypasses the paging code. */
    let unpaged: any;
    beforeAll(async () => {
      api = await startLocalApi();
      client = connect(api.url);
      const answer = await post(api.url, {
        query: `{
          programs { id memberships { id } }
          partnerships { id members { id } cities { id } organizations { id } }
          events { id }
          campaigns { id }
        }`,
      });
      expect(answer.json.errors).toBeUndefined();
      unpaged = answer.json.data;
    });
    afterAll(() => api.close());

    it('Query.cities: every member place of members.csv', async () => {
      const walk = await walkBoth(client, LISTS['Query.cities'], {}, 25);
      expectWholeList(walk, 25);
      expect(sorted(walk.forward.nodes.map((n: any) => n.name))).toEqual(sorted(distinctMemberPlaces().keys()));
    });

    it('Query.municipalities: every Saarland row of municipalities.csv, paged in the database', async () => {
      const rows = parseCsvObjects(readFileSync(join(ROOT, 'seed', 'municipalities.csv'), 'utf8'), ['ags', 'state'] as const).filter((r) => r.state === 'Saarland');
      expect(rows.length).toBeGreaterThan(10);
      const walk = await walkBoth(client, LISTS['Query.municipalities'], { filter: { state: 'DE-SL' } }, 10);
      expectWholeList(walk, 10);
      expect(sorted(walk.forward.nodes.map((n: any) => n.ags))).toEqual(sorted(rows.map((r) => r.ags)));
    });

    it('Query.organizations: every curated organisation', async () => {
      const walk = await walkBoth(client, LISTS['Query.organizations'], {}, 7);
      const ids = expectWholeList(walk, 7);
      expect(sorted(ids)).toEqual(sorted((CURATED.organizations as Array<{ id: string }>).map((o) => `Organization:${o.id}`)));
    });

    it('Query.eventsConnection: every curated event, as the unpaged list has them', async () => {
      const walk = await walkBoth(client, LISTS['Query.eventsConnection'], {}, 3);
      const ids = expectWholeList(walk, 3);
      expect(ids).toHaveLength(CURATED.events!.length);
      expect(sorted(ids)).toEqual(sorted(unpaged.events.map((e: { id: string }) => e.id)));
    });

    it('Query.campaignsConnection: every curated campaign', async () => {
      const walk = await walkBoth(client, LISTS['Query.campaignsConnection'], {}, 1);
      const ids = expectWholeList(walk, 1);
      expect(ids).toHaveLength(CURATED.campaigns!.length);
      expect(sorted(ids)).toEqual(sorted(unpaged.campaigns.map((c: { id: string }) => c.id)));
    });

    it('Query.partnershipsConnection: every curated partnership', async () => {
      const walk = await walkBoth(client, LISTS['Query.partnershipsConnection'], {}, 3);
      const ids = expectWholeList(walk, 3);
      expect(ids).toHaveLength(CURATED.partnerships!.length);
      expect(sorted(ids)).toEqual(sorted(unpaged.partnerships.map((p: { id: string }) => p.id)));
    });

    it('Program.membershipsConnection: every programme, Engagierte Stadt with one membership per row of members.csv', async () => {
      expect(unpaged.programs).toHaveLength(CURATED.programs!.length);
      for (const program of unpaged.programs as Array<{ id: string; memberships: Array<{ id: string }> }>) {
        const size = program.id === 'Program:engagierte-stadt' ? 20 : 3;
        const ids = expectWholeList(await walkBoth(client, LISTS['Program.membershipsConnection'], { program: program.id }, size), size);
        expect(sorted(ids)).toEqual(sorted(program.memberships.map((m) => m.id)));
        if (program.id === 'Program:engagierte-stadt') expect(ids).toHaveLength(memberRows().length);
      }
    });

    it('Partnership.membersConnection, citiesConnection and organizationsConnection: every partnership', async () => {
      let members = 0;
      for (const partnership of unpaged.partnerships as Array<{ id: string; members: Array<{ id: string }>; cities: Array<{ id: string }>; organizations: Array<{ id: string }> }>) {
        const memberIds = expectWholeList(await walkBoth(client, LISTS['Partnership.membersConnection'], { partnership: partnership.id }, 2), 2);
        expect(sorted(memberIds)).toEqual(sorted(partnership.members.map((m) => m.id)));
        const cityIds = expectWholeList(await walkBoth(client, LISTS['Partnership.citiesConnection'], { partnership: partnership.id }, 2), 2);
        expect(sorted(cityIds)).toEqual(sorted(partnership.cities.map((c) => c.id)));
        const organizationIds = expectWholeList(await walkBoth(client, LISTS['Partnership.organizationsConnection'], { partnership: partnership.id }, 2), 2);
        expect(sorted(organizationIds)).toEqual(sorted(partnership.organizations.map((o) => o.id)));
        members += memberIds.length;
      }
      expect(members).toBeGreaterThan(2);
    });

    it('City.organizationsConnection and eventsConnection: every place that has any, and one that has none', async () => {
      const answer = await post(api.url, { query: '{ cities(first: 100) { nodes { id organizations { id } events { id } } } a: cities(last: 100) { nodes { id organizations { id } events { id } } } }' });
      expect(answer.json.errors).toBeUndefined();
      const byId = new Map<string, { organizations: Array<{ id: string }>; events: Array<{ id: string }> }>();
      for (const city of [...answer.json.data.cities.nodes, ...answer.json.data.a.nodes]) byId.set(city.id, city);
      expect(byId.size).toBe(distinctMemberPlaces().size);
      const withItems = [...byId].filter(([, c]) => c.organizations.length + c.events.length > 0);
      const without = [...byId].find(([, c]) => c.organizations.length + c.events.length === 0)!;
      expect(withItems.length).toBeGreaterThan(0);
      for (const [id, city] of [...withItems, without]) {
        const organizations = expectWholeList(await walkBoth(client, LISTS['City.organizationsConnection'], { city: id }, 2), 2);
        expect(sorted(organizations)).toEqual(sorted(city.organizations.map((o) => o.id)));
        const events = expectWholeList(await walkBoth(client, LISTS['City.eventsConnection'], { city: id }, 2), 2);
        expect(sorted(events)).toEqual(sorted(city.events.map((e) => e.id)));
      }
    });

    it('Campaign.portraits: runs on the seed, which holds no portraits (test/schema/feed-client.test.ts pages written ones)', async () => {
      expect(CURATED.portraits).toBeUndefined();
      for (const campaign of unpaged.campaigns as Array<{ id: string }>) {
        const walk = await walkBoth(client, LISTS['Campaign.portraits'], { campaign: campaign.id }, 2);
        expect(expectWholeList(walk, 2)).toEqual([]);
      }
    });
  });
});

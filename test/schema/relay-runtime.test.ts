import {
  Environment,
  Network,
  RecordSource,
  Store,
  createOperationDescriptor,
  fetchQuery,
  getRequest,
  getSelector,
  type ConcreteRequest,
  type ReaderFragment,
  type Variables,
} from 'relay-runtime';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvObjects } from '../../seed/csv';
import { distinctMemberPlaces } from '../support/domain';
import { startLocalApi, post, type LocalApi } from '../http/api';
import { ROOT, compile, connectionFragments, type ConnectionFragment } from './relay-app';
import { connectionFields } from './published';

const CURATED = JSON.parse(readFileSync(join(ROOT, 'seed', 'curated.json'), 'utf8')) as Record<string, unknown[]>;

/** Sizes of the lists without an unpaged twin, from the seed files. */
const COUNTS: Record<string, () => number> = {
  'Query.cities': () => distinctMemberPlaces().size,
  'Query.municipalities': () =>
    parseCsvObjects(readFileSync(join(ROOT, 'seed', 'municipalities.csv'), 'utf8'), ['state'] as const).filter((r) => r.state === 'Saarland').length,
  'Query.organizations': () => CURATED.organizations!.length,
};

/**
 * The example Relay app run as Relay runs it: relay-runtime executes the
 * refetch query relay-compiler generated for each paginated fragment, with
 * the variables usePaginationFragment sends for loadNext and loadPrevious, and
 * its connection handler merges the pages in the store. Reading the fragment
 * then gives the whole list. (react-relay's hooks only call these functions.)
 */
describe('the Relay app paging against the local API', () => {
  let api: LocalApi;
  let app: ReturnType<typeof compile>;
  /** One parent per node-type connection: the one with the longest list, read from the unpaged fields. */
  let parents: Record<string, string>;
  /** Each list in full from the unpaged (deprecated) field or a plain query, as the expectation. */
  let expected: Record<string, string[]>;

  beforeAll(async () => {
    app = compile();
    expect(app.status).toBe(0);
    api = await startLocalApi();
    const answer = await post(api.url, {
      query: `{
        programs { id memberships { id } }
        partnerships { id members { id } cities { id } organizations { id } }
        events { id } campaigns { id }
        all: cities(first: 100) { nodes { id organizations { id } events { id } } }
      }`,
    });
    expect(answer.json.errors).toBeUndefined();
    type Ids = Array<{ id: string }>;
    const data = answer.json.data as {
      programs: Array<{ id: string; memberships: Ids }>;
      partnerships: Array<{ id: string; members: Ids; cities: Ids; organizations: Ids }>;
      events: Ids;
      campaigns: Ids;
      all: { nodes: Array<{ id: string; organizations: Ids; events: Ids }> };
    };
    const longest = <T>(items: T[], size: (item: T) => number) => items.reduce((a, b) => (size(b) > size(a) ? b : a));
    const byEvents = longest(data.all.nodes, (c) => c.events.length);
    const byOrganizations = longest(data.all.nodes, (c) => c.organizations.length);
    const partnership = longest(data.partnerships, (p) => p.members.length);
    const network = data.programs.find((p) => p.id === 'Program:engagierte-stadt')!;
    parents = {
      'City.eventsConnection': byEvents.id,
      'City.organizationsConnection': byOrganizations.id,
      'Program.membershipsConnection': network.id,
      'Partnership.membersConnection': partnership.id,
      'Partnership.citiesConnection': partnership.id,
      'Partnership.organizationsConnection': partnership.id,
      'Campaign.portraits': data.campaigns[0]!.id,
    };
    const ids = (items: Ids) => items.map((i) => i.id);
    expected = {
      'City.eventsConnection': ids(byEvents.events),
      'City.organizationsConnection': ids(byOrganizations.organizations),
      'Program.membershipsConnection': ids(network.memberships),
      'Partnership.membersConnection': ids(partnership.members),
      'Partnership.citiesConnection': ids(partnership.cities),
      'Partnership.organizationsConnection': ids(partnership.organizations),
      // The seed holds no portraits; test/schema/feed-client.test.ts pages written ones.
      'Campaign.portraits': [],
      'Query.eventsConnection': ids(data.events),
      'Query.campaignsConnection': ids(data.campaigns),
      'Query.partnershipsConnection': ids(data.partnerships),
    };
    expect(expected['Program.membershipsConnection']!.length).toBeGreaterThan(100);
    expect(expected['City.eventsConnection']!.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    app?.cleanup();
    await api?.close();
  });

  /** A fresh Relay environment talking to the local API over HTTP. */
  function environment(): Environment {
    return new Environment({
      network: Network.create(async (params, variables) => {
        const answer = await post(api.url, { query: params.text, variables });
        return answer.json;
      }),
      store: new Store(new RecordSource()),
    });
  }

  /**
   * Pages one fragment's connection to its end (loadNext) or its start
   * (loadPrevious) and returns the node ids the fragment then reads from the store.
   */
  async function page(list: ConnectionFragment, direction: 'forward' | 'backward', size: number, extra: Variables): Promise<{ ids: string[]; requests: number }> {
    const query = require(app.artifactPath(list.refetchQuery!)).default as ConcreteRequest;
    const fragment = require(app.artifactPath(list.fragment)).default as ReaderFragment;
    const env = environment();
    let cursor: string | null = null;
    let requests = 0;
    let data: any;
    do {
      // What usePaginationFragment sends: the other direction's arguments explicitly null.
      const variables: Variables =
        direction === 'forward' ? { ...extra, first: size, after: cursor, last: null, before: null } : { ...extra, first: null, after: null, last: size, before: cursor };
      await fetchQuery(env, query, variables).toPromise();
      requests++;
      const root = env.lookup(createOperationDescriptor(getRequest(query), variables).fragment).data as any;
      const ref = list.type === 'Query' ? root : root.node;
      data = env.lookup(getSelector(fragment, ref) as any).data as any;
      const info = data[list.field].pageInfo;
      cursor = direction === 'forward' ? (info.hasNextPage ? info.endCursor : null) : info.hasPreviousPage ? info.startCursor : null;
      if (requests > 200) throw new Error('runaway paging');
    } while (cursor);
    return { ids: data[list.field].edges.map((e: { node: { id: string } }) => e.node.id), requests };
  }

  it('has a paginated fragment for every connection', () => {
    expect([...new Set(connectionFragments().map((f) => f.coordinate))].sort()).toEqual(connectionFields());
  });

  it.each(connectionFragments().map((f) => [f.coordinate, f] as const))('%s: loadNext to the end and loadPrevious to the start give the whole list', async (coordinate, list) => {
    const size = coordinate === 'Query.cities' ? 25 : coordinate === 'Program.membershipsConnection' ? 20 : coordinate === 'Query.municipalities' ? 10 : 3;
    const extra: Variables = coordinate === 'Query.municipalities' ? { state: 'DE-SL' } : parents[coordinate] ? { id: parents[coordinate] } : {};
    const forward = await page(list, 'forward', size, extra);
    const backward = await page(list, 'backward', size, extra);
    expect(new Set(forward.ids).size).toBe(forward.ids.length);
    expect(backward.ids).toEqual(forward.ids);
    expect(forward.requests).toBe(Math.max(1, Math.ceil(forward.ids.length / size)));
    expect(backward.requests).toBe(forward.requests);
    if (expected[coordinate]) expect([...forward.ids].sort()).toEqual([...expected[coordinate]!].sort());
    else expect(forward.ids).toHaveLength(COUNTS[coordinate]!());
  });
});

import { gql, codes } from '../support/lambda';
import { distinctMemberPlaces } from '../support/domain';
import { countingServer, type CountingServer } from '../support/server';

/**
 * Every growing list is a Relay connection that pages in both directions: a
 * client walking forward with `first`/`after` and one walking backward with
 * `last`/`before` see the same items in the same order, and `totalCount` says
 * how many there are.
 */
type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; edges: { cursor: string; node: { id: string } }[]; nodes: { id: string }[] };

/** `select(data)` finds the connection in an answer; `query` takes `$first $after $last $before`. */
async function walk(query: string, select: (data: any) => Page, size: number, direction: 'forward' | 'backward') {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total = -1;
  for (let round = 0; round < 500; round++) {
    const variables = direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
    const response = await gql(query, variables);
    expect(response.errors).toBeUndefined();
    const page = select(response.data);
    total = page.totalCount;
    expect(page.nodes.map((n) => n.id)).toEqual(page.edges.map((e) => e.node.id));
    expect(page.nodes.length).toBeLessThanOrEqual(size);
    if (direction === 'forward') {
      ids.push(...page.nodes.map((n) => n.id));
      expect(page.pageInfo.hasPreviousPage).toBe(cursor !== null);
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    } else {
      ids.unshift(...page.nodes.map((n) => n.id));
      expect(page.pageInfo.hasNextPage).toBe(cursor !== null);
      if (!page.pageInfo.hasPreviousPage) break;
      cursor = page.pageInfo.startCursor;
    }
  }
  return { ids, total };
}

const PAGE = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } nodes { id }';
const ARGS = 'first: $first, after: $after, last: $last, before: $before';
const VARS = '$first: Int, $after: String, $last: Int, $before: String';

const CONNECTIONS: { name: string; query: string; select: (data: any) => Page; old?: { query: string; select: (data: any) => { id: string }[] } }[] = [
  { name: 'Query.cities', query: `query(${VARS}) { c: cities(${ARGS}) { ${PAGE} } }`, select: (d) => d.c },
  {
    name: 'Query.eventsConnection',
    query: `query(${VARS}) { c: eventsConnection(${ARGS}) { ${PAGE} } }`,
    select: (d) => d.c,
    old: { query: '{ events { id } }', select: (d) => d.events },
  },
  {
    name: 'Query.campaignsConnection',
    query: `query(${VARS}) { c: campaignsConnection(${ARGS}) { ${PAGE} } }`,
    select: (d) => d.c,
    old: { query: '{ campaigns { id } }', select: (d) => d.campaigns },
  },
  {
    name: 'Query.partnershipsConnection',
    query: `query(${VARS}) { c: partnershipsConnection(${ARGS}) { ${PAGE} } }`,
    select: (d) => d.c,
    old: { query: '{ partnerships { id } }', select: (d) => d.partnerships },
  },
  { name: 'Query.organizations', query: `query(${VARS}) { c: organizations(${ARGS}) { ${PAGE} } }`, select: (d) => d.c },
  {
    name: 'Program.membershipsConnection',
    query: `query(${VARS}) { program(id: "engagierte-stadt") { c: membershipsConnection(${ARGS}) { ${PAGE} } } }`,
    select: (d) => d.program.c,
    old: { query: '{ program(id: "engagierte-stadt") { memberships { id } } }', select: (d) => d.program.memberships },
  },
  {
    name: 'Partnership.membersConnection',
    query: `query(${VARS}) { partnership(id: "regionalnetzwerk-anhalt") { c: membersConnection(${ARGS}) { ${PAGE} } } }`,
    select: (d) => d.partnership.c,
    old: { query: '{ partnership(id: "regionalnetzwerk-anhalt") { members { id } } }', select: (d) => d.partnership.members },
  },
  {
    name: 'Partnership.citiesConnection',
    query: `query(${VARS}) { partnership(id: "regionalnetzwerk-anhalt") { c: citiesConnection(${ARGS}) { ${PAGE} } } }`,
    select: (d) => d.partnership.c,
    old: { query: '{ partnership(id: "regionalnetzwerk-anhalt") { cities { id } } }', select: (d) => d.partnership.cities },
  },
  {
    name: 'Query.municipalities (state DE-SL)',
    query: `query(${VARS}) { c: municipalities(filter: { state: "DE-SL" }, ${ARGS}) { ${PAGE} } }`,
    select: (d) => d.c,
  },
];

describe('connections page in both directions', () => {
  it.each(CONNECTIONS)('$name: forward and backward walks meet the same items', async ({ query, select, old }) => {
    const total = select((await gql(query, { first: 1 })).data).totalCount;
    expect(total).toBeGreaterThan(0);
    // Three or four pages whatever the list's length, so every list crosses page borders.
    const forward = await walk(query, select, Math.ceil(total / 3), 'forward');
    const backward = await walk(query, select, Math.ceil(total / 4), 'backward');
    expect(forward.ids).toHaveLength(forward.total);
    expect(new Set(forward.ids).size).toBe(forward.ids.length);
    expect(backward.ids).toEqual(forward.ids);
    if (old) {
      // The deprecated unpaged field keeps answering, with the same items in the same order.
      const response = await gql(old.query);
      expect(response.errors).toBeUndefined();
      expect(old.select(response.data).map((n) => n.id)).toEqual(forward.ids);
    }
  });

  it('counts every member place of the member list', async () => {
    const response = await gql('{ cities(first: 1) { totalCount } }');
    expect(response.data!.cities.totalCount).toBe(distinctMemberPlaces().size);
  });

  it('takes `last` from the end of the whole list, not from a default first page', async () => {
    const all = await walk(`query(${VARS}) { c: cities(${ARGS}) { ${PAGE} } }`, (d) => d.c, 100, 'forward');
    const response = await gql('{ cities(last: 5) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }');
    expect(response.data!.cities.nodes.map((n: { id: string }) => n.id)).toEqual(all.ids.slice(-5));
    expect(response.data!.cities.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('reads an explicit null `first` as absent, as Relay sends it when paging backward', async () => {
    // usePaginationFragment's loadPrevious sends `first: null, after: null` beside `last`/`before`.
    const query = `query ($first: Int, $last: Int) {
      cities(first: $first, last: $last) { nodes { id } }
      municipalities(first: $first, last: $last, filter: { state: "DE-HB" }) { nodes { ags } }
    }`;
    const all = await gql(`{ cities(first: 100) { totalCount } municipalities(first: 100, filter: { state: "DE-HB" }) { nodes { ags } } }`);
    const total = all.data!.cities.totalCount as number;
    const fromEnd = await gql(query, { first: null, last: 1 });
    expect(fromEnd.errors).toBeUndefined();
    expect(fromEnd.data!.cities.nodes).toEqual((await gql(`{ cities(last: 1) { nodes { id } } }`)).data!.cities.nodes);
    expect(total).toBeGreaterThan(1);
    expect(fromEnd.data!.municipalities.nodes).toEqual(all.data!.municipalities.nodes.slice(-1));
    const literal = await gql('{ municipalities(first: null, last: 1, filter: { state: "DE-HB" }) { nodes { ags } } }');
    expect(literal.errors).toBeUndefined();
    expect(literal.data!.municipalities.nodes).toEqual(all.data!.municipalities.nodes.slice(-1));
  });

  it('orders by the requested field and direction', async () => {
    const response = await gql(`{
      asc: eventsConnection(first: 100, orderBy: { field: START_DATE, direction: ASC }) { nodes { startDate } }
      desc: eventsConnection(first: 100) { nodes { startDate } }
    }`);
    expect(response.errors).toBeUndefined();
    const dated = (nodes: { startDate: string | null }[]) => nodes.map((n) => n.startDate).filter((d): d is string => d !== null);
    const asc = dated(response.data!.asc.nodes);
    const desc = dated(response.data!.desc.nodes);
    expect(asc.length).toBeGreaterThan(1);
    expect(asc).toEqual([...asc].sort());
    expect(desc).toEqual([...asc].sort().reverse());
    // Undated events come last in either direction.
    for (const nodes of [response.data!.asc.nodes, response.data!.desc.nodes]) {
      expect(nodes.slice(0, dated(nodes).length).every((n: { startDate: string | null }) => n.startDate !== null)).toBe(true);
    }
  });

  it.each([
    ['last: 0', '{ cities(last: 0) { totalCount } }'],
    ['last: 101', '{ cities(last: 101) { totalCount } }'],
    ['a made-up before cursor', '{ cities(last: 2, before: "bm9wZQ") { totalCount } }'],
    ['first with last on municipalities', '{ municipalities(first: 2, last: 2) { totalCount } }'],
  ])('answers BAD_USER_INPUT for %s', async (_name, query) => {
    const response = await gql(query);
    expect(codes(response)).toContain('BAD_USER_INPUT');
  });

  it('prices a page from the end by its size, like a page from the front', async () => {
    const cost = async (query: string) => ((await gql(query)).extensions as { cost: { requested: number } }).cost.requested;
    const forward = await cost('{ cities(first: 50) { nodes { name } } }');
    expect(await cost('{ cities(last: 50) { nodes { name } } }')).toBe(forward);
    expect(await cost('{ cities(last: 5) { nodes { name } } }')).toBeLessThan(forward);
  });

  it('declares the defaults in the schema, where introspection and generators see them', async () => {
    const response = await gql(`{ __type(name: "Query") { fields { name args { name defaultValue } } } }`);
    const fields = response.data!.__type.fields as { name: string; args: { name: string; defaultValue: string | null }[] }[];
    const arg = (field: string, name: string) => fields.find((f) => f.name === field)?.args.find((a) => a.name === name)?.defaultValue;
    expect(arg('cities', 'first')).toBe('20');
    expect(arg('cities', 'orderBy')).toBe('{field: NAME, direction: ASC}');
    expect(arg('eventsConnection', 'orderBy')).toBe('{field: START_DATE, direction: DESC}');
  });
});

describe('nodes(ids:)', () => {
  it('answers objects in the order asked, null for unknown ids', async () => {
    const ids = ['Program:k2', 'City:dessau-rosslau', 'City:no-such-place', 'Municipality:15001000', 'Nope:1'];
    const response = await gql('query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }', { ids });
    expect(response.errors).toBeUndefined();
    expect(response.data!.nodes).toEqual([
      { id: 'Program:k2', __typename: 'Program' },
      { id: 'City:dessau-rosslau', __typename: 'City' },
      null,
      { id: 'Municipality:15001000', __typename: 'Municipality' },
      null,
    ]);
  });

  it('refuses more than 100 ids with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `Municipality:${String(15001000 + i)}`);
    const response = await gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('DynamoDB requests of connections', () => {
  let api: CountingServer;
  beforeAll(async () => {
    api = await countingServer();
  });
  afterAll(() => api.server.stop());

  it('nodes(ids:) reads 100 ids of several types in one batch round', async () => {
    const cities = (await gql('{ cities(first: 50) { nodes { id } } }')).data!.cities.nodes.map((n: { id: string }) => n.id);
    const municipalities = (await gql('{ municipalities(first: 50) { nodes { id } } }')).data!.municipalities.nodes.map((n: { id: string }) => n.id);
    const result = await api.run('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [...cities, ...municipalities] });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.nodes.filter(Boolean)).toHaveLength(100);
    expect(result.byCommand).toEqual({ BatchGetItemCommand: 1 });
  });

  it('pages a programme\'s memberships in memory: a later page costs what the first does', async () => {
    const query = 'query($after: String) { program(id: "engagierte-stadt") { membershipsConnection(first: 10, after: $after) { pageInfo { endCursor } nodes { participantName city { name } } } } }';
    const first = await api.run(query);
    const second = await api.run(query, { after: first.body.data.program.membershipsConnection.pageInfo.endCursor });
    const unpaged = await api.run('{ program(id: "engagierte-stadt") { memberships { participantName city { name } } } }');
    expect(second.body.errors).toBeUndefined();
    expect(second.requests).toBe(first.requests);
    expect(first.requests).toBeLessThanOrEqual(unpaged.requests);
  });
});

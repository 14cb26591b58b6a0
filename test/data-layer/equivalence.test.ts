import { getNamedType, isAbstractType, isLeafType, isNonNullType, isObjectType, isInterfaceType, Lexer, Source, TokenKind, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { NetworkRepository, NetworkWriter, type EntityWrite, type TableStore } from '../../functions/data';
import type { SeedBundle } from '../../functions/data/model';
import { seedTable } from '../../functions/data/seeding';
import { createContext } from '../../functions/graphql/context';
import { buildSchema } from '../../functions/graphql/schema';
import { createApolloServer } from '../../functions/graphql/server';
import { createLogger } from '../../functions/shared/log';
import { seedPlan } from '../../local/seed';
import { loadSeedBundle, readMunicipalities } from '../../seed/seed';
import { freshTable } from './support';

/**
 * Done-when of issue 8: "a seeded store and a store written through the API
 * look the same to every query". Table A is seeded; table B gets only the
 * reference data (municipalities, reported counts: no API writes them) and
 * every entity through the API's write path: memberships through the
 * partner mutation `upsertProgramMemberships` on the production Apollo server
 * where the partner API can express them, everything else (no mutation exists
 * for it yet) through NetworkWriter as the API writes, one entity per
 * transaction with `writtenBy: 'api'`. Every public root field is then queried
 * on both with every field the schema offers, and the answers must be equal.
 *
 * Only two things may differ, and are translated, not ignored: a membership
 * created through the partner API gets a fresh surrogate id (the partner names
 * it by its external id, here the seeded id), so B's ids are mapped to A's;
 * and the `changes` feed's bookkeeping (`version`, `created`, `modified`, its
 * cursors and the export's order), which records when and in what order
 * things were written, not what they are.
 */
const logger = createLogger('error', () => undefined);
const server = createApolloServer({ logger, environment: 'test', schema: buildSchema({ validate: true }) });
const schema: GraphQLSchema = buildSchema();
const bundle: SeedBundle = loadSeedBundle();

interface World {
  store: TableStore;
  repo: NetworkRepository;
}
let a: World;
let b: World;
/** Membership id in B → the seeded id in A (and back). */
const toA = new Map<string, string>();
const toB = new Map<string, string>();
let throughHandler = 0;

async function run(world: World, query: string, variables: Record<string, unknown> = {}, principal?: Parameters<typeof createContext>[0]['principal']) {
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext({ repo: world.repo, logger, ...(principal ? { principal } : {}) }) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: any; errors?: readonly any[] };
}

function translate(value: string, map: Map<string, string>): string {
  if (map.size === 0) return value;
  const pattern = new RegExp([...map.keys()].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return value.replace(pattern, (id) => map.get(id)!);
}

async function writeInParallel(writer: NetworkWriter, writes: EntityWrite[], inFlight = 4): Promise<void> {
  const queue = [...writes];
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let write = queue.shift(); write; write = queue.shift()) await writer.write([write], { writtenBy: 'api' });
    }),
  );
}

beforeAll(async () => {
  await server.start();
  const plan = seedPlan(bundle);
  const tableA = await freshTable('seeded');
  await seedTable(tableA.store, plan.input);
  a = { store: tableA.store, repo: new NetworkRepository(tableA.store) };

  const tableB = await freshTable('api-written');
  await seedTable(tableB.store, { ...plan.input, records: [] });
  b = { store: tableB.store, repo: new NetworkRepository(tableB.store) };
  const writer = new NetworkWriter(tableB.store);
  const create = <T extends EntityWrite['type']>(type: T, records: readonly { id: string }[]) =>
    records.map((record) => ({ kind: 'put', type, record, expectedVersion: null }) as EntityWrite);
  // What a record hangs off exists before it (the write path checks it).
  await writeInParallel(writer, [...create('City', bundle.cities), ...create('DataSource', bundle.dataSources), ...create('ApplicationRound', bundle.applicationRounds)]);
  await writeInParallel(writer, create('Organization', bundle.organizations));
  await writeInParallel(writer, [...create('Program', bundle.programs), ...create('Partnership', bundle.partnerships)]);
  await writeInParallel(writer, [...create('PartnershipMember', bundle.partnershipMembers), ...create('Campaign', bundle.campaigns), ...create('Event', bundle.events)]);

  // Memberships: through the partner mutation where it can say the same thing.
  const cities = new Map(bundle.cities.map((c) => [c.id, c]));
  const municipalities = new Map(readMunicipalities().map((m) => [m.ags, m]));
  const viaHandler = new Map<string, { membership: SeedBundle['memberships'][number]; input: Record<string, unknown> }[]>();
  const direct: EntityWrite[] = [];
  for (const membership of bundle.memberships) {
    const city = membership.cityId ? cities.get(membership.cityId) : undefined;
    const row = !membership.cityId && membership.participantAgs ? municipalities.get(membership.participantAgs) : undefined;
    const linked = row ? bundle.cities.some((c) => c.ags === row.ags) : false;
    // The partner API derives the participant from the place it names.
    const derived = city
      ? { cityId: city.id, participantName: city.name, participantState: city.state, participantAgs: city.ags }
      : row && !linked
        ? { cityId: null, participantName: row.name, participantState: row.state, participantAgs: row.ags }
        : null;
    const same =
      derived &&
      derived.cityId === membership.cityId &&
      derived.participantName === membership.participantName &&
      derived.participantState === membership.participantState &&
      derived.participantAgs === membership.participantAgs &&
      // The partner API takes texts of at most 300 characters.
      (membership.note ?? '').length <= 300 &&
      (membership.cohort ?? '').length <= 300;
    if (!same) {
      direct.push({ kind: 'put', type: 'ProgramMembership', record: membership, expectedVersion: null });
      continue;
    }
    const input = {
      externalId: membership.id,
      ...(city ? { cityId: city.id } : { ags: membership.participantAgs }),
      startDate: membership.startDate,
      endDate: membership.endDate,
      cohort: membership.cohort,
      note: membership.note,
      sourceUrls: membership.sourceUrls,
    };
    viaHandler.set(membership.programId, [...(viaHandler.get(membership.programId) ?? []), { membership, input }]);
  }
  await writeInParallel(writer, direct);
  const UPSERT = `mutation ($programId: ID!, $memberships: [ProgramMembershipInput!]!, $key: String!) {
    upsertProgramMemberships(programId: $programId, memberships: $memberships, idempotencyKey: $key) { results { externalId outcome membershipId error { code message } } }
  }`;
  for (const [programId, items] of viaHandler) {
    const result = await run(b, UPSERT, { programId, memberships: items.map((i) => i.input), key: `equivalence-${programId}` }, { kind: 'admin', keyId: 'k-admin' });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    for (const r of result.data.upsertProgramMemberships.results) {
      if (r.outcome !== 'CREATED') throw new Error(`membership ${r.externalId} not created: ${JSON.stringify(r.error)}`);
      const id = String(r.membershipId).replace(/^ProgramMembership:/, '');
      toA.set(id, r.externalId);
      toB.set(r.externalId, id);
      throughHandler++;
    }
  }
}, 600_000);
afterAll(() => server.stop());

// ---- every field of every public root query -----------------------------------

function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/**
 * Every field of a type that needs no argument, nested `depth` levels deep;
 * abstract types by each possible type, their fields aliased by type (`kind`
 * of a City and of an Organization may not share a response key).
 */
function selection(type: GraphQLNamedType, depth: number, aliased: ReadonlySet<string> = new Set(), prefix = ''): string {
  if (isLeafType(type)) return '';
  if (isAbstractType(type)) {
    if (depth === 0) return '__typename';
    const possible = schema.getPossibleTypes(type);
    // Only fields whose type differs between the possible types need an alias.
    const typesOf = new Map<string, Set<string>>();
    for (const t of possible) for (const f of Object.values(t.getFields())) typesOf.set(f.name, (typesOf.get(f.name) ?? new Set()).add(String(f.type)));
    const conflicting = new Set([...typesOf].filter(([, types]) => types.size > 1).map(([name]) => name));
    return `__typename ${possible.map((t) => `... on ${t.name} { ${selection(t, depth, conflicting, `${t.name}_`)} }`).join(' ')}`;
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    const name = aliased.has(field.name) ? `${prefix}${field.name}: ${field.name}` : field.name;
    if (isLeafType(named)) parts.push(name);
    else if (depth > 0) {
      const inner = selection(named, depth - 1);
      if (inner) parts.push(`${name} { ${inner} }`);
    }
  }
  return parts.join(' ') || '__typename';
}

/** Full queries of a root field, deepest first, within the token limit; `answer` picks the deepest the other public limits accept. */
function rootQuery(field: string, args = ''): string[] {
  const definition = schema.getQueryType()!.getFields()[field]!;
  const named = getNamedType(definition.type);
  const candidates: string[] = [];
  for (let depth = 4; depth >= 0; depth--) {
    const query = `{ ${field}${args} { ${selection(named, depth)} } }`;
    if (countTokens(query) <= 1_900) candidates.push(query);
  }
  return candidates;
}

const LIMIT_CODES = new Set(['TOO_MANY_TOKENS', 'TOO_MANY_ALIASES', 'QUERY_TOO_COSTLY', 'QUERY_TOO_DEEP', 'TOO_MANY_DIRECTIVES']);

/** Where two answers first part, to read in a failure. */
function firstDifference(x: unknown, y: unknown, path = ''): string {
  if (JSON.stringify(x) === JSON.stringify(y)) return '';
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const found = firstDifference((x as any)[key], (y as any)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(x)?.slice(0, 200)} ≠ ${JSON.stringify(y)?.slice(0, 200)}`;
}

function rootFieldsExcept(...covered: string[]): string[] {
  return Object.keys(schema.getQueryType()!.getFields()).filter((name) => !covered.includes(name));
}

const gid = (type: string, id: string) => `${type}:${id}`;

/** Every root query to compare; ids are A's (B's queries get them translated). */
function queries(): string[][] {
  const list: string[][] = [];
  const quoted = (value: string) => JSON.stringify(value);
  for (const city of bundle.cities.slice(0, 12)) list.push(rootQuery('city', `(id: ${quoted(city.id)})`));
  for (const city of bundle.cities.filter((c) => c.ags).slice(0, 5)) list.push(rootQuery('city', `(ags: ${quoted(city.ags!)})`));
  for (const program of bundle.programs) list.push(rootQuery('program', `(id: ${quoted(program.id)})`));
  for (const partnership of bundle.partnerships) list.push(rootQuery('partnership', `(id: ${quoted(partnership.id)})`));
  for (const organization of bundle.organizations.slice(0, 10)) list.push(rootQuery('organization', `(id: ${quoted(organization.id)})`));
  for (const campaign of bundle.campaigns) list.push(rootQuery('campaign', `(id: ${quoted(campaign.id)})`));
  for (const ags of [...bundle.cities.filter((c) => c.ags).slice(0, 5).map((c) => c.ags!), '08117026', '08115003']) list.push(rootQuery('municipality', `(ags: ${quoted(ags)})`));
  const memberships = bundle.memberships.map((m) => gid('ProgramMembership', m.id));
  for (let i = 0; i < memberships.length; i += 25) list.push(rootQuery('nodes', `(ids: ${JSON.stringify(memberships.slice(i, i + 25))})`));
  for (const id of [gid('City', bundle.cities[0]!.id), gid('Program', bundle.programs[0]!.id), gid('Partnership', bundle.partnerships[0]!.id), gid('Municipality', '15001000'), memberships[0]!]) {
    list.push(rootQuery('node', `(id: ${quoted(id)})`));
  }
  list.push(rootQuery('cities', '(first: 100)'), rootQuery('cities', '(first: 100, orderBy: { field: NAME, direction: DESC })'));
  list.push(rootQuery('municipalities', '(first: 100, filter: { isMember: true })'), rootQuery('municipalities', '(first: 50)'));
  list.push(rootQuery('organizations', '(first: 100)'), rootQuery('eventsConnection', '(first: 100)'), rootQuery('campaignsConnection', '(first: 100)'));
  list.push(rootQuery('partnershipsConnection', '(first: 100)'));
  // The remaining root fields take no required argument.
  for (const field of rootFieldsExcept('city', 'program', 'partnership', 'organization', 'campaign', 'municipality', 'node', 'nodes', 'cities', 'municipalities', 'organizations', 'eventsConnection', 'campaignsConnection', 'partnershipsConnection', 'changes')) {
    list.push(rootQuery(field));
  }
  return list;
}

describe('a seeded table and one written through the API', () => {
  it('wrote most memberships through the partner mutation (so the comparison covers the handler path)', () => {
    expect(throughHandler).toBeGreaterThan(bundle.memberships.length / 2);
  });

  it('answer every public root query alike, every field included', async () => {
    const all = queries();
    // Every root field is asked at least once (changes is compared below).
    const asked = new Set(all.map((q) => /^\{ (\w+)/.exec(q[0]!)![1]));
    expect([...asked, 'changes'].sort()).toEqual(Object.keys(schema.getQueryType()!.getFields()).sort());
    const differences: string[] = [];
    for (const candidates of all) {
      // The deepest candidate the public limits accept.
      let query = candidates[0]!;
      let fromA = await run(a, query);
      for (const next of candidates.slice(1)) {
        if (!fromA.errors?.some((e) => LIMIT_CODES.has(e.extensions?.code))) break;
        query = next;
        fromA = await run(a, query);
      }
      const fromB = JSON.parse(translate(JSON.stringify(await run(b, translate(query, toB))), toA));
      if (JSON.stringify(fromA) !== JSON.stringify(fromB)) differences.push(`${query.slice(0, 100)}: ${firstDifference(fromA, fromB)}`);
      // An answer that is only errors would compare equal and prove nothing.
      else if (!fromA.data) differences.push(`${query.slice(0, 100)}: no data ${JSON.stringify(fromA.errors)}`);
    }
    expect(differences).toEqual([]);
  }, 300_000);

  it('export the same state through `changes` (feed bookkeeping aside)', async () => {
    const entry = schema.getType('ChangeEntry')!;
    const changesQuery = (depth: number) => `query ($since: String) { changes(since: $since, first: 100) { entries { ${selection(entry, depth)} } nextCursor hasMore } }`;
    // The deepest entry selection the public limits accept.
    let depth = 3;
    for (; depth > 0; depth--) {
      if (countTokens(changesQuery(depth)) > 1_900) continue;
      const probe = await run(a, changesQuery(depth), { since: null });
      if (!probe.errors?.some((e) => LIMIT_CODES.has(e.extensions?.code))) break;
    }
    const CHANGES = changesQuery(depth);
    const exportOf = async (world: World) => {
      const entries: any[] = [];
      let since: string | null = null;
      for (let page = 0; page < 100; page++) {
        const result = await run(world, CHANGES, { since });
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        entries.push(...result.data.changes.entries);
        since = result.data.changes.nextCursor;
        if (!result.data.changes.hasMore) break;
      }
      // version/created/modified say when and in which order things were written; the rest is what they are.
      return entries.map(({ version: _v, created: _c, modified: _m, ...entry }) => JSON.stringify(entry)).sort();
    };
    const fromA = await exportOf(a);
    const fromB = (await exportOf(b)).map((entry) => translate(entry, toA)).sort();
    expect(fromA.length).toBeGreaterThan(bundle.cities.length);
    expect(fromB).toEqual(fromA);
  }, 300_000);
});

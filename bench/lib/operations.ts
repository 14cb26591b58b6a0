/**
 * The documented operations every benchmark runs, and the analytic minimum
 * DynamoDB cost of answering each with this table's key design.
 *
 * Minimum, defined: the fewest requests that return every item the response is
 * built from, planned with hindsight (all ids known as early as the data
 * allows), where a Query returns at most 1 MB per page and pages follow one
 * another, a BatchGetItem takes up to 100 keys of any entity types, and reads
 * are eventually consistent (0.5 RCU per 4 KB: summed over a Query's bytes,
 * rounded up per item for BatchGetItem). Minimum rounds is the length of the
 * longest chain of requests that each need an answer of the one before.
 */
import { keys, type SeedBundle } from '../../functions/data';
import { seedItems } from '../../functions/data/bulk-items';
import type { MunicipalityRecord } from '../../functions/data/model';

export interface Operation {
  name: string;
  description: string;
  query: string;
  variables: Record<string, unknown>;
  /** Whether the operation reads lists that grow with the synthetic data. */
  scales: boolean;
}

export const CITY_ID = 'dessau-rosslau';
export const CITY_AGS = '15001000';
export const PROGRAM_ID = 'engagierte-stadt';

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'cityPage',
    description: 'A city page: facts, programme memberships, partnerships with their members, local organisations, campaigns, municipality',
    scales: true,
    variables: { id: CITY_ID },
    query: `query CityPage($id: ID!) {
  city(id: $id) {
    id name kind state ags memberStatus
    population { value asOf }
    location { lat lon }
    memberships { id status startDate endDate program { id name shortName } }
    partnerships { id name kind cities { id name } organizations { id name } }
    organizations { id name kind }
    campaigns { id name partnership { id name } cities { id name } }
    municipality { ags name population { value } }
  }
}`,
  },
  {
    name: 'networkMap',
    description: 'The network map: current member cities (first page of 100) with location and programmes',
    scales: true,
    variables: {},
    query: `query NetworkMap {
  cities(first: 100, filter: { memberStatus: CURRENT }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name state location { lat lon } memberships { startDate endDate program { id shortName } } }
  }
}`,
  },
  {
    name: 'programMembers',
    description: "A programme's members with their cities (Engagierte Stadt itself, the largest)",
    scales: true,
    variables: { id: PROGRAM_ID },
    query: `query ProgramMembers($id: ID!) {
  program(id: $id) {
    id name membershipCount
    memberships { id status startDate endDate city { id name state location { lat lon } } }
  }
}`,
  },
  {
    name: 'municipalityPage',
    description: 'A municipality with its eligibility and the member city it is',
    scales: false,
    variables: { ags: CITY_AGS },
    query: `query MunicipalityPage($ags: String!) {
  municipality(ags: $ags) {
    ags name kind population { value } eligibility { status }
    city { id name memberStatus }
  }
}`,
  },
  {
    name: 'municipalitySearch',
    description: 'Municipality search by name prefix, first 20, with total',
    scales: false,
    variables: { search: 'goepp' },
    query: `query MunicipalitySearch($search: String!) {
  municipalities(filter: { search: $search }, first: 20) {
    totalCount
    nodes { ags name state population { value } eligibility { status } }
  }
}`,
  },
];

export function operation(name: string): Operation {
  const found = OPERATIONS.find((o) => o.name === name);
  if (!found) throw new Error(`No operation ${name}`);
  return found;
}

// ---- analytic minimum -------------------------------------------------------

type Item = Record<string, unknown>;

/** DynamoDB's item size: attribute names plus values (strings in UTF-8, numbers about 1 byte per 2 digits). */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) if (value !== undefined) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return 1 + Math.ceil(String(Math.abs(value)).replace('.', '').length / 2);
  if (value === null || typeof value === 'boolean') return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') return 3 + itemSize(value as Item) + Object.keys(value as Item).length;
  return 0;
}

export interface Cost {
  requests: number;
  rounds: number;
  capacityUnits: number;
}

const MB = 1024 * 1024;
const KB4 = 4096;

function query(items: readonly Item[]): Cost {
  const bytes = items.reduce((sum, i) => sum + itemSize(i), 0);
  const pages = Math.max(1, Math.ceil(bytes / MB));
  return { requests: pages, rounds: pages, capacityUnits: Math.max(0.5, Math.ceil(bytes / KB4) * 0.5) };
}

function batchGet(items: readonly Item[]): Cost {
  if (items.length === 0) return { requests: 0, rounds: 0, capacityUnits: 0 };
  return {
    requests: Math.ceil(items.length / 100),
    rounds: 1,
    capacityUnits: items.reduce((sum, i) => sum + Math.ceil(itemSize(i) / KB4) * 0.5, 0),
  };
}

/** Requests of one round run side by side. */
function parallel(...costs: Cost[]): Cost {
  return {
    requests: costs.reduce((s, c) => s + c.requests, 0),
    rounds: Math.max(0, ...costs.map((c) => c.rounds)),
    capacityUnits: costs.reduce((s, c) => s + c.capacityUnits, 0),
  };
}

function sequence(...costs: Cost[]): Cost {
  return {
    requests: costs.reduce((s, c) => s + c.requests, 0),
    rounds: costs.reduce((s, c) => s + c.rounds, 0),
    capacityUnits: costs.reduce((s, c) => s + c.capacityUnits, 0),
  };
}

function cheaper(a: Cost, b: Cost): Cost {
  return a.requests < b.requests || (a.requests === b.requests && a.capacityUnits <= b.capacityUnits) ? a : b;
}

/** The table's items for a bundle, indexed the way the minimum plans read them. */
export class TableModel {
  readonly items: Item[];
  private readonly byKey = new Map<string, Item>();

  constructor(
    readonly bundle: SeedBundle,
    private readonly municipalities: readonly MunicipalityRecord[],
  ) {
    this.items = seedItems(bundle);
    for (const item of this.items) this.byKey.set(`${String(item.pk)}|${String(item.sk)}`, item);
  }

  get(key: { pk: string; sk: string }): Item | undefined {
    return this.byKey.get(`${key.pk}|${key.sk}`);
  }

  where(attribute: string, value: string, prefix?: string): Item[] {
    return this.items.filter((i) => i[attribute] === value && (!prefix || String(i[attribute.replace('pk', 'sk')]).startsWith(prefix)));
  }

  municipality(ags: string): Item | undefined {
    const record = this.municipalities.find((m) => m.ags === ags);
    return record ? { ...record, ...keys.municipalityKey(ags), gsi1pk: 'x'.repeat(15), gsi1sk: 'x'.repeat(30), gsi2pk: 'Municipality', gsi2sk: ags, gsi3pk: 'x'.repeat(17), gsi3sk: ags, entityType: 'Municipality' } : undefined;
  }

  municipalitiesWithPrefix(prefix: string): Item[] {
    return this.municipalities.filter((m) => m.name.toLowerCase().replace('ö', 'oe').startsWith(prefix)).map((m) => this.municipality(m.ags)!);
  }
}

const present = (items: (Item | undefined)[]): Item[] => [...new Set(items.filter((i): i is Item => i !== undefined))];

/** The minimum cost of an operation over the given table contents. */
export function minimumCost(name: string, table: TableModel): Cost {
  const standalone = (type: keys.StandaloneType, id: string) => table.get(keys.standaloneKey(type, id));
  const directory = (type: string) => table.where('gsi2pk', type);
  switch (name) {
    case 'cityPage': {
      const collection = table.where('gsi1pk', 'City', `${CITY_ID}#`);
      const city = collection.find((i) => i.entityType === 'City')!;
      const partnershipIds = [...new Set(collection.filter((i) => i.entityType === 'PartnershipMember').map((i) => String(i.partnershipId)))];
      const programIds = [...new Set(collection.filter((i) => i.entityType === 'ProgramMembership').map((i) => String(i.programId)))];
      const campaigns = directory('Campaign').filter((c) => (c.cityIds as string[]).includes(CITY_ID));
      // Round 1: the city's collection; organisations and campaigns have no by-city index, so their directories.
      const first = parallel(query(collection), query(directory('Organization')), query(directory('Campaign')));
      // Round 2: everything whose id round 1 named, in one BatchGet; each partnership's member collection.
      const members = partnershipIds.map((id) => table.where('pk', `Partnership#${id}`).filter((i) => i.entityType === 'PartnershipMember'));
      const second = parallel(
        batchGet(present([
          ...programIds.map((id) => standalone('Program', id)),
          ...partnershipIds.map((id) => standalone('Partnership', id)),
          ...campaigns.flatMap((c) => [...(c.cityIds as string[]).map((id) => standalone('City', id)), c.partnershipId ? standalone('Partnership', String(c.partnershipId)) : undefined]),
          city.ags ? table.municipality(String(city.ags)) : undefined,
        ])),
        cheaper(parallel(...members.map(query)), query(directory('Partnership'))),
      );
      // Round 3: the members of those partnerships.
      const third = batchGet(present(members.flat().map((m) => standalone(m.memberType as 'City' | 'Organization', String(m.memberId)))));
      return sequence(first, second, third);
    }
    case 'networkMap': {
      // memberStatus and totalCount need every member place with its memberships: the whole city partition.
      const partition = table.where('gsi1pk', 'City');
      const programIds = [...new Set(partition.filter((i) => i.entityType === 'ProgramMembership').map((i) => String(i.programId)))];
      return sequence(query(partition), batchGet(present(programIds.map((id) => standalone('Program', id)))));
    }
    case 'programMembers': {
      const collection = table.where('pk', `Program#${PROGRAM_ID}`);
      const cityIds = [...new Set(collection.map((i) => i.cityId).filter((id): id is string => typeof id === 'string'))];
      return sequence(query(collection), batchGet(present(cityIds.map((id) => standalone('City', id)))));
    }
    case 'municipalityPage': {
      const municipality = table.municipality(CITY_AGS)!;
      const cityId = municipality.cityId as string | null;
      return sequence(
        parallel(batchGet([municipality]), query(directory('ApplicationRound'))),
        cityId ? query(table.where('gsi1pk', 'City', `${cityId}#`)) : { requests: 0, rounds: 0, capacityUnits: 0 },
      );
    }
    case 'municipalitySearch':
      // One Query of the name index returns the page and, fetched whole, the total; rounds for eligibility.
      return parallel(query(table.municipalitiesWithPrefix('goepp')), query(directory('ApplicationRound')));
    default:
      throw new Error(`No minimum for ${name}`);
  }
}

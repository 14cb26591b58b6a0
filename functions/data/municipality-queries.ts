/**
 * The municipality query planner: pages of the 10,786-row reference table by
 * AGS, state or folded name prefix, with population and membership filters,
 * each page's reads bounded (docs/API.md, "Read limits").
 */
import { ValidationError } from '../shared/errors';
import { GSI1, GSI2, GSI3, municipalityKey, municipalityNamePartition, municipalityStatePartition } from './keys';
import type { MunicipalityRecord } from './model';
import type { Item, TableStore } from './store';
import { municipalityFromItem } from './item-codec';

export interface MunicipalityQuery {
  state?: string | undefined;
  /** Folded name prefix (`foldName`), at least one character. */
  namePrefix?: string | undefined;
  population?: { min?: number | undefined; max?: number | undefined } | undefined;
  isMember?: boolean | undefined;
  /** Sort key value to start after (from a cursor); with `backward`, to end before. */
  after?: string | undefined;
  /** Read the index from its end: the page is the `limit` items before `after` (or the last ones). */
  backward?: boolean | undefined;
  limit: number;
}

export interface MunicipalityPage {
  /** In index order, also when read backward. */
  items: MunicipalityRecord[];
  /** More items follow in the direction read (before the page when read backward). */
  hasNextPage: boolean;
  /** Sort key value of each item, to build cursors from. */
  sortKeys: string[];
  /** Set when the read bound ended the page early: the sort key value to continue after. */
  resumeAfter?: string;
}

/**
 * The most one municipalities page reads: Queries of at most this many
 * evaluated items each (docs/API.md, "Read limits"). A COUNT for `totalCount`
 * reads the whole matching range of at most 10,786 items.
 */
export const MUNICIPALITY_READ_BOUND = Object.freeze({ queriesPerPage: 4, itemsPerQuery: 500 });

function emptyRange(population: MunicipalityQuery['population']): boolean {
  return population?.min !== undefined && population.max !== undefined && population.min > population.max;
}

/**
 * A page of municipalities in AGS order (or folded-name order with
 * `namePrefix`), using the narrowest index for the key condition and a
 * filter for the rest. Reads are bounded (MUNICIPALITY_READ_BOUND): when the
 * filter matches too rarely to fill the page within the bound, the page is
 * shorter, `hasNextPage` is true and `resumeAfter` says where to go on.
 * An empty population range answers without reading.
 */
export async function municipalityPage(store: TableStore, query: MunicipalityQuery): Promise<MunicipalityPage> {
  if (emptyRange(query.population)) return { items: [], hasNextPage: false, sortKeys: [] };
  const plan = municipalityPlan(query);
  const filtered = plan.input.FilterExpression !== undefined;
  const { items, exhausted, resumeKey } = await store.queryUntil(
    {
      ...plan.input,
      ...(query.after ? { ExclusiveStartKey: plan.startKey(query.after) } : {}),
      ...(query.backward ? { ScanIndexForward: false } : {}),
    },
    query.limit + 1,
    {
      maxRequests: MUNICIPALITY_READ_BOUND.queriesPerPage,
      // Without a filter every evaluated item is returned: read no more than the page.
      evaluate: filtered ? MUNICIPALITY_READ_BOUND.itemsPerQuery : query.limit + 1,
    },
  );
  const page = items.slice(0, query.limit);
  const short = items.length <= query.limit && !exhausted;
  if (query.backward) page.reverse();
  return {
    items: page.map(municipalityFromItem),
    hasNextPage: items.length > query.limit || !exhausted,
    sortKeys: page.map((item) => String(item[plan.sortKey])),
    ...(short && resumeKey ? { resumeAfter: String(resumeKey[plan.sortKey]) } : {}),
  };
}

export async function countMunicipalities(store: TableStore, query: Omit<MunicipalityQuery, 'after' | 'limit'>): Promise<number> {
  if (emptyRange(query.population)) return 0;
  return store.count(municipalityPlan({ ...query, limit: 1 }).input);
}

/** The narrowest index for the key condition, a filter for the rest, and how a cursor resumes. */
function municipalityPlan(query: MunicipalityQuery) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  let index = GSI2;
  let keyCondition: string;
  if (query.namePrefix) {
    index = GSI1;
    names['#pk'] = GSI1.partitionKey;
    names['#sk'] = GSI1.sortKey;
    values[':pk'] = municipalityNamePartition(query.namePrefix);
    values[':prefix'] = query.namePrefix;
    keyCondition = '#pk = :pk AND begins_with(#sk, :prefix)';
    if (query.state) {
      names['#state'] = 'state';
      values[':state'] = query.state;
      filters.push('#state = :state');
    }
  } else if (query.state) {
    index = GSI3;
    names['#pk'] = GSI3.partitionKey;
    values[':pk'] = municipalityStatePartition(query.state);
    keyCondition = '#pk = :pk';
  } else {
    names['#pk'] = GSI2.partitionKey;
    values[':pk'] = 'Municipality';
    keyCondition = '#pk = :pk';
  }
  if (query.population?.min !== undefined) {
    names['#population'] = 'population';
    values[':min'] = query.population.min;
    filters.push('#population >= :min');
  }
  if (query.population?.max !== undefined) {
    names['#population'] = 'population';
    values[':max'] = query.population.max;
    filters.push('#population <= :max');
  }
  if (query.isMember !== undefined) {
    names['#cityId'] = 'cityId';
    filters.push(query.isMember ? 'attribute_exists(#cityId)' : 'attribute_not_exists(#cityId)');
  }
  const chosen = index;
  return {
    sortKey: chosen.sortKey,
    input: {
      IndexName: chosen.indexName,
      KeyConditionExpression: keyCondition,
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    /** The full key of the item a cursor points at, as the index needs it to resume. */
    startKey: (sortValue: string): Item => {
      const ags = chosen === GSI1 ? sortValue.slice(sortValue.lastIndexOf('#') + 1) : sortValue;
      if (!/^\d{8}$/.test(ags)) throw new ValidationError('Invalid cursor', { argument: 'after' });
      const base = municipalityKey(ags);
      return { ...base, [chosen.partitionKey]: values[':pk'], [chosen.sortKey]: sortValue };
    },
  };
}

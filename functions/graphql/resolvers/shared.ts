import { slugFromIdArgument, type NodeType } from '../ids';
import { ValidationError } from '../../shared/errors';
import { nameMatches } from '../../shared/text';
import { periodStatus, type PeriodStatus } from '../../shared/dates';
import { NETWORK_PROGRAM_ID, type ProgramMembershipRecord } from '../../data/model';

export { NETWORK_PROGRAM_ID } from '../../data/model';

export const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

export function byName<T extends { name: string; id: string }>(a: T, b: T): number {
  return collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
}

export function matchesSearch(name: string, search: string | null | undefined): boolean {
  return search === null || search === undefined || nameMatches(name, search);
}

const STATE_CODE = /^DE-[A-Z]{2}$/;

/** Normalises an ISO 3166-2 state argument (`de-st` → `DE-ST`) or fails with BAD_USER_INPUT. */
export function stateArgument(value: string | null | undefined, argument = 'state'): string | undefined {
  if (value === null || value === undefined) return undefined;
  const code = value.trim().toUpperCase();
  if (!STATE_CODE.test(code)) {
    throw new ValidationError(`"${argument}" must be an ISO 3166-2 code such as DE-ST`, { argument });
  }
  return code;
}

export function membershipStatus(membership: ProgramMembershipRecord, today: string): PeriodStatus {
  return periodStatus(membership.startDate, membership.endDate, today);
}

/**
 * A place is a current member while any of its Engagierte Stadt memberships has
 * not ended; a membership without recorded dates counts as not ended, because
 * the member list records exits but not every current member's start.
 */
export function memberStatusOf(memberships: readonly ProgramMembershipRecord[], today: string): 'CURRENT' | 'FORMER' {
  const network = memberships.filter((m) => m.programId === NETWORK_PROGRAM_ID);
  return network.some((m) => membershipStatus(m, today) !== 'ENDED') ? 'CURRENT' : 'FORMER';
}

/**
 * Sorts by an optional key in a direction; records without the key come last
 * in either direction, ties by the given tie-breaker.
 */
export function orderedBy<T>(
  items: readonly T[],
  key: (item: T) => string | null,
  direction: 'ASC' | 'DESC' | null | undefined,
  tie: (a: T, b: T) => number,
): T[] {
  const sign = direction === 'DESC' ? -1 : 1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? tie(a, b) : ka === null ? 1 : -1;
    return sign * ka.localeCompare(kb) || tie(a, b);
  });
}

/** Name order (German collation) in a direction. */
export function byNameIn<T extends { name: string; id: string }>(direction: 'ASC' | 'DESC' | null | undefined): (a: T, b: T) => number {
  const sign = direction === 'DESC' ? -1 : 1;
  return (a, b) => sign * byName(a, b);
}

export function compareStart(a: { startDate: string | null }, b: { startDate: string | null }): number {
  return (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999');
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function nearArgument(near: { lat: number; lon: number; radiusKm: number }): { lat: number; lon: number; radiusKm: number } {
  const ok =
    Number.isFinite(near.lat) && Math.abs(near.lat) <= 90 &&
    Number.isFinite(near.lon) && Math.abs(near.lon) <= 180 &&
    Number.isFinite(near.radiusKm) && near.radiusKm > 0 && near.radiusKm <= 1000;
  if (!ok) throw new ValidationError('"near" needs lat in [-90, 90], lon in [-180, 180] and 0 < radiusKm ≤ 1000', { argument: 'near' });
  return near;
}

/**
 * The records a `loadMany` found, in order. A key that failed fails the whole
 * field: a list that lost items to a store error must carry an error, never
 * come back shorter (DataLoader's `loadMany` hands back `Error` values in place).
 * Only misses (`null`: an edge to a record that does not exist) are dropped.
 */
export function found<T>(results: readonly (T | null | undefined | Error)[]): T[] {
  const failed = results.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return results.filter((r): r is T => r !== null && r !== undefined);
}

/** The record an `id` argument (global id or bare slug) names, or null when it names none. */
export function loadByIdArgument<T>(
  type: NodeType,
  id: string,
  loader: { load(key: string): Promise<T | null> },
): Promise<T | null> | null {
  const slug = slugFromIdArgument(type, id);
  return slug ? loader.load(slug) : null;
}

/** Matches no record: what a filter on an id of another type or an impossible slug compares against. */
const NO_MATCH = '\u0000none';

/**
 * The slug an id filter names, or undefined when the filter is absent. An id
 * of another type or an impossible slug filters everything out rather than failing.
 */
export function idFilterArgument(type: NodeType, value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return slugFromIdArgument(type, value) ?? NO_MATCH;
}

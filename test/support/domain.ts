import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvObjects } from '../../seed/csv';

/**
 * Reads the member list straight from the CSV, without the seed code's
 * matching and curation, so tests compare the API against the source rather
 * than against numbers typed into the test.
 */
export interface MemberRow {
  name: string;
  state: string;
  kind: string;
  joined: string;
  left: string;
}

export function memberRows(): MemberRow[] {
  const text = readFileSync(join(__dirname, '..', '..', 'seed', 'members.csv'), 'utf8');
  return parseCsvObjects(text, ['name', 'state', 'kind', 'joined', 'left'] as const);
}

export function distinctMemberPlaces(): Map<string, MemberRow[]> {
  const places = new Map<string, MemberRow[]>();
  for (const row of memberRows()) places.set(row.name, [...(places.get(row.name) ?? []), row]);
  return places;
}

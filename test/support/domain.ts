import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads the member list straight from the CSV, independently of the seed
 * code, so tests compare the API against the source rather than against
 * numbers typed into the test.
 */
export interface MemberRow {
  name: string;
  state: string;
  kind: string;
  joined: string;
  left: string;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function memberRows(): MemberRow[] {
  const [header, ...rows] = parseCsv(readFileSync(join(__dirname, '..', '..', 'data', 'members.csv'), 'utf8'));
  const at = (name: string) => header!.indexOf(name);
  return rows
    .filter((r) => r.length > 1)
    .map((r) => ({ name: r[at('name')]!, state: r[at('state')]!, kind: r[at('kind')]!, joined: r[at('joined')]!, left: r[at('left')]! }));
}

export function distinctMemberPlaces(): Map<string, MemberRow[]> {
  const places = new Map<string, MemberRow[]>();
  for (const row of memberRows()) places.set(row.name, [...(places.get(row.name) ?? []), row]);
  return places;
}

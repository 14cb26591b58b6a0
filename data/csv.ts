/**
 * A small RFC 4180 reader for the seed CSVs. The member and participant lists
 * quote fields that contain commas (programme labels, some source URLs), so a
 * plain `split(',')` would shift columns.
 */

/** Parses CSV text into rows of raw string fields. Accepts LF and CRLF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  // A leading BOM would end up in the first header name and break lookups.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.length === 0) {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Parses CSV text with a header row into objects keyed by column name.
 * Fails on a row whose field count differs from the header, naming the line,
 * because a silently shifted column would put a URL into a date field.
 */
export function parseCsvObjects<K extends string>(text: string, columns: readonly K[]): Record<K, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('CSV is empty');
  for (const column of columns) {
    if (!header.includes(column)) throw new Error(`CSV lacks column "${column}" (header: ${header.join(',')})`);
  }
  return rows.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new Error(`CSV line ${index + 2} has ${fields.length} fields, header has ${header.length}`);
    }
    const record = {} as Record<K, string>;
    for (const column of columns) record[column] = fields[header.indexOf(column)] ?? '';
    return record;
  });
}

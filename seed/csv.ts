import { parse } from 'csv-parse/sync';

/**
 * CSV reading for the seed files and the sync client, on `csv-parse` (RFC 4180:
 * quoted fields with commas, doubled quotes, CRLF). The member and participant
 * lists quote fields that contain commas, so a plain `split(',')` would shift columns.
 */

export interface CsvOptions {
  /** Field separator. @default ',' (German spreadsheet exports use ';') */
  delimiter?: string;
}

/** Parses CSV text into rows of raw string fields. A leading BOM is dropped (it would end up in the first header name). */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  try {
    return parse(text, { bom: true, delimiter: options.delimiter ?? ',', relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new Error(`CSV cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Parses CSV text with a header row into objects keyed by column name.
 * Fails on a row whose field count differs from the header, naming the line,
 * because a silently shifted column would put a URL into a date field.
 */
export function parseCsvObjects<K extends string>(text: string, columns: readonly K[], options: CsvOptions = {}): Record<K, string>[] {
  const [header, ...rows] = parseCsv(text, options);
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

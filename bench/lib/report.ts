import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_FILE = join(__dirname, '..', 'results', 'latest.json');

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** measured / baseline, or null when there is no baseline to divide by. */
export function ratio(measured: number, baseline: number): number | null {
  return baseline > 0 ? round(measured / baseline, 2) : null;
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: readonly Record<string, unknown>[]): void {
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => cell(row[c])))}\n`);
}

/**
 * Stores one benchmark's results under its name in `latest.json`, keeping the
 * others, so a benchmark run on its own updates only its own section.
 */
export function saveSection(name: string, data: unknown): void {
  mkdirSync(join(RESULTS_FILE, '..'), { recursive: true });
  const current = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>) : {};
  current.meta = { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: require('node:os').cpus().length, at: new Date().toISOString() };
  current[name] = data;
  writeFileSync(RESULTS_FILE, `${JSON.stringify(current, null, 2)}\n`);
}

/** True when this module is the script node was started with (`npx tsx bench/<name>.ts`). */
export function isMain(module: NodeJS.Module): boolean {
  return require.main === module;
}

/**
 * The reference sync client's work (docs/SYNC.md): reading a partner's export,
 * pushing it in idempotent batches, pulling the change feed into a JSON file.
 * `cli/sync.ts` is the command line around it; tests call these functions.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Client, fetchExchange, gql, type CombinedError } from '@urql/core';
import { parseCsv } from '../seed/csv';

/** Items per request: the API takes 500; smaller batches keep one retry cheap. */
export const DEFAULT_BATCH = 200;
export const MAX_BATCH = 500;

/** One membership as the API takes it (`ProgramMembershipInput`). */
export interface MembershipRow {
  externalId: string;
  ags?: string;
  cityId?: string;
  status?: string;
  startDate?: string | null;
  endDate?: string | null;
  cohort?: string | null;
  coordinatingOrganization?: string | null;
  note?: string | null;
  internalNote?: string | null;
  sourceUrls?: string[];
  expectedVersion?: number | null;
}

/** A row of the input with where it came from, or why it cannot be sent. */
export interface ParsedRow {
  /** 1-based line in a CSV file (header = 1), or 1-based position in a JSON array. */
  line: number;
  row?: MembershipRow;
  error?: { field: string | null; message: string };
}

/**
 * Column headings a German spreadsheet export may use, and the API field each
 * fills. Matching ignores case and surrounding spaces. The API's own field
 * names work as headings too.
 */
export const COLUMN_MAPPING: Readonly<Record<string, keyof MembershipRow>> = {
  kennung: 'externalId',
  'externe id': 'externalId',
  externalid: 'externalId',
  ags: 'ags',
  gemeindeschlüssel: 'ags',
  'stadt-id': 'cityId',
  cityid: 'cityId',
  status: 'status',
  beginn: 'startDate',
  startdate: 'startDate',
  ende: 'endDate',
  enddate: 'endDate',
  kohorte: 'cohort',
  cohort: 'cohort',
  'koordinierende stelle': 'coordinatingOrganization',
  coordinatingorganization: 'coordinatingOrganization',
  bemerkung: 'note',
  note: 'note',
  'interne notiz': 'internalNote',
  internalnote: 'internalNote',
  quelle: 'sourceUrls',
  sourceurls: 'sourceUrls',
  version: 'expectedVersion',
  expectedversion: 'expectedVersion',
};

/** German status words as exports write them. */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  aktiv: 'ACTIVE',
  laufend: 'ACTIVE',
  beendet: 'ENDED',
  ausgeschieden: 'ENDED',
  geplant: 'UPCOMING',
  künftig: 'UPCOMING',
  unbekannt: 'UNKNOWN',
};

/**
 * A date as German exports write it (`31.12.2024`, `12.2024`, `2024`) or ISO
 * (`2024-12-31`), as the API's PartialDate; null for an empty cell.
 */
export function parseGermanDate(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) return checkedDate(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
  m = /^(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) return checkedDate(`${m[2]}-${m[1]!.padStart(2, '0')}`);
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) return checkedDate(text);
  throw new Error(`"${text}" is not a date (TT.MM.JJJJ, MM.JJJJ, JJJJ or YYYY-MM-DD)`);
}

function checkedDate(iso: string): string {
  const [y, mo, d] = iso.split('-').map(Number);
  if (mo !== undefined && (mo < 1 || mo > 12)) throw new Error(`"${iso}" has no month ${mo}`);
  if (d !== undefined) {
    const date = new Date(Date.UTC(y!, mo! - 1, d));
    if (date.getUTCMonth() !== mo! - 1) throw new Error(`"${iso}" is not a calendar day`);
  }
  return iso;
}

export type Encoding = 'utf-8' | 'windows-1252';

/** Decodes a file as exported: UTF-8 (a BOM is dropped by the parser) or Windows-1252 when told. */
export function decodeFile(bytes: Buffer, encoding: Encoding = 'utf-8'): string {
  // fatal: a Windows-1252 file read as UTF-8 must fail loudly, not turn umlauts into U+FFFD.
  return new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(bytes);
}

function cell(row: MembershipRow, field: keyof MembershipRow, raw: string): void {
  const value = raw.trim();
  if (value === '') return;
  switch (field) {
    case 'startDate':
    case 'endDate':
      row[field] = parseGermanDate(value);
      return;
    case 'status': {
      const word = STATUS_WORDS[value.toLowerCase()];
      row.status = word ?? value.toUpperCase();
      return;
    }
    case 'sourceUrls':
      row.sourceUrls = value.split(/\s+/);
      return;
    case 'expectedVersion':
      if (!/^\d+$/.test(value)) throw new Error(`"${value}" is not a version number`);
      row.expectedVersion = Number(value);
      return;
    case 'ags':
      // Spreadsheets drop the leading zero of AGS of Schleswig-Holstein … Baden-Württemberg (01…08).
      row.ags = /^\d{7}$/.test(value) ? `0${value}` : value;
      return;
    default:
      (row as unknown as Record<string, string>)[field] = value;
  }
}

/** Rows of a CSV export: `;` or `,` separated (detected from the header line), German headings and dates. */
export function readCsvRows(text: string, delimiter?: string): ParsedRow[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const sep = delimiter ?? (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',');
  const [header, ...lines] = parseCsv(text, { delimiter: sep });
  if (!header) throw new Error('the file is empty');
  const fields = header.map((h) => COLUMN_MAPPING[h.trim().toLowerCase()] ?? null);
  const unknown = header.filter((_, i) => fields[i] === null);
  if (unknown.length > 0) throw new Error(`unknown column(s): ${unknown.join(', ')} (see docs/SYNC.md for the column mapping)`);
  if (!fields.includes('externalId')) throw new Error('the file needs a column "Kennung" (the partner\'s id of each membership)');
  return lines.map((values, index) => {
    const line = index + 2;
    const row = {} as MembershipRow;
    for (const [i, field] of fields.entries()) {
      try {
        cell(row, field!, values[i] ?? '');
      } catch (error) {
        return { line, error: { field: field!, message: (error as Error).message } };
      }
    }
    if (values.length !== header.length) return { line, error: { field: null, message: `${values.length} fields, the header has ${header.length}` } };
    return { line, row };
  });
}

/** Rows of a JSON file: an array of objects with the API's field names (dates may be German). */
export function readJsonRows(text: string): ParsedRow[] {
  const data = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  if (!Array.isArray(data)) throw new Error('a JSON file must hold an array of memberships');
  return data.map((item, index) => {
    const line = index + 1;
    try {
      const row = { ...(item as MembershipRow) };
      for (const field of ['startDate', 'endDate'] as const) {
        if (typeof row[field] === 'string') row[field] = parseGermanDate(row[field]!);
      }
      return { line, row };
    } catch (error) {
      return { line, error: { field: null, message: (error as Error).message } };
    }
  });
}

export function readRows(file: string, options: { encoding?: Encoding; delimiter?: string } = {}): ParsedRow[] {
  const text = decodeFile(readFileSync(file), options.encoding);
  return file.toLowerCase().endsWith('.json') ? readJsonRows(text) : readCsvRows(text, options.delimiter);
}

// ---- the API --------------------------------------------------------------------

export interface ApiOptions {
  /** The partner endpoint, e.g. `https://…/prod/partner/graphql`. */
  url: string;
  /** The partner key (`esk_…`). */
  key: string;
  /** Attempts per request for transient failures. @default 6 */
  attempts?: number;
  /** First backoff in ms, doubled per attempt with jitter. @default 500 */
  backoffMs?: number;
  log?: (line: string) => void;
}

/** An answer the API gave with a code: not retried (except the transient ones). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TRANSIENT_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'THROTTLED', 'TOO_MANY_REQUESTS']);

function errorOf(error: CombinedError): { code: string; message: string; transient: boolean } {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = String(first.extensions?.code ?? 'UNKNOWN');
    return { code, message: first.message, transient: TRANSIENT_CODES.has(code) };
  }
  const status = (error.response as { status?: number } | undefined)?.status;
  // 401/403 will not heal by waiting; 429 and 5xx and dropped connections may.
  if (status === 401 || status === 403) return { code: 'UNAUTHENTICATED', message: `HTTP ${status}: check the key`, transient: false };
  return { code: 'NETWORK', message: error.networkError?.message ?? error.message, transient: true };
}

/** A GraphQL client (urql) with the partner key, retries with exponential backoff and jitter. */
export class SyncApi {
  private readonly client: Client;

  constructor(private readonly options: ApiOptions) {
    this.client = new Client({
      url: options.url,
      exchanges: [fetchExchange],
      requestPolicy: 'network-only',
      preferGetMethod: false,
      fetchOptions: { headers: { authorization: `Bearer ${options.key}` } },
    });
  }

  async request<T>(document: string, variables: Record<string, unknown>, kind: 'query' | 'mutation'): Promise<T> {
    const attempts = this.options.attempts ?? 6;
    const doc = gql(document);
    for (let attempt = 1; ; attempt++) {
      const result = kind === 'query' ? await this.client.query(doc, variables).toPromise() : await this.client.mutation(doc, variables).toPromise();
      if (!result.error && result.data) return result.data as T;
      const failure = result.error ? errorOf(result.error) : { code: 'EMPTY', message: 'no data in the answer', transient: true };
      if (!failure.transient || attempt >= attempts) throw new ApiError(failure.code, failure.message);
      const wait = (this.options.backoffMs ?? 500) * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      this.options.log?.(`retrying after ${failure.code} (${failure.message}), attempt ${attempt + 1} of ${attempts} in ${Math.round(wait)} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

const UPSERT = /* GraphQL */ `
  mutation SyncPush($programId: ID!, $memberships: [ProgramMembershipInput!]!, $idempotencyKey: String!) {
    upsertProgramMemberships(programId: $programId, memberships: $memberships, idempotencyKey: $idempotencyKey) {
      results { index externalId outcome membershipId version error { code field message } }
      totals { created updated unchanged rejected }
      replayed
    }
  }
`;

const CURRENT = /* GraphQL */ `
  query SyncCurrent($id: ID!, $after: String) {
    program(id: $id) {
      membershipsConnection(first: 100, after: $after) {
        nodes { id externalId startDate endDate cohort note internalNote coordinatingOrganization municipality { ags } city { id } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

export interface ReportLine {
  line: number;
  externalId: string;
  outcome: string;
  code: string;
  field: string;
  message: string;
  membershipId: string;
  version: string;
}

export interface PushOptions {
  programId: string;
  batchSize?: number;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  print?: (line: string) => void;
}

export interface PushSummary {
  report: ReportLine[];
  totals: Record<string, number>;
  /** Batches answered from the server's idempotency records (already sent in an earlier run). */
  replayedBatches: number;
}

/** The key of a batch: a hash of programme and payload, so re-running the same file resends the same keys. */
export function batchKey(programId: string, rows: readonly MembershipRow[]): string {
  return `sync-${createHash('sha256').update(JSON.stringify([programId, rows])).digest('hex').slice(0, 40)}`;
}

const DIFF_FIELDS = ['startDate', 'endDate', 'cohort', 'note', 'internalNote', 'coordinatingOrganization', 'ags', 'cityId'] as const;

/** Pushes rows in batches, or with `dryRun` prints per row what would change and sends nothing. */
export async function push(api: SyncApi, rows: readonly ParsedRow[], options: PushOptions): Promise<PushSummary> {
  const batchSize = Math.min(options.batchSize ?? DEFAULT_BATCH, MAX_BATCH);
  const report: ReportLine[] = [];
  const blank = { code: '', field: '', message: '', membershipId: '', version: '' };
  for (const r of rows) {
    if (r.error) report.push({ line: r.line, externalId: '', outcome: 'REJECTED', ...blank, code: 'BAD_USER_INPUT', field: r.error.field ?? '', message: r.error.message });
  }
  const valid = rows.filter((r): r is ParsedRow & { row: MembershipRow } => r.row !== undefined);

  if (options.dryRun) {
    const current = new Map<string, Record<string, unknown>>();
    let after: string | null = null;
    do {
      const data: any = await api.request(CURRENT, { id: options.programId, after }, 'query');
      if (!data.program) throw new ApiError('NOT_FOUND', `programme ${options.programId} does not exist`);
      const page = data.program.membershipsConnection;
      for (const node of page.nodes) if (node.externalId) current.set(node.externalId, { ...node, ags: node.municipality?.ags ?? null, cityId: node.city?.id?.replace(/^City:/, '') ?? null });
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    for (const { line, row } of valid) {
      const old = current.get(row.externalId);
      if (!old) {
        options.print?.(`line ${line} ${row.externalId}: NEW ${JSON.stringify(row)}`);
        report.push({ line, externalId: row.externalId, outcome: 'WOULD_CREATE', ...blank });
        continue;
      }
      const changes = DIFF_FIELDS.filter((f) => f in row && (row[f as keyof MembershipRow] ?? null) !== (old[f] ?? null)).map(
        (f) => `${f}: ${JSON.stringify(old[f] ?? null)} → ${JSON.stringify(row[f as keyof MembershipRow] ?? null)}`,
      );
      options.print?.(`line ${line} ${row.externalId}: ${changes.length ? `CHANGED ${changes.join(', ')}` : 'SAME'}`);
      report.push({ line, externalId: row.externalId, outcome: changes.length ? 'WOULD_UPDATE' : 'SAME', ...blank, membershipId: String(old.id) });
    }
    return summarise(report, 0);
  }

  let done = 0;
  let replayedBatches = 0;
  options.onProgress?.(0, valid.length);
  for (let start = 0; start < valid.length; start += batchSize) {
    const batch = valid.slice(start, start + batchSize);
    const memberships = batch.map((b) => b.row);
    const data: any = await api.request(UPSERT, { programId: options.programId, memberships, idempotencyKey: batchKey(options.programId, memberships) }, 'mutation');
    const payload = data.upsertProgramMemberships;
    if (payload.replayed) replayedBatches++;
    for (const result of payload.results) {
      const source = batch[result.index]!;
      report.push({
        line: source.line,
        externalId: result.externalId,
        outcome: result.outcome,
        code: result.error?.code ?? '',
        field: result.error?.field ?? '',
        message: result.error?.message ?? '',
        membershipId: result.membershipId ?? '',
        version: result.version === null ? '' : String(result.version),
      });
    }
    done += batch.length;
    options.onProgress?.(done, valid.length);
  }
  return summarise(report, replayedBatches);
}

function summarise(report: ReportLine[], replayedBatches: number): PushSummary {
  report.sort((a, b) => a.line - b.line);
  const totals: Record<string, number> = {};
  for (const r of report) totals[r.outcome] = (totals[r.outcome] ?? 0) + 1;
  return { report, totals, replayedBatches };
}

/** The per-row report as CSV with `;` and a BOM, so German spreadsheet programs open it as they open exports. */
export function reportCsv(report: readonly ReportLine[]): string {
  const columns = ['line', 'externalId', 'outcome', 'code', 'field', 'message', 'membershipId', 'version'] as const;
  const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${[columns.join(';'), ...report.map((r) => columns.map((c) => quote(String(r[c]))).join(';'))].join('\r\n')}\r\n`;
}

// ---- pull -----------------------------------------------------------------------

const CHANGES = /* GraphQL */ `
  query SyncPull($since: String, $programId: ID) {
    changes(since: $since, programId: $programId, first: 100) {
      entries {
        operation id type version modified
        node {
          __typename
          ... on ProgramMembership {
            participantName startDate endDate cohort note externalId internalNote coordinatingOrganization
            program { id } city { id } municipality { ags }
          }
          ... on City { name state ags }
          ... on Program { name shortName }
          ... on Node { id }
        }
      }
      nextCursor
      hasMore
    }
  }
`;

/** What `pull` keeps on disk: the entities as the feed last showed them, and where to continue. */
export interface PullState {
  version: 1;
  programId: string | null;
  cursor: string | null;
  /** Global id → the node with its feed version. */
  entities: Record<string, Record<string, unknown> & { type: string; version: number }>;
}

function saveAtomically(file: string, state: PullState): void {
  // Write-then-rename: an interrupted pull leaves the previous consistent file, never half of one.
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/**
 * Follows the change feed into `file` until caught up. Re-running continues
 * from the stored cursor; a cursor older than the feed's retention
 * (CURSOR_EXPIRED) starts a full resync.
 */
export async function pull(api: SyncApi, file: string, options: { programId?: string | null; print?: (line: string) => void; onPage?: (entries: number) => void } = {}): Promise<{ state: PullState; pages: number; resynced: boolean }> {
  const programId = options.programId ?? null;
  let state: PullState = { version: 1, programId, cursor: null, entities: {} };
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as PullState;
    if (stored.version !== 1 || stored.programId !== programId) throw new Error(`${file} was pulled for another programme filter (${stored.programId ?? 'all'}); use another file`);
    state = stored;
  }
  let pages = 0;
  let resynced = false;
  for (;;) {
    let data: any;
    try {
      data = await api.request(CHANGES, { since: state.cursor, programId }, 'query');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CURSOR_EXPIRED' && state.cursor !== null) {
        options.print?.('The stored position is older than the feed keeps changes (CURSOR_EXPIRED): starting a full resync, the local file is rebuilt from scratch.');
        state = { version: 1, programId, cursor: null, entities: {} };
        resynced = true;
        continue;
      }
      throw error;
    }
    const page = data.changes;
    for (const entry of page.entries) {
      if (entry.operation === 'DELETE' || !entry.node) delete state.entities[entry.id];
      else state.entities[entry.id] = { ...entry.node, type: entry.type, version: entry.version };
    }
    state.cursor = page.nextCursor;
    pages++;
    saveAtomically(file, state);
    options.onPage?.(page.entries.length);
    if (!page.hasMore) break;
  }
  return { state, pages, resynced };
}

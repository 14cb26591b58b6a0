import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { NetworkRepository, TableStore, createDocumentClient } from '../../functions/data';
import { principalForEvent } from '../../functions/graphql/auth';
import { createContext } from '../../functions/graphql/context';
import { createLocalServer, lambdaRoute, type RestHandler } from '../../local/http';
import { createLogger } from '../../functions/shared/log';
import { runSync } from '../../cli/sync';
import { parseGermanDate, readCsvRows } from '../../cli/sync-core';
import { credentialTable, type CredentialTable } from '../support/credentials';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { MEMBERSHIPS, PRINCIPALS, syncWorld, type SyncWorld } from './support';

/**
 * The sync client end to end: a real HTTP server with the real credential
 * check on the partner path, the production Apollo server over a fresh table,
 * and, for the fault tests, the fault-injecting proxy between the API and DynamoDB Local.
 */
let world: SyncWorld;
let credentials: CredentialTable;
let proxy: FaultProxy;
let server: ReturnType<typeof createLocalServer>;
let url: string;
let key: string;
let otherKey: string;
const dir = mkdtempSync(join(tmpdir(), 'sync-client-'));
const logger = createLogger('error', () => undefined);
let proxiedStore: TableStore;
/** The repository the API serves; a test swaps in one with a later clock. */
let repo: NetworkRepository;

beforeAll(async () => {
  world = await syncWorld('sync-client');
  credentials = await credentialTable();
  key = (await credentials.issue('partner', ['vielfaltsgestalter'])).secret;
  otherKey = (await credentials.issue('partner', ['k2'])).secret;
  proxy = await startFaultProxy(process.env.DYNAMODB_ENDPOINT!);
  // The API reaches the store through the proxy.
  proxiedStore = new TableStore(createDocumentClient({ endpoint: proxy.url, region: 'eu-central-1' }), world.tableName);
  repo = new NetworkRepository(proxiedStore);
  const handler: RestHandler = async (event: APIGatewayProxyEvent) => {
    const body = JSON.parse(event.body ?? '{}');
    const principal = principalForEvent({ ...event, resource: '/partner/graphql', path: '/partner/graphql' } as APIGatewayProxyEvent) ?? undefined;
    const response = await world.server.executeOperation(
      { query: body.query, variables: body.variables, operationName: body.operationName },
      { contextValue: createContext({ repo, logger, principal }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(response.body.singleResult) };
  };
  server = createLocalServer([lambdaRoute('/partner/graphql', handler, credentials.store)]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/partner/graphql`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await proxy.close();
  await credentials.drop();
  await world.stop();
});

async function sync(args: string[], secret = key) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSync(args, { SYNC_URL: url, SYNC_KEY: secret }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function feedEntries(): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await world.store.client.send(
      new ScanCommand({ TableName: world.tableName, ConsistentRead: true, FilterExpression: 'entityType = :t', ExpressionAttributeValues: { ':t': 'FeedEntry' }, ExclusiveStartKey: start }),
    );
    count += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

async function serverMemberships() {
  const body = await world.run(PRINCIPALS.partnerOwn!, MEMBERSHIPS, { id: 'vielfaltsgestalter' });
  return body.data.program.memberships as any[];
}

function reportRows(file: string) {
  const text = readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = text.slice(1).trim().split('\r\n').map((l) => l.split(';'));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
}

const SOURCE = 'https://www.bosch-stiftung.de/de/presse/2018/12/fit-fuer-vielfalt-robert-bosch-stiftung-startet-neues-foerderprogramm-fuer-lokale';
const HEADER = 'Kennung;AGS;Stadt-ID;Status;Beginn;Ende;Kohorte;Koordinierende Stelle;Bemerkung;Interne Notiz;Quelle';

describe('reading German exports', () => {
  it('reads dd.mm.yyyy, mm.yyyy and yyyy dates and refuses impossible ones', () => {
    expect(parseGermanDate('15.10.2018')).toBe('2018-10-15');
    expect(parseGermanDate('1.7.2020')).toBe('2020-07-01');
    expect(parseGermanDate('07.2020')).toBe('2020-07');
    expect(parseGermanDate('2020')).toBe('2020');
    expect(parseGermanDate('')).toBeNull();
    expect(() => parseGermanDate('31.02.2020')).toThrow();
    expect(() => parseGermanDate('2020/07/01')).toThrow();
  });

  it('maps German headings, restores the leading zero Excel drops from an AGS and reports bad cells per line', () => {
    const rows = readCsvRows(`\uFEFF${HEADER}\r\nA-1;8115003;;aktiv;15.10.2018;;Pilot;Stadt Böblingen;;;${SOURCE}\r\nA-2;;dessau-rosslau;;32.10.2018;;;;;;\r\n`);
    expect(rows[0]).toEqual({ line: 2, row: { externalId: 'A-1', ags: '08115003', status: 'ACTIVE', startDate: '2018-10-15', cohort: 'Pilot', coordinatingOrganization: 'Stadt Böblingen', sourceUrls: [SOURCE] } });
    expect(rows[1]).toMatchObject({ line: 3, error: { field: 'startDate' } });
  });
});

describe('npm run sync -- push / pull', () => {
  const csv = join(dir, 'vielfaltsgestalter.csv');
  const lines = [
    HEADER,
    `VG-01;8115003;;beendet;15.10.2018;15.10.2020;;Stadt Böblingen;;intern: Rückfrage offen;${SOURCE}`,
    `VG-02;;dessau-rosslau;beendet;15.10.2018;15.10.2020;;;;;${SOURCE}`,
    `VG-03;99999999;;;15.10.2018;;;;;;${SOURCE}`,
    `VG-04;8115003;;;30.02.2019;;;;;;${SOURCE}`,
  ];

  it('pushes a Windows-1252 German CSV, reports every row, and writes exactly the valid rows', async () => {
    // Windows-1252: ö = 0xF6, ü = 0xFC — as Excel's "CSV (Trennzeichen-getrennt)" writes it.
    writeFileSync(csv, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
    const before = await feedEntries();
    const run = await sync(['push', csv, '--program', 'vielfaltsgestalter', '--encoding', 'windows-1252']);
    expect(run.code).toBe(1); // rows were rejected
    const report = reportRows(`${csv}.report.csv`);
    expect(report.map((r) => [r.line, r.outcome, r.code, r.field])).toEqual([
      ['2', 'CREATED', '', ''],
      ['3', 'CREATED', '', ''],
      ['4', 'REJECTED', 'NOT_FOUND', 'ags'],
      ['5', 'REJECTED', 'BAD_USER_INPUT', 'startDate'],
    ]);
    expect(await feedEntries()).toBe(before + 2);
    const rows = await serverMemberships();
    expect(rows.find((m) => m.externalId === 'VG-01')).toMatchObject({ participantName: 'Böblingen', startDate: '2018-10-15', endDate: '2020-10-15', coordinatingOrganization: 'Stadt Böblingen', internalNote: 'intern: Rückfrage offen' });
  });

  it('re-running the same file writes nothing: every batch is answered from its idempotency record', async () => {
    const before = await feedEntries();
    // Batches of one row: three rows reach the API (the fourth is refused by the client), so three batches.
    const first = await sync(['push', csv, '--program', 'vielfaltsgestalter', '--encoding', 'windows-1252', '--batch', '1']);
    expect(first.code).toBe(1);
    expect(first.err.join('\n')).not.toMatch(/already sent earlier/);
    const again = await sync(['push', csv, '--program', 'vielfaltsgestalter', '--encoding', 'windows-1252', '--batch', '1']);
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toMatch(/\(3 batch\(es\) already sent earlier/);
    expect(await feedEntries()).toBe(before);
    expect(reportRows(`${csv}.report.csv`).map((r) => r.outcome)).toEqual(['UNCHANGED', 'UNCHANGED', 'REJECTED', 'REJECTED']);
  });

  it('--dry-run prints the diff per row and writes nothing', async () => {
    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(utf8, `\uFEFF${[HEADER, lines[1]!.replace(';;Stadt Böblingen', ';Kohorte 1;Stadt Böblingen'), lines[2], `VG-05;8115003;;;01.2021;;;;;;${SOURCE}`].join('\r\n')}\r\n`);
    const before = await feedEntries();
    const run = await sync(['push', utf8, '--program', 'vielfaltsgestalter', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([expect.stringMatching(/^line 2 VG-01: CHANGED cohort: null → "Kohorte 1"$/), 'line 3 VG-02: SAME', expect.stringMatching(/^line 4 VG-05: NEW /)]);
    expect(await feedEntries()).toBe(before);
  });

  it("another foundation's key cannot push into this programme", async () => {
    const before = await feedEntries();
    const run = await sync(['push', csv, '--program', 'vielfaltsgestalter', '--encoding', 'windows-1252'], otherKey);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toMatch(/error FORBIDDEN/);
    expect(await feedEntries()).toBe(before);
  });

  it('pulls the feed into a JSON file equal to the server state, and catches up on a re-run', async () => {
    const file = join(dir, 'pull.json');
    expect((await sync(['pull', file, '--program', 'vielfaltsgestalter'])).code).toBe(0);
    const compare = async () => {
      const state = JSON.parse(readFileSync(file, 'utf8'));
      const pulled = Object.entries(state.entities)
        .filter(([, e]: any) => e.type === 'PROGRAM_MEMBERSHIP')
        .map(([id, e]: any) => ({ id, externalId: e.externalId, startDate: e.startDate, endDate: e.endDate, cohort: e.cohort, internalNote: e.internalNote }))
        .sort((a, b) => a.id.localeCompare(b.id));
      const server = (await serverMemberships())
        .map((m) => ({ id: m.id, externalId: m.externalId, startDate: m.startDate, endDate: m.endDate, cohort: m.cohort, internalNote: m.internalNote }))
        .sort((a, b) => a.id.localeCompare(b.id));
      expect(pulled).toEqual(server);
      return pulled.length;
    };
    expect(await compare()).toBe(2);
    const more = join(dir, 'more.json');
    writeFileSync(more, JSON.stringify([{ externalId: 'VG-02', cityId: 'dessau-rosslau', startDate: '15.10.2018', endDate: '15.10.2020', cohort: 'Kohorte A', sourceUrls: [SOURCE] }, { externalId: 'VG-06', ags: '15001000', startDate: '2018-10-15', sourceUrls: [SOURCE] }]));
    expect((await sync(['push', more, '--program', 'vielfaltsgestalter'])).code).toBe(0);
    expect((await sync(['pull', file, '--program', 'vielfaltsgestalter'])).code).toBe(0);
    expect(await compare()).toBe(3);
  });

  it('a pull whose stored cursor is older than the retention starts a full resync with a clear message and ends equal to the server', async () => {
    const file = join(dir, 'expired.json');
    expect((await sync(['pull', file, '--program', 'vielfaltsgestalter'])).code).toBe(0);
    const before = JSON.parse(readFileSync(file, 'utf8'));
    const served = repo;
    // The feed's clock 40 days on: the stored cursor is beyond the 30-day retention.
    repo = new NetworkRepository(proxiedStore, { now: () => new Date(Date.now() + 40 * 86_400_000) });
    try {
      const run = await sync(['pull', file, '--program', 'vielfaltsgestalter']);
      expect(run.code).toBe(0);
      expect(run.err.join('\n')).toMatch(/CURSOR_EXPIRED.*full resync/);
      expect(run.err.join('\n')).toMatch(/\(full resync\)/);
    } finally {
      repo = served;
    }
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.cursor).not.toBe(before.cursor);
    const ids = (state: any) => Object.keys(state.entities).filter((id) => id.startsWith('ProgramMembership:')).sort();
    expect(ids(after)).toEqual((await serverMemberships()).map((m) => m.id).sort());
  });

  it('with throttling, 500s and dropped connections between API and store, the final state is exact and every reported result true', async () => {
    const file = join(dir, 'faults.json');
    const items = Array.from({ length: 40 }, (_, i) => ({ externalId: `F-${i}`, ags: i % 2 ? '08115003' : '15001000', startDate: `${2000 + (i % 20)}`, sourceUrls: [SOURCE] }));
    writeFileSync(file, JSON.stringify(items));
    const before = await feedEntries();
    proxy.inject(
      { fault: 'throttling', operations: ['TransactWriteItems'], after: 1, times: 2 },
      { fault: 'internal', operations: ['BatchGetItem'], after: 3, times: 2 },
      { fault: 'drop', operations: ['TransactWriteItems', 'PutItem', 'UpdateItem'], after: 2, times: 2 },
    );
    const run = await sync(['push', file, '--program', 'vielfaltsgestalter', '--batch', '10']);
    const injected = proxy.injected;
    proxy.clear();
    expect(injected).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    const report = reportRows(`${file}.report.csv`);
    expect(report).toHaveLength(40);
    expect(report.every((r) => r.outcome === 'CREATED' || r.outcome === 'UNCHANGED')).toBe(true);
    const rows = (await serverMemberships()).filter((m) => m.externalId?.startsWith('F-'));
    expect(rows.map((m) => m.externalId).sort()).toEqual(items.map((i) => i.externalId).sort());
    for (const r of report) expect(rows.find((m) => m.externalId === r.externalId)?.id).toBe(r.membershipId);
    // Exactly one feed entry per membership: nothing duplicated by the retries.
    expect(await feedEntries()).toBe(before + 40);
  });
});

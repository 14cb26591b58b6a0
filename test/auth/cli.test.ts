import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runAdmin } from '../../cli/admin';
import { authenticate } from '../../functions/auth';
import { NetworkWriter, TableStore } from '../../functions/data';
import { putSeedMarker } from '../../functions/data/seeding';
import { loadSeedBundle } from '../../seed/seed';
import { seedPlan } from '../../local/seed';
import { UnauthenticatedError } from '../../functions/shared/errors';
import { credentialTable, type CredentialTable } from '../support/credentials';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

let table: CredentialTable;

/** `npm run admin -- …` as a separate process against the test table, the way `npm start`'s store is reached. */
async function adminProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'cli', 'admin.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, TABLE_NAME: table.tableName },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The same command in this process (its `runAdmin`), so only one test pays for a process start. */
async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const env = { ...process.env, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, TABLE_NAME: table.tableName };
  const code = await runAdmin(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.join('\n') };
}

beforeAll(async () => {
  table = await credentialTable();
  // A table that looks seeded (current digest) and holds the one programme the test names,
  // so the command neither reseeds it nor finds the programme missing.
  const plan = seedPlan();
  const program = loadSeedBundle().programs.find((record) => record.id === 'vielfaltsgestalter');
  if (!program) throw new Error('the seed has no vielfaltsgestalter programme');
  const store = new TableStore(table.client, table.tableName);
  await new NetworkWriter(store).write([{ kind: 'put', type: 'Program', record: program }], { writtenBy: 'seed' });
  await putSeedMarker(store, plan.digest);
});
afterAll(async () => {
  await table.drop();
});

describe('npm run admin', () => {
  it('creates (as a real process), lists and revokes a partner key; the secret is the last line and is never listed', async () => {
    const created = await adminProcess('create-key', '--role', 'partner', '--program', 'vielfaltsgestalter', '--name', 'Robert Bosch Stiftung');
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split('\n');
    const secret = lines[lines.length - 1]!;
    expect(secret).toMatch(/^esk_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    const { principal } = await authenticate(`Bearer ${secret}`, table.store);
    expect(principal).toMatchObject({ kind: 'partner', programIds: ['vielfaltsgestalter'] });

    const listed = await admin('list-keys');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(principal.keyId);
    expect(listed.stdout).toContain('Robert Bosch Stiftung');
    expect(listed.stdout).not.toContain(secret.split('.')[1]!);
    const stored = await table.store.getCredential(principal.keyId);
    expect(listed.stdout).not.toContain(stored!.secretHash);

    const revoked = await admin('revoke-key', principal.keyId);
    expect(revoked.code).toBe(0);
    await expect(authenticate(`Bearer ${secret}`, table.store)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a programme that does not exist with NOT_FOUND and exit code 1, writing nothing', async () => {
    const before = (await table.store.listCredentials()).length;
    const result = await admin('create-key', '--role', 'partner', '--program', 'no-such-programme', '--name', 'x');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error NOT_FOUND/);
    expect(result.stdout).toBe('');
    expect((await table.store.listCredentials()).length).toBe(before);
  });

  it('refuses incomplete input with BAD_USER_INPUT and usage', async () => {
    const result = await admin('create-key', '--role', 'partner');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error BAD_USER_INPUT/);
    expect(result.stderr).toMatch(/Usage: npm run admin/);
  });
});

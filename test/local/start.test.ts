import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createKey } from '../../cli/keys';
import { DynamoCredentialStore, NetworkRepository, TableStore, createDocumentClient } from '../../functions/data';
import { freePort, startDynamoDbLocal, LocalSetupError } from '../../local/dynamo';
import { openLocalTable } from '../../local/environment';
import { putSeedMarker } from '../../functions/data/seeding';

const ROOT = join(__dirname, '..', '..');

function startApi(env: Record<string, string>): { child: ChildProcess; output: () => string; ready: Promise<string> } {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'local', 'start.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  return { child, output: () => output, ready };
}

describe('npm start', () => {
  it('serves the handler, GraphiQL and its assets from node_modules over a running store', async () => {
    const port = await freePort();
    const api = startApi({ PORT: String(port), DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!, TABLE_NAME: process.env.TABLE_NAME! });
    try {
      const url = await api.ready;
      expect(url).toBe(`http://localhost:${port}/graphql`);
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ city(ags: "15001000") { name } }' }),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).data).toEqual({ city: { name: 'Dessau-Roßlau' } });
      const page = await fetch(`http://127.0.0.1:${port}/graphiql`);
      const html = await page.text();
      expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.[a-z]{2,}\/.*\.(js|css)/i);
      for (const asset of html.match(/\/graphiql\/[a-z-]+\.(js|css)/g) ?? []) {
        const response = await fetch(`http://127.0.0.1:${port}${asset}`);
        expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      }
      expect((await fetch(`http://127.0.0.1:${port}/nowhere`)).status).toBe(404);
      const partnerCall = (headers: Record<string, string> = {}) =>
        fetch(`http://127.0.0.1:${port}/partner/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ program(id: "k2") { shortName } }' }),
        });
      const anonymous = await partnerCall();
      expect(anonymous.status).toBe(401);
      expect((await anonymous.json()).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      // A key in the table npm start serves (its own partition; no other test reads credentials there).
      const { secret } = await createKey(
        { credentials: new DynamoCredentialStore(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' }), process.env.TABLE_NAME!), scopeExists: async () => true },
        { role: 'partner', programIds: ['k2'], label: 'npm start test' },
      );
      const partner = await partnerCall({ authorization: `Bearer ${secret}` });
      expect(partner.status).toBe(200);
      expect(partner.headers.get('cache-control')).toBe('private, no-store');
      expect((await partner.json()).data).toEqual({ program: { shortName: 'K²' } });
    } finally {
      api.child.kill('SIGTERM');
    }
  });

  it('says in one line how to fix a taken port', async () => {
    const blocker = require('node:net').createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = blocker.address().port as number;
    const api = startApi({ PORT: String(port), DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!, TABLE_NAME: process.env.TABLE_NAME! });
    const exit = await new Promise<number | null>((resolve) => api.child.once('exit', resolve));
    api.ready.catch(() => undefined);
    blocker.close();
    expect(exit).toBe(1);
    expect(api.output()).toMatch(new RegExp(`Port ${port} is taken\\. Fix: PORT=`));
  });

  it('explains that Java is missing instead of failing obscurely', async () => {
    const attempt = startDynamoDbLocal({ java: '/nonexistent/bin/java' });
    await expect(attempt).rejects.toThrow(LocalSetupError);
    await expect(attempt).rejects.toThrow(/openjdk-17-jre-headless/);
  });
});

describe('the local store', () => {
  it('seeds a new table, keeps a current one, and re-compares one seeded by an older version without dropping it', async () => {
    const env = { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!, TABLE_NAME: 'local-store-lifecycle', AWS_REGION: 'eu-central-1' };
    const first = await openLocalTable({ env });
    expect(first.seed.written).toBe(true);
    expect(first.seed.networkItems).toBeGreaterThan(0);
    const again = await openLocalTable({ env });
    expect(again.seed).toMatchObject({ written: false, digest: first.seed.digest });

    // What an older version would have left: another digest and an item this version never writes.
    const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
    const repo = new NetworkRepository(new TableStore(client, env.TABLE_NAME));
    await putSeedMarker(repo.store, 'older-version');
    await client.send(new PutCommand({ TableName: env.TABLE_NAME, Item: { pk: 'Legacy#1', sk: 'Legacy', entityType: 'Legacy' } }));

    // Locally as on AWS: the seed compares and writes what changed (here nothing); it never drops the table.
    const compared = await openLocalTable({ env });
    expect(compared.seed).toMatchObject({ written: true, digest: first.seed.digest, networkItems: 0 });
    const legacy = await client.send(new GetCommand({ TableName: env.TABLE_NAME, Key: { pk: 'Legacy#1', sk: 'Legacy' } }));
    expect(legacy.Item).toBeDefined();
  }, 120_000);

  it('refuses to reset a table behind a non-loopback endpoint unless told so', async () => {
    const env = { DYNAMODB_ENDPOINT: 'http://dynamodb.example.invalid:8000', TABLE_NAME: 'anything', AWS_REGION: 'eu-central-1' };
    await expect(openLocalTable({ env, reset: true })).rejects.toThrow(/Refusing to drop anything.*--force-remote-reset/);
  });
});

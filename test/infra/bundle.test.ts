import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESBUILD_OPTIONS, HANDLER_ENTRY } from '../../infra/bundling';
import { restEvent } from '../support/lambda';

/**
 * The artefact Lambda runs, not the TypeScript sources: bundled with the
 * construct's options (usage-reporting protobuf replaced by a stub) and
 * invoked in a fresh Node process against DynamoDB Local.
 */
describe('Lambda bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  const outfile = join(dir, 'index.js');
  beforeAll(async () => {
    await build({ ...ESBUILD_OPTIONS, entryPoints: [HANDLER_ENTRY], outfile, logLevel: 'error' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves the usage-reporting protobuf out', async () => {
    const code = readFileSync(outfile, 'utf8');
    expect(code.includes('is not bundled')).toBe(true);
    const withProtobuf = join(dir, 'with-protobuf.js');
    await build({ ...ESBUILD_OPTIONS, alias: {}, entryPoints: [HANDLER_ENTRY], outfile: withProtobuf, logLevel: 'error' });
    // The generated protobuf module alone is about 200 KB minified.
    expect(statSync(withProtobuf).size - statSync(outfile).size).toBeGreaterThan(150_000);
  });

  it('answers a query in a fresh process', () => {
    const event = restEvent({ body: JSON.stringify({ query: '{ city(ags: "15001000") { name } }' }) });
    const probe = `require(process.env.BUNDLE).handler(JSON.parse(process.env.EVENT), {}, () => {})
      .then((r) => process.stdout.write(JSON.stringify(r)))`;
    const child = spawnSync(process.execPath, ['-e', probe], {
      env: {
        PATH: process.env.PATH,
        BUNDLE: outfile,
        EVENT: JSON.stringify(event),
        TABLE_NAME: process.env.TABLE_NAME,
        DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        APP_ENV: 'production',
        LOG_LEVEL: 'error',
        // The EMF metrics line would share stdout with the probe's answer.
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).data).toEqual({ city: { name: 'Dessau-Roßlau' } });
  });
});

/**
 * `npm run seed [-- --reset] [--no-examples]`: brings the store up to date with `seed/`
 * through the write path (same behaviour locally and on AWS: API writes are
 * never overwritten, removed seed records become tombstones, an unchanged seed
 * writes nothing). Against AWS set TABLE_NAME (and AWS_REGION) without
 * DYNAMODB_ENDPOINT; locally it uses the embedded store of `npm start`.
 * `--reset` drops and recreates the table first: refused against AWS, and
 * against a non-loopback DYNAMODB_ENDPOINT unless `--force-remote-reset` is given.
 * `--no-examples` is accepted and changes nothing: the seed holds no people,
 * not even fictitious example portraits (issue 14 allows marked examples that
 * this flag would leave out; none exist). Any other flag is refused.
 */
import { parseArgs } from 'node:util';
import { ensureTable } from '../functions/data';
import { openLocalTable } from '../local/environment';
import { LocalSetupError } from '../local/dynamo';
import { seedNetwork, terminalProgress } from '../local/seed';
import { NetworkRepository, TableStore, createDocumentClient } from '../functions/data';
import { loadConfig } from '../functions/shared/config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// The SDK warns once per process that releases from 2027 need Node 22; Lambda
// runs 22 already, and locally the notice would bury the one line that matters.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseArgs({
      args: process.argv.slice(2),
      options: { reset: { type: 'boolean' }, 'force-remote-reset': { type: 'boolean' }, 'no-examples': { type: 'boolean' } },
    }).values;
  } catch (error) {
    throw new LocalSetupError(`${(error as Error).message}\nUsage: npm run seed [-- --reset] [--force-remote-reset] [--no-examples]`);
  }
  const reset = flags.reset === true;
  const allowRemoteReset = flags['force-remote-reset'] === true;
  if (flags['no-examples']) process.stderr.write('No examples are seeded (the seed holds no people): --no-examples changes nothing.\n');
  // TABLE_NAME without an endpoint means a deployed table on AWS.
  const remote = !process.env.DYNAMODB_ENDPOINT && Boolean(process.env.TABLE_NAME);
  const started = Date.now();
  if (remote) {
    if (reset) throw new LocalSetupError('--reset is refused against AWS; the deployed table has deletion protection.');
    const config = loadConfig();
    await ensureTable(new DynamoDBClient({ region: config.region }), config.tableName);
    const repo = new NetworkRepository(new TableStore(createDocumentClient({ region: config.region }), config.tableName));
    const result = await seedNetwork(repo, { force: true, progress: terminalProgress() });
    process.stdout.write(`Seeded ${result.networkItems} network items and ${result.municipalities} municipalities into ${config.tableName}.\n`);
    return;
  }
  const store = await openLocalTable({ reset, allowRemoteReset, forceSeed: true, progress: terminalProgress() });
  await store.close();
  process.stdout.write(
    `Seeded ${store.seed.networkItems} network items and ${store.seed.municipalities} municipalities into ${store.tableName} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

/**
 * `npm start`: the API on this machine. Starts (or reuses) the store, seeds it,
 * and serves the same Lambda handler through a thin HTTP adapter, with GraphiQL.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DynamoCredentialStore, TableStore, createDocumentClient } from '../functions/data';
import { loadConfig, loadPhotoConfig } from '../functions/shared/config';
import { LocalSetupError } from './dynamo';
import { openLocalTable } from './environment';
import { graphiqlRoutes } from './graphiql';
import { apiRoutes, createLocalServer, widgetsRoute, type RestHandler, type Route } from './http';
import { localPhotos } from './photos';
import { terminalProgress } from './seed';

// The SDK warns once per process that releases from 2027 need Node 22; Lambda
// runs 22 already, and locally the notice would bury the one line that matters.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The widgets and their demo under /widgets/, built first when missing or stale (a few seconds). */
async function widgetRoutes(): Promise<Route[]> {
  const { DEFAULT_OUT_DIR, ensureWidgetsBuilt } = await import('../widgets/build');
  try {
    if ((await ensureWidgetsBuilt()) === 'built') process.stderr.write('Built the widgets.\n');
    return [widgetsRoute('/widgets/', DEFAULT_OUT_DIR)];
  } catch (error) {
    process.stderr.write(`The widgets could not be built, /widgets/ is off: ${(error as Error).message}\n`);
    return [];
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT || 4000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new LocalSetupError(`PORT must be a TCP port, got "${process.env.PORT}"`);
  const reset = process.argv.includes('--reset');
  process.stderr.write('Starting the Engagierte Stadt API…\n');
  const store = await openLocalTable({ reset, progress: terminalProgress() });
  process.stderr.write(
    store.seed.written
      ? `Seeded ${store.seed.networkItems} network items and ${store.seed.municipalities} municipalities.\n`
      : 'Data is up to date.\n',
  );

  // The handler reads its configuration once at import: set it first.
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.TABLE_NAME = store.tableName;
  process.env.APP_ENV = process.env.APP_ENV || 'development';
  // Photos in .local/photos, uploaded to and served by this server (docs/PHOTOS.md).
  process.env.PHOTO_STORAGE = 'filesystem';
  process.env.PHOTO_DIR ||= join(__dirname, '..', '.local', 'photos');
  process.env.PHOTO_PUBLIC_BASE_URL ||= `http://localhost:${port}/photos/`;
  process.env.PHOTO_UPLOAD_URL ||= `http://localhost:${port}/photos/upload`;
  // Per start: an upload URL issued before a restart is refused, as an expired one would be.
  process.env.PHOTO_UPLOAD_SECRET ||= randomBytes(32).toString('base64url');
  const { handler } = await import('../functions/graphql/handler');
  const { handler: partnerHandler } = await import('../functions/graphql/partner-handler');
  const appConfig = loadConfig();
  const photos = localPhotos(
    loadPhotoConfig()!,
    new TableStore(createDocumentClient({ endpoint: store.endpoint, region: appConfig.region }), store.tableName),
    appConfig.changeRetentionDays,
  );
  const { handler: withdrawalHandler } = await import('../functions/withdrawal/handler');

  // The partner resource checks credentials with the authorizer's code against the same table, uncached.
  const credentials = new DynamoCredentialStore(createDocumentClient({ endpoint: store.endpoint, region: process.env.AWS_REGION || 'eu-central-1' }), store.tableName);
  const server = createLocalServer([
    ...apiRoutes(handler as unknown as RestHandler, credentials, partnerHandler as unknown as RestHandler, withdrawalHandler as unknown as RestHandler),
    ...graphiqlRoutes('/graphql'),
    ...photos.routes,
    ...(await widgetRoutes()),
  ]);
  server.once('error', async (error: NodeJS.ErrnoException) => {
    process.stderr.write(
      error.code === 'EADDRINUSE'
        ? `Port ${port} is taken. Fix: PORT=4001 npm start\n`
        : `The HTTP server failed: ${error.message}\n`,
    );
    await store.close();
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(
      `Engagierte Stadt API ready at http://localhost:${port}/graphql (GraphiQL: http://localhost:${port}/graphiql, widgets: http://localhost:${port}/widgets/, partner endpoint: /partner/graphql, withdrawal link: POST /withdrawal)\n`,
    );
    // Two DynamoDB Local processes on one data folder do not share it safely; the admin command joins this one.
    if (store.embedded) process.stdout.write(`Partner keys while this runs: DYNAMODB_ENDPOINT=${store.endpoint} npm run admin -- list-keys\n`);
  });

  const shutdown = async () => {
    server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof LocalSetupError ? error.message : `Could not start: ${(error as Error).message ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

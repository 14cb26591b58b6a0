/**
 * `npm run admin -- <command>`: issues, revokes and lists API credentials.
 *
 *   create-key --role partner --program <programId> [--program …] --name <label>
 *   create-key --role city-editor --city <cityId> [--city …] --name <label>
 *   create-key --role admin --name <label>
 *   revoke-key <keyId>
 *   list-keys
 *   reapply-erasures
 *
 * Works on the store `npm start` uses (DYNAMODB_ENDPOINT if set, otherwise the
 * embedded DynamoDB Local in `.local/`), or on the deployed table when
 * TABLE_NAME is set without DYNAMODB_ENDPOINT (AWS credentials from the usual
 * chain), the same rule as `npm run seed`.
 */
import { parseArgs } from 'node:util';
import { DynamoCredentialStore, NetworkRepository, NetworkWriter, NominationStore, TableStore, createDocumentClient } from '../functions/data';
import { LocalSetupError } from '../local/dynamo';
import { openLocalTable } from '../local/environment';
import { terminalProgress, type ProgressReporter } from '../local/seed';
import { loadConfig } from '../functions/shared/config';
import { DomainError } from '../functions/shared/errors';
import { createKey, formatKeyTable, listKeys, repositoryScopeCheck, revokeKey, type AdminDependencies } from './keys';

// The SDK warns once per process that releases from 2027 need Node 22; the notice would bury the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run admin -- <command>
  create-key --role partner --program <programId> [--program <programId>] --name <label>
  create-key --role city-editor --city <cityId> [--city <cityId>] --name <label>
  create-key --role admin --name <label>
  revoke-key <keyId>
  list-keys
  reapply-erasures   (after a point-in-time restore: erase every id on the erased-id list again)`;

export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
}

interface Target {
  deps: AdminDependencies;
  /** True against the deployed table, where API Gateway needs the key's usage identifier. */
  remote: boolean;
  tableName: string;
  /** The network table, for commands that work on it beyond credentials. */
  store: TableStore;
  close(): Promise<void>;
}

async function openTarget(env: NodeJS.ProcessEnv): Promise<Target> {
  const remote = !env.DYNAMODB_ENDPOINT && Boolean(env.TABLE_NAME);
  if (remote) {
    const config = loadConfig(env);
    const client = createDocumentClient({ region: config.region });
    return {
      deps: { credentials: new DynamoCredentialStore(client, config.tableName), scopeExists: repositoryScopeCheck(new NetworkRepository(new TableStore(client, config.tableName))) },
      remote,
      tableName: config.tableName,
      store: new TableStore(client, config.tableName),
      close: async () => client.destroy(),
    };
  }
  // The same store `npm start` serves: created and seeded on first use, so scopes can be checked.
  const store = await openLocalTable({ env, progress: terminalProgress() });
  const client = createDocumentClient({ endpoint: store.endpoint, region: env.AWS_REGION || 'eu-central-1' });
  return {
    deps: { credentials: new DynamoCredentialStore(client, store.tableName), scopeExists: repositoryScopeCheck(new NetworkRepository(new TableStore(client, store.tableName))) },
    remote: false,
    tableName: store.tableName,
    store: new TableStore(client, store.tableName),
    close: async () => {
      client.destroy();
      await store.close();
    },
  };
}

/**
 * Re-applies the erased-id list (docs/PRIVACY.md, backups): a point-in-time
 * restore can bring back a portrait, consent record or nomination of a person
 * erased after the restore point; this erases them again, through the same
 * write path (new tombstone and feed DELETE), with an audit entry each.
 */
async function reapplyErasures(store: TableStore, env: NodeJS.ProcessEnv, progress: ProgressReporter) {
  const { Erasure } = await import('../functions/data/erasure');
  const config = loadConfig({ ...env, TABLE_NAME: env.TABLE_NAME || 'unused' });
  const erasure = new Erasure(
    store,
    new NetworkWriter(store, { retentionDays: config.changeRetentionDays }),
    new NominationStore(store, { retentionDays: config.nominationRetentionDays }),
  );
  return erasure.reapply((done, total) => progress('erased ids', done, total));
}

/** Runs one admin command; returns the process exit code. */
export async function runAdmin(argv: readonly string[], io: AdminIo, env: NodeJS.ProcessEnv = process.env, progress: ProgressReporter = terminalProgress()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        program: { type: 'string', multiple: true },
        city: { type: 'string', multiple: true },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`error BAD_USER_INPUT: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  if (values.help || !command) {
    io.err(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (!['create-key', 'revoke-key', 'list-keys', 'reapply-erasures'].includes(command)) {
    io.err(`error BAD_USER_INPUT: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  if (command === 'create-key' && (!values.role || !values.name)) {
    io.err(`error BAD_USER_INPUT: create-key needs --role and --name\n${USAGE}`);
    return 2;
  }
  if (command === 'revoke-key' && rest.length !== 1) {
    io.err(`error BAD_USER_INPUT: revoke-key needs exactly one key id\n${USAGE}`);
    return 2;
  }

  const target = await openTarget(env);
  try {
    switch (command) {
      case 'create-key': {
        const created = await createKey(target.deps, { role: values.role!, programIds: values.program, cityIds: values.city, label: values.name! });
        const { record } = created;
        io.err(`Created ${record.role} key ${record.keyId} (${record.scopes.join(', ') || 'all'}) "${record.label}" in ${target.tableName}.`);
        if (target.remote) {
          // API Gateway counts requests against the API key the authorizer names; that key must exist in a usage plan.
          io.err(
            [
              'On AWS, register the key with the partner usage plan (stack output PartnerUsagePlanId), once:',
              `  API_KEY_ID=$(aws apigateway create-api-key --name esk-${record.keyId} --value ${created.usageIdentifierKey} --enabled --query id --output text)`,
              '  aws apigateway create-usage-plan-key --usage-plan-id <PartnerUsagePlanId> --key-type API_KEY --key-id "$API_KEY_ID"',
              'Until then API Gateway answers 403 Forbidden for this key.',
            ].join('\n'),
          );
        }
        io.err('The secret follows on the last line. It is shown only now; store it in the partner\'s secret store.');
        io.out(created.secret);
        return 0;
      }
      case 'revoke-key': {
        const record = await revokeKey(target.deps, rest[0]!);
        io.out(`Revoked key ${record.keyId} at ${record.revokedAt}. Refused at once by npm start; on AWS within the authorizer cache TTL.`);
        return 0;
      }
      case 'reapply-erasures': {
        const result = await reapplyErasures(target.store, env, progress);
        io.out(
          `Checked ${result.checked} erased ids in ${target.tableName}: erased ${result.reapplied} again` +
            (result.photosPending > 0 ? `; photos of ${result.photosPending} still to erase (no photo eraser configured here)` : '') +
            '.',
        );
        return 0;
      }
      default: {
        const keys = await listKeys(target.deps);
        io.out(keys.length ? formatKeyTable(keys) : 'No keys.');
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof DomainError && error.code !== 'INTERNAL_SERVER_ERROR') {
      io.err(`error ${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await target.close();
  }
}

if (require.main === module) {
  runAdmin(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      const message = error instanceof LocalSetupError ? error.message : `admin failed: ${(error as Error).message ?? String(error)}`;
      process.stderr.write(`${message}\n`);
      process.exit(1);
    });
}

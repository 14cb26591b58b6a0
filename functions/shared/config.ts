/**
 * Configuration, read from the environment once, validated, frozen, and passed
 * into the code that needs it. A missing or malformed variable fails at start-up
 * naming the key, not as a confusing DynamoDB error at request time.
 */
export interface AppConfig {
  /** DynamoDB table holding every entity (single-table design). */
  readonly tableName: string;
  /** Endpoint override for DynamoDB Local; undefined means the AWS default. */
  readonly dynamodbEndpoint: string | undefined;
  readonly region: string;
  /** `development` enables introspection hints such as field suggestions. */
  readonly environment: 'development' | 'production' | 'test';
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Longest time one request may spend on the store, retries included. On
   * Lambda the function's remaining time bounds it as well; locally this is
   * the only bound (`REQUEST_BUDGET_MS`, default 8000).
   */
  readonly requestBudgetMs: number;
  /** Days the change feed keeps log entries and tombstones; older cursors get CURSOR_EXPIRED. */
  readonly changeRetentionDays: number;
  /** Days a nomination that did not become a portrait is kept; invisible to reads afterwards. */
  readonly nominationRetentionDays: number;
  /**
   * Longest one DynamoDB request may take before it counts as failed and is
   * retried (`STORE_ATTEMPT_TIMEOUT_MS`, default 3000: DynamoDB answers in
   * milliseconds, so a request this slow is stalled; DynamoDB Local on a busy
   * machine can need more).
   */
  readonly storeAttemptTimeoutMs: number;
}

/** The feed promises partners at least this many days to come back (docs/CHANGE-FEED.md). */
export const MIN_CHANGE_RETENTION_DAYS = 30;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const ENVIRONMENTS = ['development', 'production', 'test'] as const;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${key} must be one of ${allowed.join(', ')}, got "${value}"`);
}

/** Under the Lambda's 10 s timeout (infra/config.ts), with room to answer. */
export const DEFAULT_REQUEST_BUDGET_MS = 8_000;

function positiveInteger(key: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${key} must be a positive integer (milliseconds), got "${value}"`);
  return n;
}

/** Builds the configuration from an environment map (defaults to `process.env`). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new ConfigError('TABLE_NAME is required: the DynamoDB table to read and write');
  const endpoint = env.DYNAMODB_ENDPOINT || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    throw new ConfigError(`DYNAMODB_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  }
  const retention = env.CHANGE_RETENTION_DAYS || String(MIN_CHANGE_RETENTION_DAYS);
  const changeRetentionDays = Number(retention);
  if (!/^\d+$/.test(retention) || changeRetentionDays < MIN_CHANGE_RETENTION_DAYS || changeRetentionDays > 3650) {
    throw new ConfigError(`CHANGE_RETENTION_DAYS must be a whole number of days from ${MIN_CHANGE_RETENTION_DAYS} to 3650, got "${retention}"`);
  }
  const nominationRetention = env.NOMINATION_RETENTION_DAYS || '183';
  const nominationRetentionDays = Number(nominationRetention);
  if (!/^\d+$/.test(nominationRetention) || nominationRetentionDays < 1 || nominationRetentionDays > 3650) {
    throw new ConfigError(`NOMINATION_RETENTION_DAYS must be a whole number of days from 1 to 3650, got "${nominationRetention}"`);
  }
  return Object.freeze({
    tableName,
    dynamodbEndpoint: endpoint,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'eu-central-1',
    environment: oneOf('APP_ENV', env.APP_ENV || 'production', ENVIRONMENTS),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL || 'info', LOG_LEVELS),
    requestBudgetMs: positiveInteger('REQUEST_BUDGET_MS', env.REQUEST_BUDGET_MS, DEFAULT_REQUEST_BUDGET_MS),
    changeRetentionDays,
    nominationRetentionDays,
    storeAttemptTimeoutMs: positiveInteger('STORE_ATTEMPT_TIMEOUT_MS', env.STORE_ATTEMPT_TIMEOUT_MS, 3_000),
  });
}

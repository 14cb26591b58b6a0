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

/** Content types an upload may declare; every photo is re-encoded to WebP before anything serves it. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/**
 * Portrait photos (docs/PHOTOS.md). Optional: without `PHOTO_STORAGE` or
 * `PHOTO_BUCKET` the upload mutation answers SERVICE_UNAVAILABLE and nothing
 * else changes.
 */
export interface PhotoConfig {
  /** `s3` on AWS (`PHOTO_BUCKET` set); `filesystem` under `npm start` and in the tests (`PHOTO_STORAGE=filesystem`). */
  readonly storage: 's3' | 'filesystem';
  /** Largest upload accepted (`PHOTO_MAX_UPLOAD_BYTES`, default 5 MiB). */
  readonly maxUploadBytes: number;
  /** How long a presigned upload stays valid (`PHOTO_UPLOAD_EXPIRY_SECONDS`, default 300, at most 3600). */
  readonly uploadExpirySeconds: number;
  /** Decoder limit against decompression bombs (`PHOTO_MAX_INPUT_PIXELS`, default 40 megapixels). */
  readonly maxInputPixels: number;
  /** Longest edge of a served photo in pixels (`PHOTO_MAX_EDGE_PIXELS`, default 1600). */
  readonly maxEdgePixels: number;
  /** Where processed photos are served from, ending in `/` (`PHOTO_PUBLIC_BASE_URL`: the CDN, or the local runner's `/photos/`). */
  readonly publicBaseUrl: string;
  /** The private bucket (`PHOTO_BUCKET`, s3 only). */
  readonly bucket: string | undefined;
  /** The CloudFront distribution serving the bucket, invalidated on erasure (`PHOTO_DISTRIBUTION_ID`, s3 only). */
  readonly distributionId: string | undefined;
  /** Root folder of stored photos (`PHOTO_DIR`, filesystem only). */
  readonly directory: string | undefined;
  /** The local upload endpoint standing in for S3's presigned POST (`PHOTO_UPLOAD_URL`, filesystem only). */
  readonly uploadUrl: string | undefined;
  /** Key signing local upload policies (`PHOTO_UPLOAD_SECRET`, filesystem only, at least 32 characters). */
  readonly uploadSecret: string | undefined;
  readonly region: string;
}

function boundedInteger(key: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

function required(env: NodeJS.ProcessEnv, key: string, why: string): string {
  const value = env[key];
  if (!value) throw new ConfigError(`${key} is required for photo storage: ${why}`);
  return value;
}

/**
 * Photo settings from the environment, or undefined when photos are not
 * configured. `PHOTO_STORAGE` names the storage; without it a `PHOTO_BUCKET`
 * means S3 (what the stack sets: only references, no literal switch), and
 * neither means photos are off.
 */
export function loadPhotoConfig(env: NodeJS.ProcessEnv = process.env): PhotoConfig | undefined {
  const named = env.PHOTO_STORAGE || (env.PHOTO_BUCKET ? 's3' : undefined);
  if (!named) return undefined;
  const storage = oneOf('PHOTO_STORAGE', named, ['s3', 'filesystem'] as const);
  const publicBaseUrl = required(env, 'PHOTO_PUBLIC_BASE_URL', 'where processed photos are served from');
  if (!/^https?:\/\/[^\s]+\/$/.test(publicBaseUrl)) throw new ConfigError(`PHOTO_PUBLIC_BASE_URL must be an http(s) URL ending in /, got "${publicBaseUrl}"`);
  const s3 = storage === 's3';
  const uploadSecret = s3 ? undefined : required(env, 'PHOTO_UPLOAD_SECRET', 'the key signing local upload policies');
  if (uploadSecret !== undefined && uploadSecret.length < 32) throw new ConfigError('PHOTO_UPLOAD_SECRET must be at least 32 characters');
  return Object.freeze({
    storage,
    maxUploadBytes: boundedInteger('PHOTO_MAX_UPLOAD_BYTES', env.PHOTO_MAX_UPLOAD_BYTES, 5 * 1024 * 1024, 1024, 20 * 1024 * 1024),
    uploadExpirySeconds: boundedInteger('PHOTO_UPLOAD_EXPIRY_SECONDS', env.PHOTO_UPLOAD_EXPIRY_SECONDS, 300, 30, 3600),
    maxInputPixels: boundedInteger('PHOTO_MAX_INPUT_PIXELS', env.PHOTO_MAX_INPUT_PIXELS, 40_000_000, 10_000, 100_000_000),
    maxEdgePixels: boundedInteger('PHOTO_MAX_EDGE_PIXELS', env.PHOTO_MAX_EDGE_PIXELS, 1600, 64, 4096),
    publicBaseUrl,
    bucket: s3 ? required(env, 'PHOTO_BUCKET', 'the private photo bucket') : undefined,
    distributionId: s3 ? required(env, 'PHOTO_DISTRIBUTION_ID', 'the CloudFront distribution to invalidate on erasure') : undefined,
    directory: s3 ? undefined : required(env, 'PHOTO_DIR', 'the folder photos are stored in'),
    uploadUrl: s3 ? undefined : required(env, 'PHOTO_UPLOAD_URL', 'the local upload endpoint'),
    uploadSecret,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'eu-central-1',
  });
}

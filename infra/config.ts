import type { Node } from 'constructs';

/** How one partner foundation may call the partner resource. */
export interface PartnerAccess {
  /** Short slug naming the partner; names its usage plan (its keys join that plan instead of the default one). */
  readonly id: string;
  /** Steady-state requests per second for this partner's key. @default 10 */
  readonly rateLimit?: number;
  /** Burst capacity (token bucket size) for this partner's key. @default 20 */
  readonly burstLimit?: number;
  /** Requests per day for this partner's key. @default 10000 */
  readonly quotaPerDay?: number;
}

/** Everything that differs between stages; nothing here names an account, region or physical resource. */
export interface StageConfig {
  /** Stage name: the API Gateway stage and part of the stack name (`dev`, `staging`, `prod`). */
  readonly stage: string;
  /** Lambda memory in MB; CPU share scales with it. */
  readonly memoryMb: number;
  /** Lambda timeout in seconds. */
  readonly timeoutSeconds: number;
  /** Stage-wide steady-state requests per second across all callers. */
  readonly apiRateLimit: number;
  /** Stage-wide burst across all callers. */
  readonly apiBurstLimit: number;
  /** Requests per 5 minutes from one IP before WAF blocks it. */
  readonly wafRateLimitPer5Min: number;
  /** Retention of function and access logs, in days (must be a CloudWatch-allowed value). */
  readonly logRetentionDays: number;
  /** Value of the function's `LOG_LEVEL`. */
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** p99 API latency in ms above which the latency alarm fires. */
  readonly p99LatencyThresholdMs: number;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail: string | undefined;
  /** Partner foundations with usage-plan limits of their own on the partner resource. */
  readonly partners: readonly PartnerAccess[];
  /** Whether this stack registers the account's API Gateway CloudWatch Logs role (see GraphqlApiProps). */
  readonly manageApiGatewayLoggingRole: boolean;
}

/** Defaults sized for the network's traffic (a few hundred cities, bursty partner syncs). */
export const DEFAULT_STAGE_CONFIG: Omit<StageConfig, 'stage'> = {
  // 1024 MB: Lambda allocates CPU in proportion to memory, and a cold start spends
  // most of its time parsing the bundle (graphql-js, Apollo, SDK) on one core;
  // 1024 MB roughly halves that against 512 MB for about the same cost per request,
  // because requests also finish sooner. Resident memory stays well under 200 MB.
  memoryMb: 1024,
  // 10 s: resolvers make a handful of single-digit-ms DynamoDB calls, so anything
  // slower is stuck; ending it well before API Gateway's 29 s integration limit
  // lets the function log its own timeout instead of the caller seeing a bare 504.
  timeoutSeconds: 10,
  apiRateLimit: 100,
  apiBurstLimit: 200,
  wafRateLimitPer5Min: 2000,
  logRetentionDays: 30,
  logLevel: 'info',
  p99LatencyThresholdMs: 2000,
  alarmEmail: undefined,
  partners: [],
  manageApiGatewayLoggingRole: true,
};

const STAGE_NAME = /^[a-z][a-z0-9-]{0,19}$/;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

function booleanFrom(node: Node, key: string, fallback: boolean): boolean {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(`context "${key}" must be true or false, got ${JSON.stringify(raw)}`);
}

function numberFrom(node: Node, key: string, fallback: number): number {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`context "${key}" must be a positive number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

// `-c partners=a,b` arrives as a string; cdk.json or `--context` JSON may give full objects.
function partnersFrom(node: Node): PartnerAccess[] {
  const raw: unknown = node.tryGetContext('partners');
  if (raw === undefined || raw === null || raw === '') return [];
  const parsed: unknown = typeof raw === 'string' && raw.trim().startsWith('[') ? JSON.parse(raw) : raw;
  const list: unknown[] = typeof parsed === 'string' ? parsed.split(',') : Array.isArray(parsed) ? parsed : [];
  if (list.length === 0) throw new Error('context "partners" must be a comma-separated list of ids or a JSON array');
  return list.map((entry) => {
    const partner = (typeof entry === 'string' ? { id: entry.trim() } : entry) as PartnerAccess;
    if (!partner || typeof partner.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(partner.id)) {
      throw new Error(`partner ids must be lower-case slugs, got ${JSON.stringify(entry)}`);
    }
    return partner;
  });
}

/**
 * Reads the stage configuration from CDK context (`cdk.json` or `-c key=value`),
 * failing at synth time, naming the key, when a value is malformed.
 */
export function stageConfigFromContext(node: Node): StageConfig {
  const stage = String(node.tryGetContext('stage') ?? 'dev');
  if (!STAGE_NAME.test(stage)) throw new Error(`context "stage" must match ${STAGE_NAME}, got "${stage}"`);
  const logLevel = String(node.tryGetContext('logLevel') ?? DEFAULT_STAGE_CONFIG.logLevel);
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new Error(`context "logLevel" must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const alarmEmail: unknown = node.tryGetContext('alarmEmail');
  const d = DEFAULT_STAGE_CONFIG;
  return {
    stage,
    memoryMb: numberFrom(node, 'memoryMb', d.memoryMb),
    timeoutSeconds: numberFrom(node, 'timeoutSeconds', d.timeoutSeconds),
    apiRateLimit: numberFrom(node, 'apiRateLimit', d.apiRateLimit),
    apiBurstLimit: numberFrom(node, 'apiBurstLimit', d.apiBurstLimit),
    wafRateLimitPer5Min: numberFrom(node, 'wafRateLimitPer5Min', d.wafRateLimitPer5Min),
    // Production keeps logs longer for incident review; other stages default to the shorter value.
    logRetentionDays: numberFrom(node, 'logRetentionDays', stage === 'prod' ? 90 : d.logRetentionDays),
    logLevel: logLevel as StageConfig['logLevel'],
    p99LatencyThresholdMs: numberFrom(node, 'p99LatencyThresholdMs', d.p99LatencyThresholdMs),
    alarmEmail: typeof alarmEmail === 'string' && alarmEmail !== '' ? alarmEmail : undefined,
    partners: partnersFrom(node),
    manageApiGatewayLoggingRole: booleanFrom(node, 'manageApiGatewayLoggingRole', d.manageApiGatewayLoggingRole),
  };
}

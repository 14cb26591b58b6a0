/**
 * The store's own retry policy. The SDK's standard retries draw on a
 * per-client retry quota that a burst of failures drains, after which every
 * request fails on its first error for a while; its delays know nothing of the
 * Lambda's remaining time. Here each attempt is bounded in time, retries use
 * full-jitter backoff, and no retry starts that could not finish before the
 * request's deadline: under a throttling storm or an outage a request fails
 * fast with an error instead of hanging until the function times out.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Backoff base: the n-th retry waits a random time in [0, min(cap, base·2ⁿ)). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest one attempt may take; a slower attempt counts as failed (timed out). */
  readonly attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 25,
  maxDelayMs: 1_000,
  attemptTimeoutMs: 3_000,
});

/** An attempt that took longer than the policy or the deadline allowed. */
export class AttemptTimeoutError extends Error {
  override readonly name = 'AttemptTimeoutError';
}

/** What a retry loop needs besides the call: the deadline and, for tests, the clock. */
export interface RetryOptions {
  policy?: RetryPolicy;
  /** Epoch milliseconds after which no attempt may still run. */
  deadline?: number;
  /** Whether a failure may go away on its own (throttling, 5xx, network). */
  retryable: (error: unknown) => boolean;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects when `ms` passed first; the timer never keeps the process alive. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeoutError(`attempt exceeded ${Math.round(ms)} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `call` until it succeeds, fails with a non-retryable error, runs out of
 * attempts, or the next attempt could not start before the deadline. The last
 * error is thrown as it was; the number of attempts is set on it as `attempts`.
 */
export async function withRetries<T>(call: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    const left = options.deadline === undefined ? Infinity : options.deadline - now();
    try {
      if (left <= 0) throw new AttemptTimeoutError('no time left in the request budget');
      return await within(call(attempt), Math.min(policy.attemptTimeoutMs, left));
    } catch (error) {
      const retryable = error instanceof AttemptTimeoutError ? left > policy.attemptTimeoutMs : options.retryable(error);
      const delay = random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      const afterDelay = options.deadline === undefined ? Infinity : options.deadline - now() - delay;
      // A retry that cannot get a useful slice of the remaining time only delays the error.
      if (!retryable || attempt + 1 >= policy.maxAttempts || afterDelay < Math.min(policy.attemptTimeoutMs, 100)) {
        if (error && typeof error === 'object') Object.assign(error, { attempts: attempt + 1 });
        throw error;
      }
      await sleep(delay);
    }
  }
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'AttemptTimeoutError',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * DynamoDB failures worth retrying: throttling, server errors and broken
 * connections. Validation errors, conditional-check failures and missing
 * tables fail the same way every time.
 */
export function isTransientStoreError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (e.name && RETRYABLE_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  // A connection dropped before any response: the SDK has no status to report.
  return status === undefined && e.name !== undefined && /socket|network|ECONNRESET|hang up/i.test(`${e.name} ${String((error as Error).message)}`);
}

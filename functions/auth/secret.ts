import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets look like `esk_<keyId>.<43 base64url characters>`: the key id lets
 * the authorizer read one item by key, the prefix lets secret scanners (and
 * people) recognise a leaked key. 32 random bytes are 256 bits of entropy.
 */
const SECRET = /^esk_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export interface IssuedSecret {
  keyId: string;
  /** Shown once to the person creating the key; never stored. */
  secret: string;
  secretHash: string;
}

export function issueSecret(): IssuedSecret {
  const keyId = randomBytes(8).toString('hex');
  const secret = `esk_${keyId}.${randomBytes(32).toString('base64url')}`;
  return { keyId, secret, secretHash: hashSecret(secret) };
}

/**
 * SHA-256, not bcrypt/scrypt/argon2: those slow hashes exist to make guessing
 * low-entropy passwords expensive. A 256-bit random secret cannot be guessed
 * however fast the hash, so a slow hash would only add latency and cost to
 * every authorizer call without adding protection.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The key id of a well-formed secret, or null. */
export function keyIdOf(secret: string): string | null {
  return SECRET.exec(secret)?.[1] ?? null;
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/**
 * Takes the secret out of an `Authorization: Bearer <secret>` header value.
 * Exactly this spelling, as the API Gateway authorizer's validation pattern
 * (infra/constructs/partner-authorizer.ts) accepts it, so a header that works
 * under `npm start` works on AWS.
 */
export function bearerSecret(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer (\S+)$/.exec(header);
  return match?.[1] ?? null;
}

import type { CredentialRecord } from '../data/credentials';
import { UnauthenticatedError } from '../shared/errors';
import type { AuthenticatedPrincipal } from './principal';
import { bearerSecret, keyIdOf, secretMatches } from './secret';

/** The one read `authenticate` needs; `DynamoCredentialStore` provides it. */
export interface CredentialLookup {
  getCredential(keyId: string): Promise<CredentialRecord | null>;
}

export interface Authenticated {
  principal: AuthenticatedPrincipal;
  /**
   * The API Gateway API key value this caller's usage plan is bound to. Not a
   * secret: with the API's key source set to AUTHORIZER, API Gateway takes it
   * only from the authorizer, never from the client.
   */
  usageIdentifierKey: string;
}

/** API Gateway wants API key values of at least 20 characters. */
export function usageIdentifierKeyOf(keyId: string): string {
  return `esk-usage-${keyId}`;
}

export function principalOf(record: CredentialRecord): AuthenticatedPrincipal {
  switch (record.role) {
    case 'partner':
      return { kind: 'partner', keyId: record.keyId, programIds: [...record.scopes] };
    case 'city-editor':
      return { kind: 'city-editor', keyId: record.keyId, cityIds: [...record.scopes] };
    case 'admin':
      return { kind: 'admin', keyId: record.keyId };
  }
}

/**
 * Checks an `Authorization` header value against the stored credentials. The
 * same function runs in the Lambda authorizer on AWS and in front of the
 * handler under `npm start`. Missing, malformed, unknown, wrong and revoked
 * keys all fail alike with UNAUTHENTICATED, so a caller learns nothing about
 * which key ids exist; a store failure propagates as what it is.
 */
export async function authenticate(authorization: string | null | undefined, store: CredentialLookup): Promise<Authenticated> {
  const secret = bearerSecret(authorization);
  const keyId = secret ? keyIdOf(secret) : null;
  if (!secret || !keyId) throw new UnauthenticatedError('A valid credential is required: Authorization: Bearer <key>');
  const record = await store.getCredential(keyId);
  if (!record || record.revokedAt !== null || !secretMatches(secret, record.secretHash)) {
    throw new UnauthenticatedError('The credential is unknown or revoked');
  }
  return { principal: principalOf(record), usageIdentifierKey: usageIdentifierKeyOf(record.keyId) };
}

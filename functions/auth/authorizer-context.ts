import type { AuthenticatedPrincipal } from './principal';

/**
 * The principal as an authorizer's `context`: API Gateway passes only flat
 * string, number and boolean values to the integration, so scopes travel as
 * a comma-separated list (ids are slugs and never contain commas).
 */
export interface AuthorizerContext {
  [key: string]: string;
  role: AuthenticatedPrincipal['kind'];
  keyId: string;
  scopes: string;
}

export function toAuthorizerContext(principal: AuthenticatedPrincipal): AuthorizerContext {
  const scopes = principal.kind === 'partner' ? principal.programIds : principal.kind === 'city-editor' ? principal.cityIds : [];
  return { role: principal.kind, keyId: principal.keyId, scopes: scopes.join(',') };
}

const KEY_ID = /^[0-9a-f]{16}$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Reads the principal back from `event.requestContext.authorizer`. Anything
 * malformed or missing is null: the handler then refuses the request rather
 * than guessing a principal.
 */
export function principalFromAuthorizerContext(context: unknown): AuthenticatedPrincipal | null {
  if (!context || typeof context !== 'object') return null;
  const { role, keyId, scopes } = context as Record<string, unknown>;
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId) || typeof scopes !== 'string') return null;
  const ids = scopes === '' ? [] : scopes.split(',');
  if (!ids.every((id) => SLUG.test(id))) return null;
  switch (role) {
    case 'partner':
      return ids.length > 0 ? { kind: 'partner', keyId, programIds: ids } : null;
    case 'city-editor':
      return ids.length > 0 ? { kind: 'city-editor', keyId, cityIds: ids } : null;
    case 'admin':
      return ids.length === 0 ? { kind: 'admin', keyId } : null;
    default:
      return null;
  }
}

import { ForbiddenError, UnauthenticatedError } from '../shared/errors';

/**
 * Who is calling. Built only from the authorizer's answer (API Gateway's on
 * AWS, the same `authenticate` run by the local server), never from request
 * headers the handler reads itself.
 */
export type Principal =
  | { readonly kind: 'public' }
  | { readonly kind: 'partner'; readonly keyId: string; readonly programIds: readonly string[] }
  | { readonly kind: 'city-editor'; readonly keyId: string; readonly cityIds: readonly string[] }
  | { readonly kind: 'admin'; readonly keyId: string };

export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'public' }>;

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ kind: 'public' });

/** Refuses anonymous callers with UNAUTHENTICATED. */
export function requireAuthenticated(principal: Principal): AuthenticatedPrincipal {
  if (principal.kind === 'public') throw new UnauthenticatedError('This operation needs a credential');
  return principal;
}

/** Admin only; anyone else with a credential gets FORBIDDEN. */
export function requireAdmin(principal: Principal): void {
  if (requireAuthenticated(principal).kind !== 'admin') throw new ForbiddenError('Only an admin key may do this');
}

/** An admin, or a partner whose key names this programme. */
export function requireProgramScope(principal: Principal, programId: string): void {
  const caller = requireAuthenticated(principal);
  if (caller.kind === 'admin') return;
  if (caller.kind === 'partner' && caller.programIds.includes(programId)) return;
  throw new ForbiddenError('This key may not change this programme', { programId });
}

/**
 * An admin, or a city editor whose key names this city. A campaign is checked
 * through the city taking part in it: an editor may touch a city's own
 * campaign participation, never another city's.
 */
export function requireCityScope(principal: Principal, cityId: string): void {
  const caller = requireAuthenticated(principal);
  if (caller.kind === 'admin') return;
  if (caller.kind === 'city-editor' && caller.cityIds.includes(cityId)) return;
  throw new ForbiddenError('This key may not change this city', { cityId });
}

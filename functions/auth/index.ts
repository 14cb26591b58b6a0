export { authenticate, principalOf, usageIdentifierKeyOf, type Authenticated, type CredentialLookup } from './authenticate';
export { principalFromAuthorizerContext, toAuthorizerContext, type AuthorizerContext } from './authorizer-context';
export {
  PUBLIC_PRINCIPAL,
  requireAdmin,
  requireAuthenticated,
  requireCityScope,
  requireProgramScope,
  type AuthenticatedPrincipal,
  type Principal,
} from './principal';
export { bearerSecret, hashSecret, issueSecret, keyIdOf, secretMatches, type IssuedSecret } from './secret';
export { UNAUTHENTICATED_BODY, UNAUTHENTICATED_MESSAGE } from './refusal';

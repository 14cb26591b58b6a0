import type { ApolloServerPlugin } from '@apollo/server';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { PUBLIC_PRINCIPAL, principalFromAuthorizerContext, requireAuthenticated, type AuthenticatedPrincipal, type Principal } from '../auth';
import { ForbiddenError } from '../shared/errors';
import { UNAUTHENTICATED_BODY } from '../auth/refusal';
import { UNCACHEABLE } from './cache';
import type { GraphQLContext } from './context';
import { isPartnerEvent } from './http';

/**
 * The caller of a request. The public resource is anonymous whatever headers
 * it carries; on the partner resource the principal is what the authorizer
 * put into the request context (API Gateway's Lambda authorizer on AWS, the
 * same `authenticate` in the local server), and null if there is none, which
 * the handler answers with UNAUTHENTICATED before Apollo runs.
 */
export function principalForEvent(event: APIGatewayProxyEvent): Principal | null {
  if (!isPartnerEvent(event)) return PUBLIC_PRINCIPAL;
  return principalFromAuthorizerContext(event.requestContext?.authorizer);
}

/** The handler's answer to a partner request that reached it without an authorizer's principal. */
export function unauthenticatedResult(): APIGatewayProxyResult {
  return {
    statusCode: 401,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': UNCACHEABLE },
    body: UNAUTHENTICATED_BODY,
  };
}

/**
 * The only mutations a public caller may send: writing into a private inbox,
 * never reading or changing anything published. Every field of such an
 * operation must be on this list.
 */
export const PUBLIC_MUTATIONS: ReadonlySet<string> = new Set(['nominate']);

/** Whether every top-level selection is a public mutation field (fragments are not allowed to hide one). */
function onlyPublicMutations(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && (PUBLIC_MUTATIONS.has(selection.name.value) || selection.name.value === '__typename'),
  );
}

/**
 * Public callers can call no mutation but those in PUBLIC_MUTATIONS, whatever mutations the schema grows:
 * the operation is refused once it is resolved, before any resolver runs, so
 * no mutation resolver has to remember to check.
 */
export function mutationGuardPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, schema }) {
          // Without a Mutation type GraphQL itself refuses the operation; the guard is for when mutations exist.
          if (operation?.operation === 'mutation' && schema.getMutationType() && contextValue.principal.kind === 'public' && !onlyPublicMutations(operation)) {
            throw new GraphQLError('Mutations need a credential: call /partner/graphql with Authorization: Bearer <key>', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
        },
      };
    },
  };
}

/**
 * Moderators of a campaign: admins, and city editors whose key names at least
 * one of the campaign's places (a regional campaign is moderated by each of
 * its cities' editors). Partners and editors of other places are FORBIDDEN.
 */
export function requireCampaignModerator(principal: Principal, campaign: { cityIds: readonly string[] }): AuthenticatedPrincipal {
  const caller = requireAuthenticated(principal);
  if (caller.kind === 'admin') return caller;
  if (caller.kind === 'city-editor' && campaign.cityIds.some((id) => caller.cityIds.includes(id))) return caller;
  throw new ForbiddenError('This key may not moderate this campaign');
}

/**
 * Editors of a campaign's definition: admins, and city editors whose key
 * names every place the campaign has (before and after the change), so no
 * editor changes another city's campaign participation.
 */
export function requireCampaignEditor(principal: Principal, cityIds: readonly string[]): AuthenticatedPrincipal {
  const caller = requireAuthenticated(principal);
  if (caller.kind === 'admin') return caller;
  if (caller.kind === 'city-editor' && cityIds.length > 0 && cityIds.every((id) => caller.cityIds.includes(id))) return caller;
  throw new ForbiddenError('This key may not change this campaign');
}

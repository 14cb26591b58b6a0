import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { authenticate, type CredentialLookup } from '../auth/authenticate';
import { toAuthorizerContext } from '../auth/authorizer-context';
import { UnauthenticatedError } from '../shared/errors';
import { describeError, type Logger } from '../shared/log';

/**
 * API Gateway's contract for "no or bad credential": an error with exactly
 * this message makes it answer 401 (the UNAUTHORIZED gateway response); any
 * other error is a 500, which is what a store failure must stay.
 */
export const UNAUTHORIZED = 'Unauthorized';

/** `arn:…:api/stage/POST/partner/graphql` → the same ARN with `*` for the method. */
function anyMethodOf(methodArn: string): string {
  const parts = methodArn.split('/');
  if (parts.length > 2) parts[2] = '*';
  return parts.join('/');
}

/**
 * The partner resource's TOKEN authorizer: the `Authorization` header goes
 * through the same `authenticate` the local server runs; the answer allows
 * the method, names the caller's API key for its usage plan (API key source
 * AUTHORIZER) and carries the principal to the handler in its context.
 */
export function createAuthorizer(store: CredentialLookup, logger: Logger) {
  return async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    try {
      const { principal, usageIdentifierKey } = await authenticate(event.authorizationToken, store);
      logger.info('credential accepted', { keyId: principal.keyId, role: principal.kind });
      return {
        principalId: principal.keyId,
        policyDocument: {
          Version: '2012-10-17',
          // The answer is cached per token for every method of the partner resource (POST, and ANY
          // answering 405): allowing only the first method's ARN would refuse the others from the cache.
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: anyMethodOf(event.methodArn) }],
        },
        context: toAuthorizerContext(principal),
        usageIdentifierKey,
      };
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        // Never the token itself: it would put live secrets into the logs.
        logger.info('credential refused', { reason: error.message });
        throw new Error(UNAUTHORIZED);
      }
      logger.error('authorizer failed', describeError(error));
      throw error;
    }
  };
}

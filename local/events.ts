import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** What an HTTP request to API Gateway carries, before it becomes a proxy event. */
export interface RestRequest {
  method?: string;
  /** Request path, e.g. `/graphql`. */
  path?: string;
  /** The API Gateway resource that matched; the handler tells public from partner calls by it. */
  resource?: string;
  headers?: Record<string, string | readonly string[]>;
  query?: Record<string, string | readonly string[]> | null;
  body?: string | null;
  sourceIp?: string;
  protocol?: string;
  stage?: string;
}

/**
 * The REST API (v1) proxy event API Gateway sends for a request: one builder
 * for the local server, the tests and the benchmarks, so all of them drive
 * the handler with the same shape.
 */
export function restProxyEvent(request: RestRequest = {}): APIGatewayProxyEvent {
  const method = request.method ?? 'POST';
  const path = request.path ?? '/graphql';
  const resource = request.resource ?? path;
  const stage = request.stage ?? 'local';
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const list = typeof value === 'string' ? [value] : [...value];
    headers[name] = list.join(', ');
    multiValueHeaders[name] = list;
  }
  let query: Record<string, string> | null = null;
  let multiQuery: Record<string, string[]> | null = null;
  for (const [name, value] of Object.entries(request.query ?? {})) {
    const list = typeof value === 'string' ? [value] : [...value];
    (query ??= {})[name] = list[list.length - 1] ?? '';
    (multiQuery ??= {})[name] = list;
  }
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiQuery,
    pathParameters: null,
    stageVariables: null,
    body: request.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: stage,
      authorizer: null,
      protocol: request.protocol ?? 'HTTP/1.1',
      httpMethod: method,
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: request.sourceIp ?? '127.0.0.1',
        user: null, userAgent: headers['user-agent'] ?? null, userArn: null,
      },
      path: `/${stage}${path}`,
      stage,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: stage,
      resourcePath: resource,
    },
  };
}

/** A Lambda context for invoking the handler outside Lambda. */
export function lambdaContext(requestId: string = randomUUID()): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'graphql-local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:graphql-local',
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

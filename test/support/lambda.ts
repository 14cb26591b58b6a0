import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

export interface RestRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'PATCH';
  path?: string;
  body?: string | null;
  query?: Record<string, string> | null;
  headers?: Record<string, string>;
}

/** An API Gateway REST API proxy event, typed from `aws-lambda`. */
export function restEvent(request: RestRequest = {}): APIGatewayProxyEvent {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...request.headers };
  return {
    resource: request.path ?? '/graphql',
    path: request.path ?? '/graphql',
    httpMethod: request.method ?? 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: request.query ?? null,
    multiValueQueryStringParameters: request.query ? Object.fromEntries(Object.entries(request.query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: null,
    stageVariables: null,
    body: request.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method ?? 'POST',
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: '127.0.0.1', user: null, userAgent: 'jest', userArn: null,
      },
      path: `/test${request.path ?? '/graphql'}`,
      stage: 'test',
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      requestTimeEpoch: Date.now(),
      resourceId: 'res',
      resourcePath: request.path ?? '/graphql',
    },
  };
}

const lambdaContext = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'graphql',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:graphql',
  memoryLimitInMB: '512',
  awsRequestId: 'test',
  logGroupName: '/aws/lambda/graphql',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

type Handler = (event: APIGatewayProxyEvent, context: Context, callback: () => void) => Promise<APIGatewayProxyResult | void>;

let cached: Handler | undefined;
async function realHandler(): Promise<Handler> {
  // Imported lazily so the environment from the global setup is in place first.
  cached ??= (await import('../../functions/graphql/handler')).handler as unknown as Handler;
  return cached;
}

export async function invoke(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const handler = await realHandler();
  const result = await handler(event, lambdaContext, () => undefined);
  if (!result) throw new Error('handler returned nothing');
  return result;
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Record<string, unknown>;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** POSTs an operation to the real handler and parses the answer. */
export async function gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const result = await invoke(restEvent({ body: JSON.stringify({ query, variables }) }));
  const body = JSON.parse(result.body);
  return { status: result.statusCode, headers: result.headers ?? {}, ...body };
}

export function codes(response: GraphQLResponse): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}

import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext as localLambdaContext, restProxyEvent } from '../../local/events';

export interface RestRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'PATCH';
  path?: string;
  body?: string | null;
  query?: Record<string, string> | null;
  headers?: Record<string, string>;
}

/** An API Gateway REST API proxy event for a JSON GraphQL request, built as the local server builds them. */
export function restEvent(request: RestRequest = {}): APIGatewayProxyEvent {
  return restProxyEvent({
    method: request.method ?? 'POST',
    path: request.path ?? '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'user-agent': 'jest', ...request.headers },
    query: request.query ?? null,
    body: request.body ?? null,
    stage: 'test',
  });
}

const lambdaContext = localLambdaContext('test');

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

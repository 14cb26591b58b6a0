import type { AddressInfo } from 'node:net';
import { apiRoutes, createLocalServer, type RestHandler } from '../../local/http';
import { credentialTable } from '../support/credentials';

/** The real handler behind the local HTTP adapter on a free loopback port, at both API paths. */
export interface LocalApi {
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** `http://127.0.0.1:<port>/partner/graphql` */
  partnerUrl: string;
  /** Headers of a valid partner key for `vielfaltsgestalter`, issued for this server. */
  partnerHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startLocalApi(): Promise<LocalApi> {
  // Imported lazily so the environment from the global setup is in place first.
  const { handler } = await import('../../functions/graphql/handler');
  const credentials = await credentialTable();
  const { secret } = await credentials.issue('partner', ['vielfaltsgestalter']);
  const server = createLocalServer(apiRoutes(handler as unknown as RestHandler, credentials.store));
  // Client and server share this process: a synchronous stretch of a test longer
  // than Node's 5 s keep-alive lets the server's idle timer close a pooled socket
  // just as fetch reuses it (ECONNRESET). fetch drops idle sockets 1 s before the
  // server's advertised timeout, so a long one keeps the server from closing first.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    partnerUrl: `http://127.0.0.1:${port}/partner/graphql`,
    partnerHeaders: { authorization: `Bearer ${secret}` },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await credentials.drop();
    },
  };
}

export const ACCEPT_GRAPHQL = 'application/graphql-response+json';
export const ACCEPT_JSON = 'application/json';

/** A GET URL for an operation, every parameter URL-encoded as a browser would. */
export function getUrl(base: string, params: { query?: string; variables?: unknown; operationName?: string; extensions?: unknown }): string {
  const url = new URL(base);
  if (params.query !== undefined) url.searchParams.set('query', params.query);
  if (params.variables !== undefined) url.searchParams.set('variables', JSON.stringify(params.variables));
  if (params.operationName !== undefined) url.searchParams.set('operationName', params.operationName);
  if (params.extensions !== undefined) url.searchParams.set('extensions', JSON.stringify(params.extensions));
  return url.toString();
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any;
}

export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs a JSON GraphQL request. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT_GRAPHQL, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function codesOf(answer: Answer): unknown[] {
  return ((answer.json?.errors ?? []) as { extensions?: { code?: unknown } }[]).map((e) => e.extensions?.code);
}

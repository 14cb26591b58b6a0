import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext, restProxyEvent } from './events';

export type RestHandler = (event: APIGatewayProxyEvent, context: Context, callback: () => void) => Promise<APIGatewayProxyResult | void>;

/** Largest body the local adapter accepts, like API Gateway's 10 MB payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('payload too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length ? Buffer.concat(chunks) : null));
    req.on('error', reject);
  });
}

/** Turns a Node request into the REST API proxy event API Gateway would send. */
export function toRestEvent(req: IncomingMessage, body: Buffer | null, resourcePath: string): APIGatewayProxyEvent {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value : [value];
  }
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  return restProxyEvent({
    method: req.method ?? 'GET',
    path: url.pathname,
    resource: resourcePath,
    headers,
    query,
    body: body ? body.toString('utf8') : null,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${req.httpVersion}`,
  });
}

export interface Route {
  /** Exact path, e.g. `/graphql`. */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

/** A route that serves the Lambda handler exactly as API Gateway would invoke it. */
export function lambdaRoute(path: string, handler: RestHandler): Route {
  return {
    path,
    async handle(req, res) {
      let body: Buffer | null;
      try {
        body = await readBody(req);
      } catch (error) {
        // Shaped like the handler's own refusal, so clients see one error format locally and in AWS.
        const status = (error as { status?: number }).status ?? 400;
        const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' });
        res.end(JSON.stringify({ errors: [{ message: status === 413 ? 'Request body too large' : 'Request body could not be read', extensions: { code } }] }));
        return;
      }
      const event = toRestEvent(req, body, path);
      const result = await handler(event, lambdaContext(event.requestContext.requestId), () => undefined);
      if (!result) {
        res.writeHead(502).end();
        return;
      }
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
      for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name] = values.map(String);
      res.writeHead(result.statusCode, headers);
      res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    },
  };
}

/** The API's two resources, as API Gateway routes them to the one handler. */
export function apiRoutes(handler: RestHandler): Route[] {
  return [lambdaRoute('/graphql', handler), lambdaRoute('/partner/graphql', handler)];
}

/** A small HTTP server dispatching by exact path; anything else is 404. */
export function createLocalServer(routes: Route[]): Server {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = byPath.get(path);
    if (!route) {
      // The GraphQL error shape API Gateway answers unknown paths with (infra/constructs/api.ts).
      res.writeHead(404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ errors: [{ message: `Not found: ${path}. The API is at /graphql.`, extensions: { code: 'NOT_FOUND' } }] }));
      return;
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((error: unknown) => {
      process.stderr.write(`local server error: ${String(error)}\n`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal server error' }));
    });
  });
}

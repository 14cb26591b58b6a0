import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { authenticate, toAuthorizerContext, type CredentialLookup } from '../functions/auth';
import { UNAUTHENTICATED_BODY } from '../functions/auth/refusal';
import { UnauthenticatedError } from '../functions/shared/errors';
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
  /** Exact path, e.g. `/graphql`; with `prefix`, every path under it. */
  path: string;
  prefix?: boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

/**
 * What API Gateway's Lambda authorizer does in AWS, done in process: the same
 * `authenticate` over the same store, its principal put into
 * `requestContext.authorizer`. No cache, so a revoked key is refused at once.
 */
async function authorizeLocally(req: IncomingMessage, res: ServerResponse, credentials: CredentialLookup): Promise<Record<string, string> | null> {
  const header = req.headers.authorization;
  try {
    const { principal } = await authenticate(Array.isArray(header) ? header[0] : header, credentials);
    return { principalId: principal.keyId, ...toAuthorizerContext(principal) };
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    // API Gateway's UNAUTHORIZED gateway response answers the same (infra/constructs/api.ts).
    res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(UNAUTHENTICATED_BODY);
    return null;
  }
}

/**
 * A route that serves the Lambda handler exactly as API Gateway would invoke
 * it; with `credentials`, behind the same authentication as the partner
 * resource's authorizer.
 */
export function lambdaRoute(path: string, handler: RestHandler, credentials?: CredentialLookup): Route {
  return {
    path,
    async handle(req, res) {
      let authorizer: Record<string, string> | null = null;
      if (credentials) {
        authorizer = await authorizeLocally(req, res, credentials);
        if (!authorizer) return;
      }
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
      if (authorizer) event.requestContext.authorizer = authorizer;
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

/**
 * The API's resources, as API Gateway routes them: the public one open, the
 * partner one behind the credential check, and (given its handler) the
 * withdrawal link open, as on AWS.
 */
export function apiRoutes(handler: RestHandler, credentials: CredentialLookup, partnerHandler: RestHandler = handler, withdrawalHandler?: RestHandler): Route[] {
  return [
    lambdaRoute('/graphql', handler),
    lambdaRoute('/partner/graphql', partnerHandler, credentials),
    ...(withdrawalHandler ? [lambdaRoute('/withdrawal', withdrawalHandler)] : []),
  ];
}

const STATIC_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the built widgets under `prefix` (ending in `/`) from `dir`, cached
 * as CloudFront serves them: hashed files under `assets/` immutable, the
 * loader and the demo page revalidated. `prefix` alone serves `index.html`.
 */
export function widgetsRoute(prefix: string, dir: string): Route {
  return {
    path: prefix,
    prefix: true,
    async handle(req, res) {
      const relative = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice(prefix.length)) || 'index.html';
      const file = normalize(join(dir, relative));
      const type = STATIC_TYPES[extname(file)];
      if (!file.startsWith(dir + sep) || !type || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const immutable = relative.startsWith('assets/');
      res.writeHead(200, {
        'content-type': type,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=60, must-revalidate',
        // Module scripts are fetched with CORS: city websites load them from this origin.
        'access-control-allow-origin': '*',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}

/** A small HTTP server dispatching by exact path, or by prefix for prefix routes; anything else is 404. */
export function createLocalServer(routes: Route[]): Server {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  const byPrefix = routes.filter((r) => r.prefix);
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = byPath.get(path) ?? byPrefix.find((r) => path.startsWith(r.path));
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

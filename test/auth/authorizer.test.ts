import { join } from 'node:path';
import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { build } from 'esbuild';
import { revokeKey } from '../../cli/keys';
import { principalFromAuthorizerContext } from '../../functions/auth';
import { createAuthorizer } from '../../functions/authorizer/authorize';
import { DynamoCredentialStore } from '../../functions/data';
import { createLogger } from '../../functions/shared/log';
import { ESBUILD_OPTIONS } from '../../infra/bundling';
import { credentialTable, type CredentialTable } from '../support/credentials';
import { invoke, restEvent } from '../support/lambda';

const METHOD_ARN = 'arn:aws:execute-api:eu-central-1:123456789012:abcdef1234/prod/POST/partner/graphql';

/** The event API Gateway sends a TOKEN authorizer (identity source: the Authorization header). */
function tokenEvent(authorization: string): APIGatewayTokenAuthorizerEvent {
  return { type: 'TOKEN', authorizationToken: authorization, methodArn: METHOD_ARN };
}

let table: CredentialTable;
let logs: string[];
let authorize: ReturnType<typeof createAuthorizer>;

beforeAll(async () => {
  table = await credentialTable();
});
beforeEach(() => {
  logs = [];
  authorize = createAuthorizer(table.store, createLogger('info', (line) => logs.push(line)));
});
afterAll(async () => {
  await table.drop();
});

describe('Lambda authorizer of the partner resource', () => {
  it('allows a valid partner key, names its usage key and carries its principal', async () => {
    const { keyId, secret } = await table.issue('partner', ['vielfaltsgestalter', 'k2']);
    const result = await authorize(tokenEvent(`Bearer ${secret}`));
    expect(result.principalId).toBe(keyId);
    expect(result.policyDocument).toEqual({
      Version: '2012-10-17',
      // API Gateway caches this answer per token for every method of the resource (POST, and ANY answering 405),
      // so it must allow them all, not only the method that happened to come first.
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-central-1:123456789012:abcdef1234/prod/*/partner/graphql' }],
    });
    expect(result.usageIdentifierKey).toBe(`esk-usage-${keyId}`);
    expect(principalFromAuthorizerContext(result.context)).toEqual({ kind: 'partner', keyId, programIds: ['vielfaltsgestalter', 'k2'] });
    // API Gateway passes only flat scalar context values on.
    for (const value of Object.values(result.context ?? {})) expect(typeof value).toBe('string');
  });

  it('answers an admin and a city editor with their own principals', async () => {
    const admin = await table.issue('admin');
    const editor = await table.issue('city-editor', ['dessau-rosslau']);
    expect(principalFromAuthorizerContext((await authorize(tokenEvent(`Bearer ${admin.secret}`))).context)).toEqual({ kind: 'admin', keyId: admin.keyId });
    expect(principalFromAuthorizerContext((await authorize(tokenEvent(`Bearer ${editor.secret}`))).context)).toEqual({
      kind: 'city-editor',
      keyId: editor.keyId,
      cityIds: ['dessau-rosslau'],
    });
  });

  it.each([
    ['an empty header', ''],
    ['a bare secret without the Bearer scheme', 'esk_0123456789abcdef.' + 'A'.repeat(43)],
    ['an unknown key', `Bearer esk_0123456789abcdef.${'A'.repeat(43)}`],
  ])('refuses %s with API Gateway’s "Unauthorized" (401)', async (_name, header) => {
    await expect(authorize(tokenEvent(header))).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses a revoked key, and never logs the secret', async () => {
    const { keyId, secret } = await table.issue('partner', ['k2']);
    await authorize(tokenEvent(`Bearer ${secret}`));
    await revokeKey(table.deps, keyId);
    await expect(authorize(tokenEvent(`Bearer ${secret}`))).rejects.toThrow(/^Unauthorized$/);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(secret.split('.')[1]!);
  });

  it('lets a store failure surface as a failure (500), never as a refusal or an allow', async () => {
    const { secret } = await table.issue('partner', ['k2']);
    const broken = createAuthorizer(new DynamoCredentialStore(table.client, 'no-such-table'), createLogger('error', () => undefined));
    const error = await broken(tokenEvent(`Bearer ${secret}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toBe('Unauthorized');
  });

  it('produces a context the GraphQL handler accepts as the partner principal', async () => {
    const { secret } = await table.issue('partner', ['vielfaltsgestalter']);
    const result = await authorize(tokenEvent(`Bearer ${secret}`));
    const event = restEvent({ path: '/partner/graphql', body: JSON.stringify({ query: '{ program(id: "vielfaltsgestalter") { id } }' }) });
    // What API Gateway forwards to the integration: the principal id plus the context.
    event.requestContext.authorizer = { principalId: result.principalId, ...result.context };
    const answer = await invoke(event);
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body).errors).toBeUndefined();
  });

  it('bundles without GraphQL or Apollo, so its cold start stays small', async () => {
    const out = await build({
      ...ESBUILD_OPTIONS,
      entryPoints: [join(__dirname, '..', '..', 'functions', 'authorizer', 'handler.ts')],
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.some((path) => path.includes('functions/authorizer/'))).toBe(true);
    expect(inputs.filter((path) => /node_modules\/(graphql|@apollo|@graphql-tools|dataloader)\//.test(path))).toEqual([]);
  });
});

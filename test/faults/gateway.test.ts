import type { Template } from 'aws-cdk-lib/assertions';
import { invoke, restEvent } from '../support/lambda';
import { send, startLocalApi, type Answer, type LocalApi } from '../http/api';
import { synthesize } from '../infra/synth';

/**
 * The same request gets the same status and error shape from `npm start` and
 * from API Gateway as the synthesized template configures it. API Gateway is
 * modelled from the template only: which resource and method match, whether a
 * request model refuses the body, and how a gateway response renders; what
 * passes reaches the real handler.
 */
type Json = Record<string, any>;

// API Gateway's defaults where no gateway response overrides them.
const DEFAULT_STATUS: Record<string, number> = { BAD_REQUEST_BODY: 400, MISSING_AUTHENTICATION_TOKEN: 403 };
const DEFAULT_MESSAGE: Record<string, string> = { BAD_REQUEST_BODY: 'Invalid request body', MISSING_AUTHENTICATION_TOKEN: 'Missing Authentication Token' };

interface Simple {
  status: number;
  body: Json | undefined;
}

class GatewayModel {
  private readonly resources: Record<string, Json>;
  private readonly methods: Json[];
  private readonly responses: Json[];
  private readonly models: Record<string, Json>;
  constructor(template: Template) {
    this.resources = template.findResources('AWS::ApiGateway::Resource');
    this.methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
    this.responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse'));
    this.models = template.findResources('AWS::ApiGateway::Model');
  }

  private resourceId(path: string): string | undefined {
    let parent: string | undefined;
    for (const part of path.split('/').filter(Boolean)) {
      const found = Object.entries(this.resources).find(
        ([, r]) => r.Properties.PathPart === part && (parent ? r.Properties.ParentId?.Ref === parent : r.Properties.ParentId?.['Fn::GetAtt']?.[1] === 'RootResourceId'),
      );
      if (!found) return undefined;
      parent = found[0];
    }
    return parent;
  }

  private gatewayResponse(type: string): Simple {
    const configured = this.responses.find((r) => r.Properties.ResponseType === type);
    const message = DEFAULT_MESSAGE[type] ?? type;
    const template: string | undefined = configured?.Properties.ResponseTemplates?.['application/json'];
    const body = template ? JSON.parse(template.replace('$context.error.messageString', JSON.stringify(message))) : { message };
    return { status: Number(configured?.Properties.StatusCode ?? DEFAULT_STATUS[type]), body };
  }

  async answer(method: string, path: string, body: string | null): Promise<Simple> {
    const resource = this.resourceId(path);
    const methods = this.methods.filter((m) => resource && m.Properties.ResourceId?.Ref === resource);
    const matched = methods.find((m) => m.Properties.HttpMethod === method) ?? methods.find((m) => m.Properties.HttpMethod === 'ANY');
    if (!matched) return this.gatewayResponse('MISSING_AUTHENTICATION_TOKEN');
    // A TOKEN authorizer whose identity source (the Authorization header) is missing:
    // API Gateway refuses with UNAUTHORIZED without invoking the authorizer. These
    // cases send no credential, so that is all of the authorizer the model needs.
    if (matched.Properties.AuthorizationType === 'CUSTOM') return this.gatewayResponse('UNAUTHORIZED');
    const modelRef = matched.Properties.RequestModels?.['application/json']?.Ref;
    if (modelRef && matched.Properties.RequestValidatorId) {
      const schema = this.models[modelRef]!.Properties.Schema;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body ?? '');
      } catch {
        return this.gatewayResponse('BAD_REQUEST_BODY');
      }
      const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
      const query = isObject ? (parsed as Json).query : undefined;
      if (schema.type === 'object' && !isObject) return this.gatewayResponse('BAD_REQUEST_BODY');
      if (schema.properties?.query?.type === 'string' && query !== undefined && typeof query !== 'string') return this.gatewayResponse('BAD_REQUEST_BODY');
    }
    const result = await invoke(restEvent({ method: method as never, path, body }));
    return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
  }
}

function shape(answer: Simple): unknown {
  const errors = answer.body?.errors as { message?: unknown; extensions?: { code?: unknown } }[] | undefined;
  return {
    status: answer.status,
    codes: errors?.map((e) => e.extensions?.code),
    messages: errors?.map((e) => typeof e.message),
  };
}

describe('API Gateway and npm start answer alike', () => {
  let api: LocalApi;
  let gateway: GatewayModel;
  let template: Template;
  beforeAll(async () => {
    api = await startLocalApi();
    template = synthesize().template;
    gateway = new GatewayModel(template);
  });
  afterAll(() => api.close());

  const origin = () => new URL(api.url).origin;
  async function local(method: string, path: string, body: string | null): Promise<Simple> {
    const answer: Answer = await send(origin() + path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      ...(body !== null ? { body } : {}),
    });
    return { status: answer.status, body: answer.json };
  }

  const cases: [string, string, string, string | null][] = [
    ['a batch', 'POST', '/graphql', JSON.stringify([{ query: '{ __typename }' }])],
    ['a non-string query', 'POST', '/graphql', JSON.stringify({ query: 5 })],
    ['a body that is not JSON', 'POST', '/graphql', '{"query": '],
    ['PUT on the public endpoint', 'PUT', '/graphql', JSON.stringify({ query: '{ __typename }' })],
    ['DELETE on the public endpoint', 'DELETE', '/graphql', null],
    ['GET on the partner endpoint', 'GET', '/partner/graphql', null],
    ['an unknown path', 'POST', '/graphiql-nope', JSON.stringify({ query: '{ __typename }' })],
    ['a good query', 'POST', '/graphql', JSON.stringify({ query: '{ __typename }' })],
  ];

  for (const [name, method, path, body] of cases) {
    it(`answers ${name} with the same status and error codes`, async () => {
      const [aws, here] = await Promise.all([gateway.answer(method, path, body), local(method, path, body)]);
      expect(shape(aws)).toEqual(shape(here));
    });
  }

  it('answers API Gateway’s own refusals in the GraphQL error shape with documented codes', () => {
    // docs/API.md, "Refusals by API Gateway": response type → status and code.
    const expected: Record<string, [number, string]> = {
      THROTTLED: [429, 'TOO_MANY_REQUESTS'],
      QUOTA_EXCEEDED: [429, 'QUOTA_EXCEEDED'],
      WAF_FILTERED: [403, 'FORBIDDEN'],
      // A partner whose key the authorizer accepted but whose usage-plan key is missing or disabled.
      INVALID_API_KEY: [403, 'FORBIDDEN'],
      MISSING_AUTHENTICATION_TOKEN: [404, 'NOT_FOUND'],
      BAD_REQUEST_BODY: [400, 'BAD_REQUEST'],
      BAD_REQUEST_PARAMETERS: [400, 'BAD_REQUEST'],
      REQUEST_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
      INTEGRATION_TIMEOUT: [504, 'GATEWAY_TIMEOUT'],
      DEFAULT_4XX: [400, 'BAD_REQUEST'],
      DEFAULT_5XX: [500, 'INTERNAL_SERVER_ERROR'],
    };
    const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse'));
    for (const [type, [status, code]] of Object.entries(expected)) {
      const response = responses.find((r) => r.Properties.ResponseType === type);
      expect({ type, configured: response !== undefined }).toEqual({ type, configured: true });
      const rendered = JSON.parse(response!.Properties.ResponseTemplates['application/json'].replace('$context.error.messageString', '"refused"'));
      // DEFAULT_4XX/5XX keep the status of whatever API Gateway error they stand in for.
      if (!type.startsWith('DEFAULT_')) expect({ type, status: Number(response!.Properties.StatusCode) }).toEqual({ type, status });
      expect({ type, rendered }).toEqual({ type, rendered: { errors: [{ message: 'refused', extensions: { code } }] } });
      expect(response!.Properties.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
        'gatewayresponse.header.Cache-Control': "'no-store'",
      });
    }
  });
});

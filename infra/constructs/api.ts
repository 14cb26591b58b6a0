import { Duration, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { PartnerAccess } from '../config';
import { UNAUTHENTICATED_BODY } from '../../functions/auth/refusal';
import { ALLOWED_METHODS, CORS_ALLOWED_REQUEST_HEADERS, CORS_MAX_AGE_SECONDS } from '../../functions/graphql/http/contract';
import { WITHDRAWAL_CORS_HEADERS, WITHDRAWAL_CORS_MAX_AGE_SECONDS, WITHDRAWAL_METHODS, WITHDRAWAL_PATH } from '../../functions/withdrawal/withdraw';

/** Path of the public, anonymous GraphQL endpoint. */
export const PUBLIC_PATH = 'graphql';
/** Path (under `/partner`) of the endpoint partner foundations sync through, behind the credential authorizer. */
export const PARTNER_PATH = ['partner', 'graphql'] as const;

/** Headers browsers may send cross-origin: the handler's own list (functions/graphql/http/contract.ts). */
export const CORS_ALLOW_HEADERS: string[] = [...CORS_ALLOWED_REQUEST_HEADERS];

const PARTNER_DEFAULTS = { rateLimit: 10, burstLimit: 20, quotaPerDay: 10_000 } as const;

export interface GraphqlApiProps {
  /** API Gateway stage name. */
  readonly stage: string;
  readonly handler: lambda.IFunction;
  /** The function behind `/partner/graphql` (same code, write grants). @default handler */
  readonly partnerHandler?: lambda.IFunction;
  /** Stage-wide steady-state requests per second. */
  readonly rateLimit: number;
  /** Stage-wide burst. */
  readonly burstLimit: number;
  /** The function behind `POST /withdrawal` (the person's own withdrawal link); no resource without it. */
  readonly withdrawalHandler?: lambda.IFunction;
  /** Requests per 5 minutes one IP may make before WAF blocks it. */
  readonly wafRateLimitPer5Min: number;
  readonly logRetention: logs.RetentionDays;
  /** Partner foundations with limits of their own; each gets a usage plan besides the default one. */
  readonly partners: readonly PartnerAccess[];
  /** The Lambda authorizer that checks credentials on the partner resource. */
  readonly partnerAuthorizer: apigw.IAuthorizer;
  /**
   * Create and register the account's API Gateway CloudWatch Logs role. API Gateway
   * refuses both access and execution logging until the account has one; turn this off
   * where the account's role is already managed elsewhere (e.g. by a landing zone).
   */
  readonly manageAccountLoggingRole: boolean;
}

/**
 * The REST API in front of the GraphQL function: an anonymous `/graphql` (GET and
 * POST, CORS for any origin, no credentials) and an API-key `/partner/graphql`
 * whose callers each get a usage plan with their own throttle and daily quota.
 * Stage throttling, JSON access logs, tracing and a WAF web ACL with a per-IP
 * rate rule protect both; the handler validates requests.
 */
export class GraphqlApi extends Construct {
  readonly api: apigw.RestApi;
  readonly stage: apigw.Stage;
  readonly accessLogs: logs.LogGroup;
  readonly webAcl: wafv2.CfnWebACL;
  /** The usage plan a new partner key joins unless its partner has a plan of its own. */
  readonly defaultPartnerPlan: apigw.UsagePlan;
  /** Usage plans of partners with limits of their own, by partner id. */
  readonly partnerPlans: ReadonlyMap<string, apigw.UsagePlan>;

  constructor(scope: Construct, id: string, props: GraphqlApiProps) {
    super(scope, id);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-graphql`,
      description: 'Engagierte Stadt network GraphQL API',
      // Regional: clients are in Germany and WAF attaches to the stage directly; edge adds a CloudFront hop.
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      cloudWatchRole: props.manageAccountLoggingRole,
      // The role is an account-wide setting other APIs rely on; deleting this stack must not break their logging.
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      // GraphQL responses are repetitive JSON; gzip pays off above about a kilobyte.
      minCompressionSize: Size.kibibytes(1),
      // The authorizer names the caller's API key (its usageIdentifierKey), so usage plans
      // meter partners by credential and a client-sent x-api-key counts for nothing.
      apiKeySourceType: apigw.ApiKeySourceType.AUTHORIZER,
      deployOptions: {
        stageName: props.stage,
        throttlingRateLimit: props.rateLimit,
        throttlingBurstLimit: props.burstLimit,
        tracingEnabled: true,
        // ERROR only: enough to explain failed integrations, without logging request bodies.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: accessLogFormat(),
      },
    });
    this.stage = this.api.deploymentStage;
    const accountRole = this.api.node.tryFindChild('CloudWatchRole');
    if (accountRole) {
      Validations.of(accountRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'AWS policy for the account-wide API Gateway logging role, which must reach every API log group in the account.',
      });
    }

    // API Gateway's own refusals bypass the function: answer them in the GraphQL
    // error shape with documented codes (docs/API.md), never cacheable, with CORS
    // so browsers can read them. Key and authorizer refusals are the partner auth's.
    for (const [type, code, status] of GATEWAY_REFUSALS) {
      this.api.addGatewayResponse(`Refusal${type}`, {
        type: apigw.ResponseType.of(type),
        ...(status !== undefined ? { statusCode: String(status) } : {}),
        responseHeaders: { 'Access-Control-Allow-Origin': "'*'", 'Cache-Control': "'no-store'" },
        templates: { 'application/json': gatewayErrorTemplate(code) },
      });
    }

    // Credential refusals from the partner authorizer, in the GraphQL error shape the
    // handler and `npm start` answer with: 401 for a missing, malformed, unknown or
    // revoked key (UNAUTHORIZED), and a Deny policy (ACCESS_DENIED) read the same way.
    for (const [id, type, statusCode] of [
      ['Unauthorized', apigw.ResponseType.UNAUTHORIZED, '401'],
      ['AccessDenied', apigw.ResponseType.ACCESS_DENIED, '401'],
    ] as const) {
      this.api.addGatewayResponse(id, {
        type,
        statusCode,
        responseHeaders: { 'Content-Type': "'application/json'", 'Cache-Control': "'no-store'" },
        templates: { 'application/json': UNAUTHENTICATED_BODY },
      });
    }

    // No request model: it answered a batch or a non-string query with its own
    // `{"message": "Invalid request body"}`. The handler checks bodies and answers
    // in the GraphQL error shape, the same on AWS as under `npm start`.
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason: 'Request bodies are validated by the GraphQL handler, which answers in the GraphQL error shape; an API Gateway model would answer in its own.',
    });

    // One invoke permission for the whole API instead of two per method, so the
    // function's resource policy stays small as methods are added.
    const integration = new apigw.LambdaIntegration(props.handler, {
      proxy: true,
      scopePermissionToMethod: false,
    });

    const publicResource = this.api.root.addResource(PUBLIC_PATH, {
      defaultCorsPreflightOptions: {
        allowOrigins: apigw.Cors.ALL_ORIGINS,
        allowMethods: [...ALLOWED_METHODS],
        allowHeaders: CORS_ALLOW_HEADERS,
        allowCredentials: false,
        maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
      },
    });
    const publicGet = publicResource.addMethod('GET', integration);
    const publicPost = publicResource.addMethod('POST', integration);
    // Any other method reaches the handler, which answers 405 with Allow as it does locally.
    const publicOther = publicResource.addMethod('ANY', integration);
    for (const method of [publicGet, publicPost, publicOther]) {
      Validations.of(method).acknowledge(
        { id: 'AwsSolutions-APIG4', reason: 'Public read API by design; abuse is bounded by WAF per-IP rate rule and stage throttling.' },
        { id: 'AwsSolutions-COG4', reason: 'Anonymous public endpoint; there are no end-user accounts to put in a Cognito pool.' },
      );
    }

    if (props.withdrawalHandler) {
      // The person's own withdrawal link: no key and no authorizer (the one-time token in
      // the body is the credential), CORS so a landing page on a campaign's site may post
      // it. Stage throttling and the WAF rules cover it like every path. Other methods
      // (a link prefetcher's GET) reach the handler, which answers 405 as under `npm start`.
      const withdrawalIntegration = new apigw.LambdaIntegration(props.withdrawalHandler, { proxy: true, scopePermissionToMethod: false });
      const withdrawalResource = this.api.root.addResource(WITHDRAWAL_PATH, {
        defaultCorsPreflightOptions: {
          allowOrigins: apigw.Cors.ALL_ORIGINS,
          allowMethods: [...WITHDRAWAL_METHODS],
          allowHeaders: [...WITHDRAWAL_CORS_HEADERS],
          allowCredentials: false,
          maxAge: Duration.seconds(WITHDRAWAL_CORS_MAX_AGE_SECONDS),
        },
      });
      for (const method of [withdrawalResource.addMethod('POST', withdrawalIntegration), withdrawalResource.addMethod('ANY', withdrawalIntegration)]) {
        Validations.of(method).acknowledge(
          { id: 'AwsSolutions-APIG4', reason: 'The withdrawal link is used by the person without any account; the one-time token in the body is the credential. WAF per-IP rate rule and stage throttling bound abuse.' },
          { id: 'AwsSolutions-COG4', reason: 'Portrayed people have no accounts; there is no Cognito user pool for them.' },
        );
      }
    }

    // No CORS on the partner path: partners sync server to server, and a browser must never hold an API key.
    const partnerResource = this.api.root.addResource(PARTNER_PATH[0]).addResource(PARTNER_PATH[1]);
    // Every method needs a valid credential (the authorizer) and its usage-plan key (from
    // the authorizer, not the client); methods other than POST reach the handler, which
    // answers 405 as it does under `npm start`.
    const partnerMethod = {
      authorizer: props.partnerAuthorizer,
      authorizationType: apigw.AuthorizationType.CUSTOM,
      apiKeyRequired: true,
    };
    const partnerIntegration = props.partnerHandler
      ? new apigw.LambdaIntegration(props.partnerHandler, { proxy: true, scopePermissionToMethod: false })
      : integration;
    const partnerPost = partnerResource.addMethod('POST', partnerIntegration, partnerMethod);
    const partnerOther = partnerResource.addMethod('ANY', partnerIntegration, partnerMethod);
    for (const method of [partnerPost, partnerOther]) {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason: 'Partner foundations are machine clients checked by the credential Lambda authorizer; no Cognito user pool exists for them.',
      });
    }

    // Usage-plan limits apply per API key, and every credential has its own key
    // (registered by the admin command's printed step), so each partner is limited on its own.
    const plan = (id: string, description: string, limits: Partial<PartnerAccess>) =>
      this.api.addUsagePlan(id, {
        description,
        throttle: { rateLimit: limits.rateLimit ?? PARTNER_DEFAULTS.rateLimit, burstLimit: limits.burstLimit ?? PARTNER_DEFAULTS.burstLimit },
        quota: { limit: limits.quotaPerDay ?? PARTNER_DEFAULTS.quotaPerDay, period: apigw.Period.DAY },
        apiStages: [{ api: this.api, stage: this.stage }],
      });
    this.defaultPartnerPlan = plan('PartnerPlan', 'Partners: sync access to /partner/graphql, default limits per key', {});
    this.partnerPlans = new Map(
      props.partners.map((partner) => [partner.id, plan(`Plan-${partner.id}`, `Partner ${partner.id}: sync access to /partner/graphql`, partner)]),
    );

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('GraphqlApiWebAcl'),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.wafRateLimitPer5Min, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        // Only low-false-positive managed groups: the common rule set's 8 KB body limit
        // would block legitimate large GraphQL documents.
        managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 1),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }

  /** Invoke URL of the public endpoint. */
  get publicUrl(): string {
    return this.api.urlForPath(`/${PUBLIC_PATH}`);
  }

  /** Invoke URL of the withdrawal link's endpoint. */
  get withdrawalUrl(): string {
    return this.api.urlForPath(`/${WITHDRAWAL_PATH}`);
  }

  /** Invoke URL of the partner endpoint. */
  get partnerUrl(): string {
    return this.api.urlForPath(`/${PARTNER_PATH.join('/')}`);
  }
}

/**
 * API Gateway's own refusals: response type, the GraphQL error code it answers
 * with, and the status (undefined keeps API Gateway's). Published in docs/API.md.
 */
export const GATEWAY_REFUSALS: readonly (readonly [type: string, code: string, status: number | undefined])[] = [
  ['THROTTLED', 'TOO_MANY_REQUESTS', 429],
  ['QUOTA_EXCEEDED', 'QUOTA_EXCEEDED', 429],
  ['WAF_FILTERED', 'FORBIDDEN', 403],
  // The authorizer accepted the partner's key but its usage-plan key is unknown or disabled:
  // a refusal of that partner, not a malformed request.
  ['INVALID_API_KEY', 'FORBIDDEN', 403],
  // A path or method no resource has: API Gateway's 403 "Missing Authentication Token" is a 404 here, as locally.
  ['MISSING_AUTHENTICATION_TOKEN', 'NOT_FOUND', 404],
  ['BAD_REQUEST_BODY', 'BAD_REQUEST', 400],
  ['BAD_REQUEST_PARAMETERS', 'BAD_REQUEST', 400],
  ['REQUEST_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 413],
  ['INTEGRATION_TIMEOUT', 'GATEWAY_TIMEOUT', 504],
  ['DEFAULT_4XX', 'BAD_REQUEST', undefined],
  ['DEFAULT_5XX', 'INTERNAL_SERVER_ERROR', undefined],
];

/** A gateway response body shaped like any GraphQL error answer; `messageString` is API Gateway's message, JSON-quoted. */
function gatewayErrorTemplate(code: string): string {
  return `{"errors":[{"message":$context.error.messageString,"extensions":{"code":"${code}"}}]}`;
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { metricName, cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true };
}

function managedRuleGroup(name: string, priority: number): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: visibility(name),
  };
}

// Everything needed to answer "who called what, and why did it fail" without
// execution logging: the API key id (never the key), WAF verdict and integration errors.
function accessLogFormat(): apigw.AccessLogFormat {
  return apigw.AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      extendedRequestId: '$context.extendedRequestId',
      requestTime: '$context.requestTime',
      ip: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      apiKeyId: '$context.identity.apiKeyId',
      // The credential's key id (public, names no person), never the secret.
      principalId: '$context.authorizer.principalId',
      httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath',
      protocol: '$context.protocol',
      status: '$context.status',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integration.latency',
      integrationStatus: '$context.integration.status',
      integrationError: '$context.integration.error',
      errorMessage: '$context.error.message',
      errorType: '$context.error.responseType',
      wafStatus: '$context.waf.status',
      xrayTraceId: '$context.xrayTraceId',
    }),
  );
}

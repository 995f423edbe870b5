/**
 * The HTTP API generated from the route table (shared/http/routes.ts): one function per route with its
 * least-privilege grants, the officers' JWT authorizer on every non-public route, per-route throttles of
 * the public routes, access logs without bodies, query strings or headers, CORS when origins are given,
 * and an alarm on 5xx answers. Built into the scope the stack names, so construct paths (and logical
 * ids) stay those of the stack.
 *
 * The API itself (its id, hence its execute-api address, and its CORS) is made apart, by httpApi(), in the
 * stateful stack: the edge's distribution (us-east-1) takes that address as its origin, and the officers'
 * sign-in of the stateless stack returns to the distribution's name, so the API's address must exist before
 * the edge and the edge before the stateless stack (docs/deployment.md "The edge"). The routes, their
 * functions, the authorizer and the stage are made here, on the API imported by id, in the stateless stack.
 */
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  DomainName,
  SecurityPolicy,
  type CfnStage,
  type CorsPreflightOptions,
  CorsHttpMethod,
  HttpApi,
  type IHttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/http/routes.js';
import { FIVE_MINUTES, type StackAlarms } from './alarms.js';
import type { JwtIssuer } from './officer-pool.js';

export interface RouteApiProps {
  /** The API (stateful stack, httpApi()). */
  api: IHttpApi;
  routes: readonly RouteDefinition[];
  jwt: JwtIssuer;
  /** The external provider and its claim names; undefined: the stack's Cognito user pool. */
  identityProvider: { claims?: { agencyId?: string; groups?: string } } | undefined;
  table: ITable;
  reportBucket: IBucket;
  documentBucket: IBucket;
  /** The customer-managed key: applicant fields and the access logs. */
  dataKey: IKey;
  queryCodeSecret: ISecret;
  blindIndexSecret: ISecret;
  /** The API's custom domain (docs/deployment.md, the edge): mapped to the stage here. */
  apiDomain: { name: string; certificateArn: string } | undefined;
  /** CloudFront in front: the origin secret every route checks, the viewer-address header public routes count. */
  edge: { originSecret: ISecret; viewerAddressHeader: string } | undefined;
  logRetention: RetentionDays;
  alarms: StackAlarms;
}

/**
 * Stage-wide throttle of the officers' routes (requests per second, burst): far above what even a province's
 * officers produce by hand, it only stops a runaway client from running up the bill. Public routes carry
 * their own throttle in the route table.
 */
const OFFICER_THROTTLE = { rateLimit: 100, burstLimit: 200 };

export interface HttpApiProps {
  /** The route table: the methods and headers CORS allows. */
  routes: readonly RouteDefinition[];
  corsOrigins: string[];
  /**
   * Off with a custom domain (the only way in, behind the edge). Without one, the execute-api endpoint is
   * the edge's origin (and, without the edge, the API's address).
   */
  disableExecuteApiEndpoint: boolean;
}

/** The HTTP API without routes or stage (stateful stack): its address outlives the stateless stack. */
export function httpApi(scope: Construct, props: HttpApiProps): HttpApi {
  return new HttpApi(scope, 'Api', {
    description: 'Gongkai: government information disclosure applications',
    createDefaultStage: false,
    disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
    ...(props.corsOrigins.length > 0 ? { corsPreflight: corsFor(props.routes, props.corsOrigins) } : {}),
  });
}

export function routeApi(scope: Construct, props: RouteApiProps): { api: IHttpApi; stage: HttpStage } {
  const { routes, jwt, alarms } = props;
  // Imported under the id the API had when this stack made it, so the routes and the authorizer keep
  // their construct paths and logical ids. With a custom domain the execute-api endpoint is off: no address.
  const api = HttpApi.fromHttpApiAttributes(scope, 'Api', {
    httpApiId: props.api.apiId,
    ...(props.apiDomain ? {} : { apiEndpoint: props.api.apiEndpoint }),
  });
  const officers = new HttpJwtAuthorizer('OfficerJwt', jwt.issuer, {
    jwtAudience: jwt.audience,
    identitySource: ['$request.header.Authorization'],
  });

  const routeScope = new Construct(scope, 'Routes');
  const throttled: { key: string; route: HttpRoute; throttle: { rate: number; burst: number } }[] = [];
  for (const route of routes) {
    const fn = alarms.monitoredFunction(routeScope, route.id, { entry: route.entry, description: route.summary });
    if (route.auth === 'public' && route.tableAccess === 'readwrite' && !route.writableKeys) {
      throw new Error(`Public route ${route.id} writes the table: name its writableKeys in the route table`);
    }
    if (route.tableAccess !== 'none') fn.bindTable(props.table, route.tableAccess, route.writableKeys);
    if (route.applicantFields) fn.bindApplicantFields(props.dataKey, route.applicantFields, props.blindIndexSecret);
    if (route.queryCodeSecret) fn.bindSecret(props.queryCodeSecret, 'QUERY_CODE_SECRET_ARN', props.dataKey);
    if (route.auth !== 'public') {
      // Which claims name the caller's agency and groups: exactly those of the configured provider.
      const provider = props.identityProvider;
      fn.addEnvironment('IDENTITY_PROVIDER', provider ? 'oidc' : 'cognito');
      if (provider?.claims?.agencyId) fn.addEnvironment('OIDC_AGENCY_CLAIM', provider.claims.agencyId);
      if (provider?.claims?.groups) fn.addEnvironment('OIDC_GROUPS_CLAIM', provider.claims.groups);
    }
    if (route.reportBucket) fn.bindBucket(props.reportBucket, route.reportBucket);
    if (route.documentBucket) fn.bindDocumentBucket(props.documentBucket, route.documentBucket);
    const isPublic = route.auth === 'public';
    if (props.edge) {
      // Only the edge may call: the origin secret's current and previous versions (AWS managed key).
      fn.addEnvironment('ORIGIN_SECRET_ARN', props.edge.originSecret.secretArn);
      fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.edge.originSecret.secretArn] }));
      // The per-client limits count the address CloudFront saw, not CloudFront's own.
      if (isPublic) fn.addEnvironment('CLIENT_ADDRESS_HEADER', props.edge.viewerAddressHeader);
    }
    const method = HttpMethod[route.method];
    const httpRoute = new HttpRoute(api, `${method}${route.path}`, {
      httpApi: api,
      routeKey: HttpRouteKey.with(route.path, method),
      integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
      authorizer: isPublic ? new HttpNoneAuthorizer() : officers,
    });
    // Public routes must not run unthrottled: the route table gives each its own limits.
    if (isPublic && !route.throttle) throw new Error(`Public route ${route.id} has no throttle in the route table`);
    if (route.throttle) {
      throttled.push({ key: `${route.method} ${route.path}`, route: httpRoute, throttle: route.throttle });
    }
    if (isPublic) {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `Public by the route table, for people without an account (applicants, 2019 Regulation Art. 29): ${route.summary} Throttled per route.`,
      });
    }
  }

  const accessLogs = new LogGroup(scope, 'ApiAccessLogs', {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.RETAIN,
    encryptionKey: props.dataKey, // client addresses are personal information
  });
  const stage = new HttpStage(scope, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: OFFICER_THROTTLE,
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      // No body, no query string and no header: the query code and personal data stay out of the logs.
      // The source IP and the officer's sub are kept for abuse and audit investigations.
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          time: '$context.requestTime',
          routeKey: '$context.routeKey',
          status: '$context.status',
          responseLength: '$context.responseLength',
          latencyMs: '$context.responseLatency',
          integrationLatencyMs: '$context.integrationLatency',
          integrationError: '$context.integrationErrorMessage',
          authorizerError: '$context.authorizer.error',
          sub: '$context.authorizer.claims.sub',
          sourceIp: '$context.identity.sourceIp',
          userAgent: '$context.identity.userAgent',
        }),
      ),
    },
  });
  // Per-route throttles exist only as stage route settings (the L2 stage knows the stage-wide one only).
  (stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
    throttled.map(({ key, throttle }) => [
      key,
      { ThrottlingRateLimit: throttle.rate, ThrottlingBurstLimit: throttle.burst },
    ]),
  );
  // A route setting naming a route the stage cannot find yet fails the deployment.
  for (const { route } of throttled) stage.node.addDependency(route);

  if (props.apiDomain) {
    const domainName = new DomainName(scope, 'ApiDomain', {
      domainName: props.apiDomain.name,
      certificate: Certificate.fromCertificateArn(scope, 'ApiCertificate', props.apiDomain.certificateArn),
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(scope, 'ApiMapping', { api, domainName, stage });
    new CfnOutput(scope, 'ApiOriginTarget', {
      value: domainName.regionalDomainName,
      description: `Point ${props.apiDomain.name} (CNAME) here; the edge distribution uses it as its origin`,
    });
  }

  alarms.alarm(scope, 'Api5xx', api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), '接口返回了 5xx 错误。The API answered 5xx.');
  return { api, stage };
}

/** CORS for the given origins: the methods and request headers the route table uses, nothing more. */
function corsFor(routes: readonly RouteDefinition[], origins: string[]): CorsPreflightOptions {
  const methods = [...new Set(routes.map((r) => r.method))].map((m) => CorsHttpMethod[m]);
  const headers = new Set(['authorization', 'content-type']);
  for (const route of routes) for (const name of Object.keys(route.headers ?? {})) headers.add(name);
  return {
    allowOrigins: origins,
    allowMethods: [...methods, CorsHttpMethod.OPTIONS],
    allowHeaders: [...headers].sort(),
    exposeHeaders: ['location'],
    allowCredentials: false, // bearer tokens, no cookies
    maxAge: Duration.hours(1),
  };
}

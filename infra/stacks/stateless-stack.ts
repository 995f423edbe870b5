/**
 * Everything that can be rebuilt from the code (docs/architecture.md "Stacks"): one function per route of the route table and
 * per scheduled job, the HTTP API with the officers' JWT authorizer, the calendar seed, and the alarms. The
 * routes and jobs are generated from shared/http/routes.ts and shared/jobs.ts: a new entry there needs no
 * change here.
 */
import { createHash } from 'node:crypto';
import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  type CfnStage,
  DomainName,
  SecurityPolicy,
  type CorsPreflightOptions,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AccountRecovery, ClientAttributes, FeaturePlan, Mfa, StringAttribute, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { seedCalendarYears } from '../../shared/calendar/seed.js';
import { ROLES } from '../../shared/domain/types.js';
import { type RouteDefinition, routeList } from '../../shared/http/routes.js';
import { type ScheduledJob, scheduledJobs } from '../../shared/jobs.js';
import { CALENDAR_PARTITION } from '../../shared/store/keys.js';
import { type LogLevel, NodeFunction, type NodeFunctionProps } from '../constructs/node-function.js';

export interface StatelessStackProps extends StackProps {
  table: ITable;
  reportBucket: IBucket;
  /** The customer-managed key (stateful stack): applicant fields, log groups. */
  dataKey: IKey;
  /** The query-code and blind-index secrets (stateful stack, shared/crypto/secret-store.ts). */
  queryCodeSecret: ISecret;
  blindIndexSecret: ISecret;
  /** Origins of the web form and the officers' web app allowed by CORS; none: no CORS at all. */
  corsOrigins: string[];
  /** Where alarms are e-mailed; none: subscribe to the topic by other means. */
  alarmEmail?: string | undefined;
  logLevel: LogLevel;
  logRetention: RetentionDays;
  /**
   * The officers' OpenID Connect provider, when not a Cognito user pool of this stack (the China regions
   * have no Cognito user pools). Its ID tokens must carry sub, name, the agency and the groups under the
   * claim names given here (default `agencyId` and `groups`; shared/http/auth.ts reads those names only).
   * @default a Cognito user pool (claims `custom:agencyId` and `cognito:groups`)
   */
  identityProvider?: { issuer: string; audience: string[]; claims?: { agencyId?: string; groups?: string } } | undefined;
  /**
   * The API's custom domain (regional certificate in the API's region): the edge's origin. With it the
   * default execute-api endpoint is disabled, so every request passes the edge's WAF.
   */
  apiDomain?: { name: string; certificateArn: string } | undefined;
  /**
   * CloudFront in front of the API (the edge stack): every route function refuses a request without the
   * origin secret (ORIGIN_SECRET_ARN, shared/http/origin.ts), and the public ones count clients by the
   * viewer address the edge forwards (CLIENT_ADDRESS_HEADER, shared/http/client-address.ts).
   */
  edge?: { originSecret: ISecret; viewerAddressHeader: string } | undefined;
  /** @default routeList (shared/http/routes.ts) */
  routes?: readonly RouteDefinition[];
  /** @default scheduledJobs (shared/jobs.ts) */
  jobs?: readonly ScheduledJob[];
}

/**
 * Stage-wide throttle of the officers' routes (requests per second, burst): far above what even a province's
 * officers produce by hand, it only stops a runaway client from running up the bill. Public routes carry
 * their own throttle in the route table.
 */
const OFFICER_THROTTLE = { rateLimit: 100, burstLimit: 200 };

/** Scheduled jobs may read a year of cases (the statistics): more time and memory than a request. */
const JOB_SIZE = { timeout: Duration.minutes(15), memorySize: 1024 };

/**
 * A failed run is retried twice by Lambda, an event EventBridge could not deliver twice by EventBridge, each
 * within six hours; then it lands in the jobs' dead-letter queue, which raises an alarm.
 */
const JOB_RETRIES = { retryAttempts: 2, maxEventAge: Duration.hours(6) };

const FIVE_MINUTES = Duration.minutes(5);

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The officers' user pool, unless an external identity provider is configured. */
  readonly userPool: UserPool | undefined;
  readonly alarmTopic: Topic;
  private readonly props: StatelessStackProps;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.props = props;

    this.alarmTopic = new Topic(this, 'Alarms', { displayName: 'Gongkai alarms', enforceSSL: true });
    Validations.of(this.alarmTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm and metric names only, never case data; CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key, and a customer managed key would add a key and its policy for no data worth it.',
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    let issuer: { issuer: string; audience: string[] };
    if (props.identityProvider) {
      issuer = props.identityProvider;
    } else {
      const pool = this.createUserPool();
      const client = pool.addClient('WebClient', {
        authFlows: { userSrp: true },
        generateSecret: false, // a browser app cannot keep a secret
        disableOAuth: true, // no hosted UI: the web app signs in with SRP
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.hours(12), // a working day, then sign in again
        // The ID token carries what shared/http/auth.ts reads: name, custom:agencyId, cognito:groups.
        readAttributes: new ClientAttributes()
          .withStandardAttributes({ fullname: true, email: true, emailVerified: true, locale: true })
          .withCustomAttributes('agencyId'),
        // custom:agencyId decides which agency's cases an officer sees: only an administrator may set it
        // (admin-update-user-attributes). Cognito ignores an empty WriteAttributes list and lets the user
        // write every attribute, so the list names one harmless attribute instead.
        writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
      });
      // Officers send their ID token: its aud is the app client id. The issuer comes from the pool itself,
      // so it is right in every partition (HttpUserPoolAuthorizer writes ".amazonaws.com" into it).
      issuer = { issuer: `https://${pool.userPoolProviderUrl}`, audience: [client.userPoolClientId] };
      new CfnOutput(this, 'UserPoolId', { value: pool.userPoolId, description: "The officers' user pool" });
      new CfnOutput(this, 'UserPoolClientId', {
        value: client.userPoolClientId,
        description: 'The web app client (the ID token audience)',
      });
      this.userPool = pool;
    }

    const { api, stage } = this.createApi(props.routes ?? routeList, issuer);
    this.api = api;
    this.stage = stage;
    this.createJobs(props.jobs ?? scheduledJobs);
    this.seedCalendars();

    new CfnOutput(this, 'ApiUrl', {
      value: props.apiDomain ? `https://${props.apiDomain.name}/` : stage.url,
      description: props.apiDomain ? "The HTTP API's custom domain (the edge's origin; execute-api disabled)" : 'The HTTP API',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Subscribe here to receive the alarms',
    });
  }

  private createUserPool(): UserPool {
    const pool = new UserPool(this, 'Officers', {
      selfSignUpEnabled: false, // officers are created by an administrator
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Required, by authenticator app: officers read applicants' personal data, and TOTP needs no SMS
      // delivery (which would need an SNS role and depends on the region).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      // No self-service recovery: an administrator resets the password, so a mailbox is not a way in.
      accountRecovery: AccountRecovery.NONE,
      standardAttributes: { fullname: { required: false, mutable: true }, email: { required: false, mutable: true } },
      customAttributes: { agencyId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      // Lite has all this pool uses (password + SRP, TOTP, groups, custom attributes) at a third of the
      // Essentials price per monthly active user beyond the free tier.
      featurePlan: FeaturePlan.LITE,
      // The officers' accounts and MFA secrets cannot be rebuilt from the code.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus tier (threat protection) is billed per active user; MFA required for every officer and no self sign-up already close the account-takeover paths it watches, and tiers are not offered alike in every partition.',
    });
    for (const role of ROLES) {
      pool.addGroup(`${role}Group`, { groupName: role, description: `Gongkai role: ${role} (shared/http/auth.ts)` });
    }
    return pool;
  }

  private createApi(
    routes: readonly RouteDefinition[],
    jwt: { issuer: string; audience: string[] },
  ): { api: HttpApi; stage: HttpStage } {
    const api = new HttpApi(this, 'Api', {
      description: 'Gongkai: government information disclosure applications',
      createDefaultStage: false,
      disableExecuteApiEndpoint: this.props.apiDomain !== undefined,
      ...(this.props.corsOrigins.length > 0 ? { corsPreflight: corsFor(routes, this.props.corsOrigins) } : {}),
    });
    const officers = new HttpJwtAuthorizer('OfficerJwt', jwt.issuer, {
      jwtAudience: jwt.audience,
      identitySource: ['$request.header.Authorization'],
    });

    const scope = new Construct(this, 'Routes');
    const throttled: { key: string; route: HttpRoute; throttle: { rate: number; burst: number } }[] = [];
    for (const route of routes) {
      const fn = this.nodeFunction(scope, route.id, { entry: route.entry, description: route.summary });
      if (route.auth === 'public' && route.tableAccess === 'readwrite' && !route.writableKeys) {
        throw new Error(`Public route ${route.id} writes the table: name its writableKeys in the route table`);
      }
      if (route.tableAccess !== 'none') fn.bindTable(this.props.table, route.tableAccess, route.writableKeys);
      if (route.applicantFields) fn.bindApplicantFields(this.props.dataKey, route.applicantFields, this.props.blindIndexSecret);
      if (route.queryCodeSecret) fn.bindSecret(this.props.queryCodeSecret, 'QUERY_CODE_SECRET_ARN', this.props.dataKey);
      if (route.auth !== 'public') {
        // Which claims name the caller's agency and groups: exactly those of the configured provider.
        const provider = this.props.identityProvider;
        fn.addEnvironment('IDENTITY_PROVIDER', provider ? 'oidc' : 'cognito');
        if (provider?.claims?.agencyId) fn.addEnvironment('OIDC_AGENCY_CLAIM', provider.claims.agencyId);
        if (provider?.claims?.groups) fn.addEnvironment('OIDC_GROUPS_CLAIM', provider.claims.groups);
      }
      if (route.reportBucket) fn.bindBucket(this.props.reportBucket, route.reportBucket);
      const isPublic = route.auth === 'public';
      if (this.props.edge) {
        // Only the edge may call: the origin secret's current and previous versions (AWS managed key).
        fn.addEnvironment('ORIGIN_SECRET_ARN', this.props.edge.originSecret.secretArn);
        fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.props.edge.originSecret.secretArn] }));
        // The per-client limits count the address CloudFront saw, not CloudFront's own.
        if (isPublic) fn.addEnvironment('CLIENT_ADDRESS_HEADER', this.props.edge.viewerAddressHeader);
      }
      const [httpRoute] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
        authorizer: isPublic ? new HttpNoneAuthorizer() : officers,
      });
      if (!httpRoute) throw new Error(`No route was created for ${route.id}`);
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

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: this.props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
      encryptionKey: this.props.dataKey, // client addresses are personal information
    });
    const stage = new HttpStage(this, 'DefaultStage', {
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

    if (this.props.apiDomain) {
      const domainName = new DomainName(this, 'ApiDomain', {
        domainName: this.props.apiDomain.name,
        certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', this.props.apiDomain.certificateArn),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new ApiMapping(this, 'ApiMapping', { api, domainName, stage });
      new CfnOutput(this, 'ApiOriginTarget', {
        value: domainName.regionalDomainName,
        description: `Point ${this.props.apiDomain.name} (CNAME) here; the edge distribution uses it as its origin`,
      });
    }

    this.alarm(this, 'Api5xx', api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), 'The API answered 5xx.');
    return { api, stage };
  }

  private createJobs(jobs: readonly ScheduledJob[]): void {
    if (jobs.length === 0) return;
    const scope = new Construct(this, 'Jobs');
    const deadLetters = new Queue(scope, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the scheduled jobs.',
    });
    this.alarm(
      scope,
      'FailedRuns',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      'A scheduled job failed after its retries, or its event could not be delivered: see the dead-letter queue.',
    );

    for (const job of jobs) {
      const fn = this.nodeFunction(scope, job.id, { entry: job.entry, description: job.description, ...JOB_SIZE });
      fn.bindTable(this.props.table, job.tableAccess);
      if (job.applicantFields) fn.bindApplicantFields(this.props.dataKey, job.applicantFields, this.props.blindIndexSecret);
      if (job.needsReportBucket) fn.bindBucket(this.props.reportBucket, 'readwrite');
      // EventBridge invokes asynchronously: the function's own failures are retried and then parked by
      // Lambda (onFailure); the rule's dead-letter queue takes the events EventBridge could not deliver.
      fn.configureAsyncInvoke({ ...JOB_RETRIES, onFailure: new SqsDestination(deadLetters) });
      new Rule(scope, `${job.id}Schedule`, {
        description: `${job.description} (${job.beijingTime}, Beijing time)`.slice(0, 512),
        schedule: scheduleOf(job),
        targets: [new LambdaFunction(fn, { ...JOB_RETRIES, deadLetterQueue: deadLetters })],
      });
    }
  }

  /** A fresh deployment gets the seeded calendars; a new seed file is written on the next deployment. */
  private seedCalendars(): void {
    const seeder = new NodeFunction(this, 'SeedCalendar', {
      entry: 'functions/custom/seed-calendar.ts',
      description: 'Custom resource: writes the seeded national calendar years the table does not hold yet',
      logLevel: this.props.logLevel,
      logRetention: this.props.logRetention,
      logKey: this.props.dataKey,
      timeout: Duration.minutes(2),
    });
    seeder.bindTable(this.props.table, 'readwrite', [CALENDAR_PARTITION]);
    const seedHash = createHash('sha256').update(JSON.stringify(seedCalendarYears())).digest('hex');
    new CustomResource(this, 'CalendarSeed', {
      serviceToken: seeder.functionArn,
      resourceType: 'Custom::CalendarSeed',
      // A changed seed changes this property, which sends CloudFormation an Update, which writes new years.
      properties: { SeedSha256: seedHash },
      serviceTimeout: Duration.minutes(5),
    });
  }

  /** A function with the stack's log settings and alarms on its errors and throttles. */
  private nodeFunction(
    scope: Construct,
    id: string,
    options: Pick<NodeFunctionProps, 'entry' | 'description' | 'memorySize' | 'timeout'>,
  ): NodeFunction {
    const fn = new NodeFunction(scope, id, {
      ...options,
      logLevel: this.props.logLevel,
      logRetention: this.props.logRetention,
      logKey: this.props.dataKey,
    });
    const sum = { period: FIVE_MINUTES, statistic: 'Sum' };
    this.alarm(scope, `${id}Errors`, fn.metricErrors(sum), `${id} failed.`);
    this.alarm(scope, `${id}Throttles`, fn.metricThrottles(sum), `${id} was throttled.`);
    return fn;
  }

  /** Alarms at the first occurrence in five minutes: on this system any error is worth a look. */
  private alarm(scope: Construct, id: string, metric: IMetric, description: string): void {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
  }
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

/**
 * The EventBridge schedule of a job (cron in UTC), after checking that `scheduleUtc` and `beijingTime`
 * name the same time of day (Beijing = UTC+8, no DST): mixing the two up is the classic mistake here.
 */
export function scheduleOf(job: ScheduledJob): Schedule {
  const stated = /^(\d{2}):(\d{2})(?!\d)/.exec(job.beijingTime);
  if (!stated) throw new Error(`Job ${job.id}: beijingTime must start with HH:MM, got "${job.beijingTime}"`);
  const { minute, hour } = job.scheduleUtc;
  if (/^\d{1,2}$/.test(minute) && /^\d{1,2}$/.test(hour)) {
    const beijing = `${String((Number(hour) + 8) % 24).padStart(2, '0')}:${minute.padStart(2, '0')}`;
    if (beijing !== `${stated[1]}:${stated[2]}`) {
      const utc = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
      throw new Error(`Job ${job.id}: ${utc} UTC is ${beijing} in Beijing, not ${stated[0]}`);
    }
  }
  return Schedule.cron({ ...job.scheduleUtc });
}

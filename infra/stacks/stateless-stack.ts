/**
 * Everything that can be rebuilt from the code (docs/architecture.md "Stacks"): one function per route of
 * the route table and per scheduled job, the HTTP API's routes with the officers' JWT authorizer, the outbox
 * workers on the table's stream, the calendar seed, and the alarms. The routes and jobs are generated from shared/http/routes.ts and shared/jobs.ts:
 * a new entry there needs no change here. Its parts are in infra/constructs/: alarms.ts, officer-pool.ts,
 * outbox-workers.ts, route-api.ts, scheduled-jobs.ts, fan-out-job.ts (the year-end job and the sweep as Step Functions state
 * machines).
 */
import { createHash } from 'node:crypto';
import { CfnOutput, CustomResource, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpStage, IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { seedCalendarYears } from '../../shared/calendar/seed.js';
import { type RouteDefinition, routeList } from '../../shared/http/routes.js';
import { type FanOutJob, fanOutJobs, type ScheduledJob, scheduledJobs } from '../../shared/jobs.js';
import { CALENDAR_PARTITION } from '../../shared/store/keys.js';
import { StackAlarms } from '../constructs/alarms.js';
import { type LogLevel, NodeFunction } from '../constructs/node-function.js';
import { externalSignIn, type ExternalSignInProps, type HostedUiProps, type JwtIssuer, officerUserPool } from '../constructs/officer-pool.js';
import { routeApi } from '../constructs/route-api.js';
import { fanOutJobStateMachines } from '../constructs/fan-out-job.js';
import { outboxWorkers } from '../constructs/outbox-workers.js';
import { scheduledJobFunctions } from '../constructs/scheduled-jobs.js';

export interface StatelessStackProps extends StackProps {
  /** The HTTP API (stateful stack): its routes, authorizer and stage are made here. */
  api: IHttpApi;
  table: ITable;
  reportBucket: IBucket;
  /** The customer-managed key (stateful stack): applicant fields, log groups. */
  dataKey: IKey;
  /** The query-code and blind-index secrets (stateful stack, shared/crypto/secret-store.ts). */
  queryCodeSecret: ISecret;
  blindIndexSecret: ISecret;
  /** The cases' documents (stateful stack). */
  documentBucket: IBucket;
  /**
   * The sender of the notification e-mails: an address of an SES identity verified in the account and
   * region; the notifier may send as this address only. None: e-mail notifications fail into the DLQ.
   */
  notifyFromEmail?: string | undefined;
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
   * default execute-api endpoint is disabled (stateful stack), so every request passes the edge's WAF.
   */
  apiDomain?: { name: string; certificateArn: string } | undefined;
  /**
   * CloudFront in front of the API (the edge stack): every route function refuses a request without the
   * origin secret (ORIGIN_SECRET_ARN, shared/http/origin.ts), and the public ones count clients by the
   * viewer address the edge forwards (CLIENT_ADDRESS_HEADER, shared/http/client-address.ts).
   */
  edge?: { originSecret: ISecret; viewerAddressHeader: string } | undefined;
  /**
   * With the edge (which serves the pages) and a Cognito user pool: the console signs in through the pool's
   * hosted UI (authorization code + PKCE) and returns to the pages' domain. The edge stack deploys first.
   */
  hostedUi?: HostedUiProps | undefined;
  /**
   * With the edge and an external provider whose endpoints are configured: the console signs in there
   * (authorization code + PKCE); its settings are written into the pages' bucket. The edge stack deploys first.
   */
  externalSignIn?: ExternalSignInProps | undefined;
  /** @default routeList (shared/http/routes.ts) */
  routes?: readonly RouteDefinition[];
  /** @default scheduledJobs (shared/jobs.ts) */
  jobs?: readonly ScheduledJob[];
  /** @default fanOutJobs (shared/jobs.ts) */
  fanOutJobs?: readonly FanOutJob[];
}

export class StatelessStack extends Stack {
  readonly api: IHttpApi;
  readonly stage: HttpStage;
  /** The officers' user pool, unless an external identity provider is configured. */
  readonly userPool: UserPool | undefined;
  readonly alarmTopic: Topic;
  private readonly props: StatelessStackProps;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.props = props;

    const alarms = new StackAlarms(this, props.alarmEmail, { logLevel: props.logLevel, logRetention: props.logRetention, logKey: props.dataKey });
    this.alarmTopic = alarms.topic;

    let issuer: JwtIssuer;
    if (props.identityProvider) {
      issuer = props.identityProvider;
      if (props.externalSignIn) externalSignIn(this, props.externalSignIn, { key: props.dataKey, retention: props.logRetention });
    } else {
      const officers = officerUserPool(this, { key: props.dataKey, retention: props.logRetention }, props.hostedUi);
      issuer = officers.issuer;
      this.userPool = officers.pool;
    }

    const { api, stage } = routeApi(this, {
      api: props.api,
      routes: props.routes ?? routeList,
      jwt: issuer,
      identityProvider: props.identityProvider,
      table: props.table,
      reportBucket: props.reportBucket,
      documentBucket: props.documentBucket,
      dataKey: props.dataKey,
      queryCodeSecret: props.queryCodeSecret,
      blindIndexSecret: props.blindIndexSecret,
      apiDomain: props.apiDomain,
      edge: props.edge,
      logRetention: props.logRetention,
      alarms,
    });
    this.api = api;
    this.stage = stage;
    scheduledJobFunctions(this, {
      jobs: props.jobs ?? scheduledJobs,
      table: props.table,
      reportBucket: props.reportBucket,
      dataKey: props.dataKey,
      blindIndexSecret: props.blindIndexSecret,
      alarms,
    });
    fanOutJobStateMachines(this, {
      jobs: props.fanOutJobs ?? fanOutJobs,
      table: props.table,
      reportBucket: props.reportBucket,
      dataKey: props.dataKey,
      blindIndexSecret: props.blindIndexSecret,
      logRetention: props.logRetention,
      alarms,
    });
    outboxWorkers(this, {
      table: props.table,
      documentBucket: props.documentBucket,
      dataKey: props.dataKey,
      blindIndexSecret: props.blindIndexSecret,
      notifyFromEmail: props.notifyFromEmail,
      alarms,
    });
    this.seedCalendars();

    new CfnOutput(this, 'ApiUrl', {
      value: props.apiDomain ? `https://${props.apiDomain.name}/` : stage.url,
      description: props.apiDomain
        ? "The HTTP API's custom domain (the edge's origin; execute-api disabled)"
        : props.edge
          ? "The HTTP API's execute-api address, the edge's origin (it refuses requests that did not come through the edge)"
          : 'The HTTP API',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Subscribe here to receive the alarms',
    });
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
}

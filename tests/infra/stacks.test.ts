/**
 * CDK assertions over the synthesised templates (bundling skipped): what the stacks must hold for the data,
 * the routes, the officers and the schedules, checked against the definitions they are generated from.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuildOptions, readConfig } from '../../infra/app.js';
import { REPO_ROOT } from '../../infra/constructs/node-function.js';
import { scheduleOf } from '../../infra/constructs/scheduled-jobs.js';
import { seedCalendarYears } from '../../shared/calendar/seed.js';
import { ROLES } from '../../shared/domain/types.js';
import { routeList } from '../../shared/http/routes.js';
import { fanOutJobs, type ScheduledJob, scheduledJobs } from '../../shared/jobs.js';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/table-definition.js';

/** A synth takes seconds; on a busy 2-core machine, more than the 10 s vitest gives a hook by default. */
const SYNTH_TIMEOUT = 120_000;

const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/** The app as `cdk synth` builds it (cdk.json's context), without bundling. */
function synth(context: Record<string, unknown> = {}, options: BuildOptions = {}) {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
  const built = buildApp(app, options);
  const assembly = app.synth();
  return {
    app,
    stacks: built,
    assembly,
    stateful: Template.fromStack(built.stateful),
    stateless: Template.fromStack(built.stateless),
  };
}

/** The logical-id prefix of aws-cdk-lib's AwsCustomResource singleton function. */
const AWS_CUSTOM_RESOURCE_FUNCTION = 'AWS679f53fac002430cb0da5b7982bd2287';

type Resource = { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] } & Record<string, unknown>;
const resourcesOf = (template: Template, type: string) =>
  Object.entries(template.findResources(type)) as [string, Resource][];

/** The sample the generator is exercised with while shared/jobs.ts is still empty. */
const YEAR_END: ScheduledJob = {
  id: 'YearEndStatistics',
  entry: 'functions/http/get-application.ts', // any existing entry: bundling is skipped here
  description: 'Generates the year-end statistics of every agency',
  scheduleUtc: { minute: '30', hour: '16', day: '31', month: '12' },
  beijingTime: '00:30 on 1 January',
  tableAccess: 'read',
  needsReportBucket: true,
};

describe('the app, as configured by cdk.json', () => {
  let s: ReturnType<typeof synth>;
  beforeAll(() => {
    s = synth();
  }, SYNTH_TIMEOUT);

  describe('stateful stack', () => {
    it('builds the table from the table definition: keys, indexes and their projections, TTL', () => {
      const [[, table]] = resourcesOf(s.stateful, 'AWS::DynamoDB::Table') as [[string, Resource]];
      const p = table.Properties as Record<string, any>;
      expect(p.KeySchema).toEqual([
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ]);
      const expectedIndexes = Object.values(INDEXES).map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection:
          index.projection === 'ALL'
            ? { ProjectionType: 'ALL' }
            : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
      }));
      expect(p.GlobalSecondaryIndexes).toEqual(expectedIndexes);
      for (const definition of p.AttributeDefinitions as { AttributeType: string }[]) {
        expect(definition.AttributeType).toBe('S');
      }
      expect(p.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
      expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    });

    it('protects the table: point-in-time recovery, deletion protection, retained', () => {
      s.stateful.hasResource('AWS::DynamoDB::Table', {
        Properties: Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
          DeletionProtectionEnabled: true,
        }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(s.assembly.getStackByName(s.stacks.stateful.stackName).terminationProtection).toBe(true);
    });

    it('keeps reports in a versioned, encrypted, private, retained bucket with access logs', () => {
      const buckets = resourcesOf(s.stateful, 'AWS::S3::Bucket');
      const [reportsId, reports] = buckets.find(([id]) => id.startsWith('Reports'))!;
      const [logsId] = buckets.find(([id]) => id.startsWith('AccessLogs'))!;
      const [[dataKeyId]] = resourcesOf(s.stateful, 'AWS::KMS::Key') as [[string, Resource]];
      expect(reports).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          VersioningConfiguration: { Status: 'Enabled' },
          // #13 item 5: under the customer-managed key (was SSE-S3, AES256).
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              {
                ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [dataKeyId, 'Arn'] } },
                BucketKeyEnabled: true,
              },
            ],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          LoggingConfiguration: { DestinationBucketName: { Ref: logsId } },
        },
      });
      expect(reportsId).toBeTruthy();
      for (const [, bucket] of buckets) expect(bucket.DeletionPolicy).toBe('Retain');
    });

    it("denies every request to the buckets that does not use TLS (1.2 or later)", () => {
      for (const [, policy] of resourcesOf(s.stateful, 'AWS::S3::BucketPolicy')) {
        const statements = (policy.Properties as any).PolicyDocument.Statement as Record<string, unknown>[];
        expect(statements).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
        expect(statements).toContainEqual(
          expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        );
      }
      expect(resourcesOf(s.stateful, 'AWS::S3::BucketPolicy')).toHaveLength(3); // access logs, reports, documents
    });

    it('outputs the report bucket name', () => {
      s.stateful.hasOutput('ReportBucketName', { Value: { Ref: Match.stringLikeRegexp('^Reports') } });
    });
  });

  describe('stateless stack', () => {
    const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

    it('creates one HTTP API route per route of the route table, each with its own function', () => {
      const routes = resourcesOf(s.stateless, 'AWS::ApiGatewayV2::Route');
      expect(routes.map(([, r]) => (r.Properties as any).RouteKey).sort()).toEqual(routeList.map(routeKey).sort());
      const integrations = s.stateless.findResources('AWS::ApiGatewayV2::Integration');
      for (const route of routeList) {
        const [, httpRoute] = routes.find(([, r]) => (r.Properties as any).RouteKey === routeKey(route))!;
        const target = (httpRoute.Properties as any).Target['Fn::Join'][1][1].Ref as string;
        const uri = integrations[target]!.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
        expect(uri).toMatch(new RegExp(`^Routes${route.id}[0-9A-F]{8}$`));
        expect(integrations[target]!.Properties.PayloadFormatVersion).toBe('2.0');
      }
    });

    it('puts the JWT authorizer on every route but the public ones', () => {
      const [[authorizerId]] = resourcesOf(s.stateless, 'AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
      for (const route of routeList) {
        const expected =
          route.auth === 'public'
            ? { RouteKey: routeKey(route), AuthorizationType: 'NONE', AuthorizerId: Match.absent() }
            : { RouteKey: routeKey(route), AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } };
        s.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', expected);
      }
      expect(routeList.some((r) => r.auth === 'public')).toBe(true);
      expect(routeList.some((r) => r.auth !== 'public')).toBe(true);
    });

    it("verifies the officers' Cognito ID token: issuer of the pool, audience the app client", () => {
      const [[poolId]] = resourcesOf(s.stateless, 'AWS::Cognito::UserPool') as [[string, Resource]];
      const [[clientId]] = resourcesOf(s.stateless, 'AWS::Cognito::UserPoolClient') as [[string, Resource]];
      s.stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: clientId }],
          Issuer: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [poolId, 'ProviderURL'] }]] },
        },
      });
    });

    it('throttles each public route (and any other with limits) as the route table says, at the stage', () => {
      const [[, stage]] = resourcesOf(s.stateless, 'AWS::ApiGatewayV2::Stage') as [[string, Resource]];
      for (const route of routeList.filter((r) => r.auth === 'public')) expect(route.throttle).toBeDefined();
      const expected = Object.fromEntries(
        routeList
          .filter((r) => r.throttle)
          .map((r) => [routeKey(r), { ThrottlingRateLimit: r.throttle!.rate, ThrottlingBurstLimit: r.throttle!.burst }]),
      );
      expect((stage.Properties as any).RouteSettings).toEqual(expected);
      expect((stage.Properties as any).DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 });
      // The stage is created after the routes its settings name.
      const routes = resourcesOf(s.stateless, 'AWS::ApiGatewayV2::Route');
      for (const route of routeList.filter((r) => r.throttle)) {
        const [id] = routes.find(([, r]) => (r.Properties as any).RouteKey === routeKey(route))!;
        expect(stage.DependsOn).toContain(id);
      }
    });

    it('refuses a public route without a throttle', () => {
      const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
      const open = { ...routeList.find((r) => r.auth === 'public')!, throttle: undefined };
      expect(() => buildApp(app, { routes: [open] })).toThrow(/Public route \w+ has no throttle/);
    });

    it('logs API access as JSON without bodies, headers or query strings', () => {
      const [[, stage]] = resourcesOf(s.stateless, 'AWS::ApiGatewayV2::Stage') as [[string, Resource]];
      const settings = (stage.Properties as any).AccessLogSettings;
      expect(settings.DestinationArn['Fn::GetAtt'][1]).toBe('Arn');
      const format = JSON.parse(settings.Format) as Record<string, string>;
      expect(format.requestId).toBe('$context.requestId');
      expect(settings.Format).not.toMatch(/requestOverride|\$input|querystring|header\./i);
    });

    it('has no CORS unless origins are configured, then exactly those', () => {
      expect((resourcesOf(s.stateful, 'AWS::ApiGatewayV2::Api')[0]![1].Properties as any).CorsConfiguration).toBeUndefined();
      const withCors = synth({ corsOrigins: 'https://a.example.gov.cn, https://b.example.gov.cn' });
      withCors.stateful.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: Match.objectLike({
          AllowOrigins: ['https://a.example.gov.cn', 'https://b.example.gov.cn'],
          AllowHeaders: Match.arrayWith(['authorization', 'content-type', 'idempotency-key', 'x-query-code']),
          AllowCredentials: false,
        }),
      });
    });

    it('runs every function on nodejs24.x, arm64, traced, with its own log group and the shared environment', () => {
      // Ours: not aws-cdk-lib's AwsCustomResource function (the officers' sign-in settings, tests/infra/pages.test.ts).
      const functions = resourcesOf(s.stateless, 'AWS::Lambda::Function').filter(([id]) => !id.startsWith(AWS_CUSTOM_RESOURCE_FUNCTION));
      // + the calendar seeder, the two outbox workers; + per fan-out job its unit function, and the plan and summary functions they share
      const fanOut = fanOutJobs.length > 0 ? fanOutJobs.length + 2 : 0;
      expect(functions).toHaveLength(routeList.length + scheduledJobs.length + 1 + 2 + fanOut);
      const logGroups = s.stateless.findResources('AWS::Logs::LogGroup');
      for (const [, fn] of functions) {
        const p = fn.Properties as Record<string, any>;
        expect(p.Runtime).toBe('nodejs24.x');
        expect(p.Architectures).toEqual(['arm64']);
        expect(p.TracingConfig).toEqual({ Mode: 'Active' });
        expect(p.Handler).toBe('index.handler');
        const variables = p.Environment.Variables as Record<string, unknown>;
        expect(variables).toMatchObject({ LOG_LEVEL: 'INFO', NODE_OPTIONS: '--enable-source-maps' });
        expect(variables).not.toHaveProperty('DYNAMODB_ENDPOINT');
        const logGroup = logGroups[p.LoggingConfig.LogGroup.Ref as string]!;
        expect(logGroup.Properties.RetentionInDays).toBe(365);
        expect(logGroup.DeletionPolicy).toBe('Retain');
      }
    });

    it('grants each function the table and bucket access its route declares, and no more', () => {
      const policies = s.stateless.findResources('AWS::IAM::Policy');
      const roles = s.stateless.findResources('AWS::IAM::Role');
      const functions = resourcesOf(s.stateless, 'AWS::Lambda::Function');
      const grantsOf = (routeId: string) => {
        const [, fn] = functions.find(([id]) => id.startsWith(`Routes${routeId}`))!;
        const roleId = (fn.Properties as any).Role['Fn::GetAtt'][0] as string;
        expect(roles[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
        const policy = Object.values(policies).find((p) => p.Properties.Roles[0].Ref === roleId)!;
        const statements = policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
        const table = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('dynamodb:')));
        // Reads cover the table and every index; writes limited by LeadingKeys (#13 item 10) name the table
        // only (no item is written through an index).
        const reads = table.filter((st) => !JSON.stringify(st).includes('dynamodb:LeadingKeys'));
        for (const st of reads) expect(JSON.stringify(st.Resource).match(/\/index\//g)).toHaveLength(Object.keys(INDEXES).length);
        const actions = statements.flatMap((st) => [st.Action].flat());
        return {
          table: actions.filter((a) => a.startsWith('dynamodb:')).sort(),
          bucket: actions.filter((a) => a.startsWith('s3:')).sort(),
          env: (fn.Properties as any).Environment.Variables as Record<string, unknown>,
        };
      };
      for (const route of routeList) {
        const { table, bucket, env } = grantsOf(route.id);
        if (route.tableAccess === 'none') expect(table).toEqual([]);
        if (route.tableAccess === 'read') expect(table).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
        if (route.tableAccess === 'readwrite') {
          expect(table).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']));
        }
        expect('TABLE_NAME' in env).toBe(route.tableAccess !== 'none');
        const bucketActions = { read: ['s3:GetObject'], readwrite: ['s3:GetObject', 's3:PutObject'], none: [] };
        // The report bucket's grant, and the document bucket's (object reads of documents/, issue 14).
        const documentActions = route.documentBucket === 'read' ? ['s3:GetObject'] : [];
        expect(bucket).toEqual([...bucketActions[route.reportBucket ?? 'none'], ...documentActions].sort());
        expect('REPORT_BUCKET' in env).toBe(route.reportBucket !== undefined);
        expect('DOCUMENT_BUCKET' in env).toBe(route.documentBucket !== undefined);
      }
      const everything = JSON.stringify(policies);
      for (const forbidden of ['dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:*']) {
        expect(everything).not.toContain(forbidden);
      }
    });

    // Actions that accept no resource but "*": X-Ray's (active tracing), and CloudWatch Logs' log delivery,
    // which a state machine's logging needs (Step Functions developer guide, "Logging using CloudWatch Logs").
    const RESOURCELESS = /^(xray:|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$)/;
    it('allows no IAM wildcard but the acknowledged X-Ray and log-delivery ones and SMS publishing beside its denial of every topic', () => {
      for (const template of [s.stateful, s.stateless]) {
        for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
          for (const st of (policy.Properties as any).PolicyDocument.Statement as Record<string, unknown>[]) {
            const actions = [st.Action].flat() as string[];
            for (const action of actions) expect(action).not.toContain('*');
            if ([st.Resource].flat().includes('*')) {
              // Besides X-Ray: dynamodb:ListStreams (the outbox workers' stream event source; no resource-level
              // permission), and SNS Publish to a phone number (SMS has no resource ARN), which the notifier's
              // policy denies for every topic and endpoint of the account beside it (outbox-workers.ts).
              const statements = (policy.Properties as any).PolicyDocument.Statement as Record<string, unknown>[];
              if (actions.includes('sns:Publish')) {
                expect(statements.some((d) => d.Effect === 'Deny' && [d.Action].flat().includes('sns:Publish'))).toBe(true);
              }
              expect(actions.filter((a) => !RESOURCELESS.test(a) && a !== 'dynamodb:ListStreams' && a !== 'sns:Publish')).toEqual([]);
            }
          }
        }
      }
    });

    it('creates the officers user pool: admin-only sign-up, strong passwords, MFA by app, agencyId, the three groups', () => {
      s.stateless.hasResource('AWS::Cognito::UserPool', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          MfaConfiguration: 'ON',
          UserPoolTier: 'LITE',
          EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
          DeletionProtection: 'ACTIVE',
          Policies: {
            PasswordPolicy: {
              MinimumLength: 12,
              RequireLowercase: true,
              RequireUppercase: true,
              RequireNumbers: true,
              RequireSymbols: true,
              TemporaryPasswordValidityDays: 3,
            },
          },
          Schema: Match.arrayWith([Match.objectLike({ Name: 'agencyId', AttributeDataType: 'String', Mutable: true })]),
        }),
      });
      const groups = resourcesOf(s.stateless, 'AWS::Cognito::UserPoolGroup').map(([, g]) => (g.Properties as any).GroupName);
      expect(groups.sort()).toEqual([...ROLES].sort());
    });

    it("lets the app client read custom:agencyId but never write it", () => {
      const [[, client]] = resourcesOf(s.stateless, 'AWS::Cognito::UserPoolClient') as [[string, Resource]];
      const p = client.Properties as Record<string, any>;
      expect(p.ReadAttributes).toEqual(expect.arrayContaining(['custom:agencyId', 'name']));
      // Cognito treats an empty list as "everything writable".
      expect(p.WriteAttributes.length).toBeGreaterThan(0);
      expect(p.WriteAttributes).not.toContain('custom:agencyId');
      expect(p.GenerateSecret).toBe(false);
      // The hosted UI's code grant only (with the edge, which serves the console; without it OAuth is off:
      // tests/infra/pages.test.ts).
      expect(p.AllowedOAuthFlows).toEqual(['code']);
    });

    it('alarms on API 5xx and on every function error and throttle, to the SNS topic', () => {
      const [[topicId]] = resourcesOf(s.stateless, 'AWS::SNS::Topic') as [[string, Resource]];
      const alarms = resourcesOf(s.stateless, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Record<string, any>);
      for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarms.filter((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toHaveLength(1);
      for (const metric of ['Errors', 'Throttles']) {
        const watched = alarms.filter((a) => a.MetricName === metric).map((a) => a.Dimensions[0].Value.Ref as string);
        for (const route of routeList) expect(watched.some((id) => id.startsWith(`Routes${route.id}`))).toBe(true);
      }
      s.stateless.resourceCountIs('AWS::SNS::Subscription', 0);
      synth({ alarmEmail: 'ops@example.gov.cn' }).stateless.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'ops@example.gov.cn',
      });
    });

    it("alarms on the application's own counters (EMF lines of shared/metrics.ts) in the stack's namespace, which every function is told", () => {
      const namespace = s.stacks.stateless.stackName;
      const alarms = resourcesOf(s.stateless, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Record<string, any>);
      const counters = Object.fromEntries(alarms.filter((a) => a.Namespace === namespace).map((a) => [a.MetricName, [a.Statistic, a.Period, a.Threshold]]));
      expect(counters).toEqual({
        Unavailable: ['Sum', 300, 5],
        LockedOut: ['Sum', 300, 50],
        VersionConflicts: ['Sum', 300, 20],
        OverdueFlags: ['Sum', 86400, 1],
        YearEndFailures: ['Sum', 86400, 1],
      });
      const functions = resourcesOf(s.stateless, 'AWS::Lambda::Function').filter(([id]) => id.startsWith('Routes') || id.startsWith('Jobs'));
      expect(functions.length).toBeGreaterThan(0);
      for (const [, fn] of functions) expect((fn.Properties as any).Environment.Variables.METRICS_NAMESPACE).toBe(namespace);
    });

    it('seeds the calendars through a custom resource that changes with the seed data', () => {
      const hash = createHash('sha256').update(JSON.stringify(seedCalendarYears())).digest('hex');
      s.stateless.hasResourceProperties('Custom::CalendarSeed', {
        ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SeedCalendar'), 'Arn'] },
        SeedSha256: hash,
      });
    });

    it('outputs the API URL, the user pool id and the client id', () => {
      const outputs = s.stateless.toJSON().Outputs as Record<string, unknown>;
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId']));
    });

    it('creates one schedule per job of shared/jobs.ts, and a dead-letter queue only when there are jobs', () => {
      const rules = resourcesOf(s.stateless, 'AWS::Events::Rule');
      expect(rules.map(([, r]) => (r.Properties as any).ScheduleExpression).sort()).toEqual(
        [...scheduledJobs, ...fanOutJobs].map((job) => scheduleOf(job).expressionString).sort(),
      );
      // the single-function jobs' dead-letter queue, the fan-out jobs' one, and the outbox workers' one
      s.stateless.resourceCountIs('AWS::SQS::Queue', (scheduledJobs.length > 0 ? 1 : 0) + (fanOutJobs.length > 0 ? 1 : 0) + 1);
    });
  });
});

describe('the scheduled-job generator, with a sample job', () => {
  let s: ReturnType<typeof synth>;
  beforeAll(() => {
    s = synth({}, { jobs: [YEAR_END] });
  }, SYNTH_TIMEOUT);

  it('schedules 00:30 on 1 January Beijing time as 16:30 UTC on 31 December', () => {
    s.stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(30 16 31 12 ? *)',
      State: 'ENABLED',
      Description: Match.stringLikeRegexp('00:30 on 1 January, Beijing time'),
    });
  });

  it('retries, then parks failed runs and undeliverable events in an encrypted dead-letter queue with an alarm', () => {
    const [[queueId]] = resourcesOf(s.stateless, 'AWS::SQS::Queue') as [[string, Resource]];
    s.stateless.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    s.stateless.hasResourceProperties('AWS::Events::Rule', {
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        }),
      ],
    });
    s.stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    s.stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
    });
  });

  it('gives the job read access to the table and object access to the report bucket, and nothing more', () => {
    const [, fn] = resourcesOf(s.stateless, 'AWS::Lambda::Function').find(([id]) => id.startsWith('JobsYearEndStatistics'))!;
    expect((fn.Properties as any).Timeout).toBe(900);
    expect((fn.Properties as any).Environment.Variables.REPORT_BUCKET).toBeDefined();
    const roleId = (fn.Properties as any).Role['Fn::GetAtt'][0] as string;
    const [, policy] = resourcesOf(s.stateless, 'AWS::IAM::Policy').find(([, p]) => (p.Properties as any).Roles[0].Ref === roleId)!;
    const statements = (policy.Properties as any).PolicyDocument.Statement as { Action: string | string[] }[];
    const actions = statements.flatMap((st) => [st.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 's3:GetObject', 's3:PutObject']));
    expect(actions).not.toContain('dynamodb:PutItem');
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
  });

  it('refuses a job whose UTC cron and Beijing time disagree', () => {
    expect(() => scheduleOf({ ...YEAR_END, scheduleUtc: { minute: '30', hour: '0', day: '1', month: '1' } })).toThrow(
      /00:30 UTC is 08:30 in Beijing, not 00:30/,
    );
    expect(() => scheduleOf({ ...YEAR_END, beijingTime: 'half past midnight' })).toThrow(/must start with HH:MM/);
    // 01:00 Monday to Friday in Beijing is 17:00 the day before in UTC: Sunday to Thursday.
    const weekdays = { minute: '0', hour: '17', weekDay: 'SUN-THU' };
    expect(scheduleOf({ ...YEAR_END, scheduleUtc: weekdays, beijingTime: '01:00 Monday to Friday' }).expressionString).toBe(
      'cron(0 17 ? * SUN-THU *)',
    );
  });

  it('passes cdk-nag with the job present (the bucket grant is acknowledged exactly)', () => {
    expect(new AwsSolutionsChecks().validateScope(s.app).violations).toEqual([]);
  });
});

describe('cdk-nag (AwsSolutions) over the whole app', () => {
  it('finds nothing unacknowledged, and every acknowledgement gives its reason', () => {
    const { app } = synth();
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    const acknowledged: [string, string][] = [];
    const visit = (node: App | Stack | { node: App['node'] }) => {
      for (const entry of node.node.metadata) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
          acknowledged.push(...Object.entries(entry.data as Record<string, string>));
        }
      }
      for (const child of node.node.children) visit(child);
    };
    visit(app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });

  it('fails the synth on a new finding, error or warning alike', () => {
    const withBucket = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    new Bucket(buildApp(withBucket).stateful, 'Careless'); // no TLS rule, no access logs
    expect(() => withBucket.synth()).toThrow(/AwsSolutions-S10/);

    // DDB3 is a warning in cdk-nag. Once CDK itself suppresses a finding (an acknowledgement in the
    // 'AwsSolutions::' form its report suggests), it passes a report whose remaining findings are warnings.
    const withTable = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const { stateful } = buildApp(withTable);
    const bucket = new Bucket(stateful, 'Acknowledged', { enforceSSL: true });
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions::AwsSolutions-S1', reason: 'a test bucket, no logs needed' });
    new Table(stateful, 'NoRecovery', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    const failure = (() => {
      try {
        withTable.synth();
        return '';
      } catch (error) {
        return String(error);
      }
    })();
    expect(failure).toMatch(/AwsSolutions-DDB3/);
    expect(failure).not.toMatch(/AwsSolutions-S1\b/);
  });
});

describe('partitions', () => {
  const templatesOf = (assembly: ReturnType<App['synth']>) => assembly.stacks.map((stack) => JSON.stringify(stack.template));

  const CHINA = { region: 'cn-north-1', account: '123456789012' };
  const OIDC = { jwtIssuer: 'https://idp.example.gov.cn/realms/gongkai', jwtAudience: 'gongkai-web' };

  it('synthesises for aws-cn (cn-north-1) with no aws-partition ARN', () => {
    const { assembly } = synth(OIDC, { env: CHINA, jobs: [YEAR_END] });
    const templates = templatesOf(assembly);
    for (const template of templates) expect(template).not.toContain('arn:aws:');
    // ARNs are built, in the China partition.
    expect(templates.some((t) => t.includes('arn:aws-cn:'))).toBe(true);
  });

  it('asks for an OpenID Connect provider in aws-cn, which has no Cognito user pools', () => {
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    expect(() => buildApp(app, { env: CHINA })).toThrow(/cn-north-1 has no Cognito user pools: .*-c jwtIssuer=/);
  });

  it("verifies the external provider's tokens instead, and creates no user pool", () => {
    const { stateless } = synth(OIDC, { env: CHINA });
    stateless.resourceCountIs('AWS::Cognito::UserPool', 0);
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: OIDC.jwtIssuer, Audience: [OIDC.jwtAudience] },
    });
    expect(Object.keys(stateless.toJSON().Outputs as object)).not.toContain('UserPoolId');
  });

  it('tells the officer functions whose claims to read: Cognito by default, the OIDC provider and its claim names otherwise', () => {
    const envOf = (template: Template) =>
      new Map(
        resourcesOf(template, 'AWS::Lambda::Function').map(([id, fn]) => [id, ((fn.Properties as any).Environment?.Variables ?? {}) as Record<string, unknown>]),
      );
    const officerRoutes = routeList.filter((r) => r.auth !== 'public');
    const byRoute = (envs: Map<string, Record<string, unknown>>, routeId: string) => [...envs].find(([id]) => id.startsWith(`Routes${routeId}`))![1];
    const withCognito = envOf(synth().stateless);
    const withOidc = envOf(synth({ ...OIDC, jwtAgencyClaim: 'org_code', jwtGroupsClaim: 'roles' }, { env: CHINA }).stateless);
    for (const route of officerRoutes) {
      expect(byRoute(withCognito, route.id)).toMatchObject({ IDENTITY_PROVIDER: 'cognito' });
      expect(byRoute(withCognito, route.id)).not.toHaveProperty('OIDC_AGENCY_CLAIM');
      expect(byRoute(withOidc, route.id)).toMatchObject({ IDENTITY_PROVIDER: 'oidc', OIDC_AGENCY_CLAIM: 'org_code', OIDC_GROUPS_CLAIM: 'roles' });
    }
  });

  it('leaves the partition to CloudFormation when no environment is given', () => {
    const { assembly } = synth();
    // The edge stack is pinned to us-east-1, in the aws partition by definition (none in aws-cn).
    const regional = assembly.stacks.filter((stack) => stack.environment.region !== 'us-east-1');
    expect(regional.map((stack) => stack.stackName).sort()).toEqual(['Gongkai-dev-Stateful', 'Gongkai-dev-Stateless']);
    for (const template of regional.map((stack) => JSON.stringify(stack.template))) {
      expect(template).not.toContain('arn:aws:');
      expect(template).not.toMatch(/amazonaws\.com\//); // no endpoint that assumes the aws partition
    }
  });
});

describe('configuration from context', () => {
  const configOf = (context: Record<string, unknown>) => readConfig(new App({ context: { ...cdkJson.context, ...context } }));

  it('reads the defaults of cdk.json', () => {
    expect(configOf({})).toEqual({
      stage: 'dev',
      corsOrigins: [],
      alarmEmail: undefined,
      logLevel: 'INFO',
      logRetention: 365,
      identityProvider: undefined,
      edge: true,
    });
  });

  it('reads the options of the command line', () => {
    expect(
      configOf({
        stage: 'prod',
        corsOrigins: 'https://a.gov.cn,https://b.gov.cn',
        alarmEmail: 'ops@a.gov.cn',
        logLevel: 'warn',
        logRetentionDays: '731',
        jwtIssuer: 'https://idp.a.gov.cn',
        jwtAudience: 'web,mobile',
        edge: 'false',
      }),
    ).toEqual({
      stage: 'prod',
      corsOrigins: ['https://a.gov.cn', 'https://b.gov.cn'],
      alarmEmail: 'ops@a.gov.cn',
      logLevel: 'WARN',
      logRetention: 731,
      identityProvider: { issuer: 'https://idp.a.gov.cn', audience: ['web', 'mobile'] },
      edge: false,
    });
  });

  it('refuses bad values, naming the key', () => {
    expect(() => configOf({ stage: 'Prod env' })).toThrow(/stage/);
    expect(() => configOf({ corsOrigins: '*' })).toThrow(/corsOrigins/);
    expect(() => configOf({ corsOrigins: 'https://a.gov.cn/form' })).toThrow(/corsOrigins/);
    expect(() => configOf({ corsOrigins: 'http://a.gov.cn' })).toThrow(/corsOrigins/);
    expect(() => configOf({ alarmEmail: 'ops' })).toThrow(/alarmEmail/);
    expect(() => configOf({ logLevel: 'TRACE' })).toThrow(/logLevel/);
    expect(() => configOf({ logRetentionDays: '90' })).toThrow(/logRetentionDays/); // under six months
    expect(() => configOf({ logRetentionDays: '200' })).toThrow(/logRetentionDays/); // not a CloudWatch value
    expect(() => configOf({ jwtIssuer: 'http://idp.a.gov.cn', jwtAudience: 'web' })).toThrow(/jwtIssuer/);
    expect(() => configOf({ jwtIssuer: 'https://idp.a.gov.cn' })).toThrow(/jwtAudience/);
  });
});

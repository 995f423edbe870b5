/**
 * The CDK app (`npx cdk synth|deploy`, cdk.json runs this file): a stateful stack (table, report bucket) and a
 * stateless stack (functions, API, user pool, schedules, alarms), configured from context, checked by cdk-nag.
 *
 * Context (cdk.json holds the defaults; override with `-c key=value`):
 * - `stage`: name of the deployment (`dev`, `prod`), part of the stack names, so stages share an account;
 * - `corsOrigins`: comma-separated origins of the web form and web app (`https://a,https://b`); empty: no CORS;
 * - `alarmEmail`: an address subscribed to the alarm topic; empty: none;
 * - `logLevel`: DEBUG | INFO | WARN | ERROR;
 * - `logRetentionDays`: a CloudWatch Logs retention of at least 180 days (网络安全法 Art. 21: six months);
 * - `jwtIssuer`, `jwtAudience`: the officers' OpenID Connect provider and its client id(s), instead of a
 *   Cognito user pool. Required in the China regions, which have no Cognito user pools.
 *
 * The stacks name no account or region: they synthesise offline, without credentials, and deploy to the
 * account and region of the credentials, `aws` or `aws-cn` partition alike.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  App,
  type Environment,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  Tags,
  Token,
  Validations,
} from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { AwsSolutionsChecks, type NagPack } from 'cdk-nag';
import type { RouteDefinition } from '../shared/http/routes.js';
import type { ScheduledJob } from '../shared/jobs.js';
import type { LogLevel } from './constructs/node-function.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export interface AppConfig {
  stage: string;
  corsOrigins: string[];
  alarmEmail: string | undefined;
  logLevel: LogLevel;
  logRetention: RetentionDays;
  /** The officers' external OpenID Connect provider; none: a Cognito user pool. */
  identityProvider: { issuer: string; audience: string[] } | undefined;
}

const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
/** 网络安全法 (Cybersecurity Law) Art. 21: network logs are kept for at least six months. */
const MIN_LOG_RETENTION_DAYS = 180;

const isUrl = (value: string) => {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
};

/** The configuration from the app's context; throws naming the bad key. */
export function readConfig(app: App): AppConfig {
  const text = (key: string): string => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`Context ${key} must be a string`);
    return String(value).trim();
  };

  const stage = text('stage') || 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Context stage must be 1–20 lowercase letters, digits or hyphens, starting with a letter: "${stage}"`);
  }

  const list = (key: string) =>
    text(key)
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  const corsOrigins = list('corsOrigins');
  for (const origin of corsOrigins) {
    const parsed = isUrl(origin) ? new URL(origin) : undefined;
    const local = parsed?.protocol === 'http:' && parsed.hostname === 'localhost';
    if (!parsed || (parsed.protocol !== 'https:' && !local) || parsed.origin !== origin) {
      throw new Error(`Context corsOrigins: "${origin}" is not an origin such as https://example.gov.cn (no path, no "*")`);
    }
  }

  const alarmEmail = text('alarmEmail') || undefined;
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new Error(`Context alarmEmail is not an e-mail address: "${alarmEmail}"`);
  }

  const logLevel = (text('logLevel') || 'INFO').toUpperCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`Context logLevel must be one of ${LOG_LEVELS.join(', ')}`);

  const days = Number(text('logRetentionDays') || 365);
  const retentions = Object.values(RetentionDays).filter((d): d is number => typeof d === 'number');
  if (!retentions.includes(days) || days < MIN_LOG_RETENTION_DAYS) {
    const allowed = retentions.filter((d) => d >= MIN_LOG_RETENTION_DAYS).join(', ');
    throw new Error(`Context logRetentionDays must be one of ${allowed} (at least six months), got ${String(days)}`);
  }

  const issuer = text('jwtIssuer');
  const audience = list('jwtAudience');
  if (issuer && !(isUrl(issuer) && new URL(issuer).protocol === 'https:')) {
    throw new Error(`Context jwtIssuer must be the https URL of an OpenID Connect issuer: "${issuer}"`);
  }
  if (Boolean(issuer) !== audience.length > 0) throw new Error('Context jwtIssuer and jwtAudience go together');
  const identityProvider = issuer ? { issuer, audience } : undefined;

  return { stage, corsOrigins, alarmEmail, logLevel, logRetention: days as RetentionDays, identityProvider };
}

/**
 * Every cdk-nag finding must be fixed or acknowledged next to its resource, so every finding is an error.
 * cdk-nag reports some rules as warnings (DDB3 point-in-time recovery, COG2 MFA, ...), and once CDK itself
 * suppresses a finding (an acknowledgement in the `AwsSolutions::` form its report suggests) it lets a
 * report through whose remaining findings are only warnings.
 */
class EveryFindingFails implements IPolicyValidationPlugin {
  readonly name: string;

  constructor(private readonly pack: NagPack) {
    this.name = pack.name;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.pack.validate(context);
    const violations = report.violations.map((v) => ({ ...v, severity: 'error' }));
    return { ...report, success: violations.length === 0, violations };
  }
}

export interface BuildOptions {
  /** @default the account and region of the CLI's credentials, or none (environment-agnostic) */
  env?: Environment;
  /** @default the route table */
  routes?: readonly RouteDefinition[];
  /** @default shared/jobs.ts */
  jobs?: readonly ScheduledJob[];
}

export function buildApp(app: App, options: BuildOptions = {}) {
  const config = readConfig(app);
  const env = options.env ?? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `Gongkai-${config.stage}`;
  // CloudFormation knows no Cognito user pool in the China partition: say so now, not at deployment.
  const region = env.region && !Token.isUnresolved(env.region) ? env.region : undefined;
  if (region && RegionInfo.get(region).partition === 'aws-cn' && !config.identityProvider) {
    throw new Error(
      `${region} has no Cognito user pools: give the officers' OpenID Connect provider with -c jwtIssuer=https://... -c jwtAudience=<client id> (docs/deployment.md)`,
    );
  }

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    description: 'Gongkai: the table and the report bucket (retained)',
    terminationProtection: true,
    accessLogRetention: config.logRetention,
    logLevel: config.logLevel,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    description: 'Gongkai: functions, HTTP API, officers user pool, schedules, alarms',
    table: stateful.table,
    reportBucket: stateful.reportBucket,
    dataKey: stateful.dataKey,
    queryCodeSecret: stateful.queryCodeSecret,
    blindIndexSecret: stateful.blindIndexSecret,
    corsOrigins: config.corsOrigins,
    alarmEmail: config.alarmEmail,
    logLevel: config.logLevel,
    logRetention: config.logRetention,
    identityProvider: config.identityProvider,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
  });

  Tags.of(app).add('project', 'gongkai');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new EveryFindingFails(new AwsSolutionsChecks(app)));
  return { config, stateful, stateless };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const app = new App();
  buildApp(app);
  app.synth();
}

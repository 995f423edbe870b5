/**
 * The CDK app (`npx cdk synth|deploy`, cdk.json runs this file): a stateful stack (table, report bucket, the
 * HTTP API's address), an edge stack in us-east-1 (CloudFront, AWS WAF, the pages) and a stateless stack
 * (functions, the API's routes, user pool, schedules, alarms), configured from context, checked by cdk-nag.
 *
 * Context (cdk.json holds the defaults; override with `-c key=value`):
 * - `stage`: name of the deployment (`dev`, `prod`), part of the stack names, so stages share an account;
 * - `corsOrigins`: comma-separated origins of the web form and web app (`https://a,https://b`); empty: no CORS;
 * - `alarmEmail`: an address subscribed to the alarm topic; empty: none;
 * - `notifyFromEmail`: the sender of the applicants' notification e-mails (an SES-verified identity); empty: none;
 * - `logLevel`: DEBUG | INFO | WARN | ERROR;
 * - `logRetentionDays`: a CloudWatch Logs retention of at least 180 days (网络安全法 Art. 21: six months);
 * - `jwtIssuer`, `jwtAudience`: the officers' OpenID Connect provider and its client id(s), instead of a
 *   Cognito user pool. Required in the China regions, which have no Cognito user pools.
 * - `oidcAuthorizeUrl`, `oidcTokenUrl` (and optionally `oidcLogoutUrl`, `oidcClientId`, `oidcScope`): that
 *   provider's endpoints, so the console on the edge's pages signs in there (authorization code + PKCE);
 *   the client is a public one of `jwtAudience` (default its first), the scope `openid profile` by default.
 * - `edge`: `true` (default) or `false`. In the `aws` partition the edge stack (us-east-1: CloudFront + AWS
 *   WAF + the pages, infra/constructs/edge.ts) is in front of the API, whose functions then refuse requests
 *   that did not come through it (the origin secret); `false` leaves it out (the API alone, on its own address);
 * - `apiDomainName`, `apiCertificateArn`: the API's custom domain (a regional ACM certificate in the API's
 *   region), the edge's origin; with them the default `execute-api` endpoint is disabled. Without them the
 *   edge's origin is the `execute-api` host, which the stateful stack passes to the edge at deployment;
 * - `edgeDomainName`, `edgeCertificateArn`: the public name(s) of the distribution and their ACM certificate
 *   in us-east-1 (optional: without them the distribution's own *.cloudfront.net name);
 * - `signInDomainPrefix`: the prefix of the user pool's hosted-UI domain (the officers' sign-in page,
 *   https://<prefix>.auth.<region>.amazoncognito.com), with the edge; default gongkai-<stage>-<account>;
 * - `originSecretVersion`: after rotating the edge's origin secret by hand, its new VersionId, so the edge
 *   stack's deployment sends the new value (docs/deployment.md "The edge").
 *
 * The stacks name no account or region: they synthesise offline, without credentials, and deploy to the
 * account and region of the credentials, `aws` or `aws-cn` partition alike.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  App,
  Aws,
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
import { type RouteDefinition, routeList } from '../shared/http/routes.js';
import type { FanOutJob, ScheduledJob } from '../shared/jobs.js';
import type { LogLevel } from './constructs/node-function.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';
import { EdgeStack } from './stacks/edge-stack.js';
import { apiOriginParameter, VIEWER_ADDRESS_HEADER } from './constructs/edge.js';
import { pagesBucketName, webDomainParameter } from './constructs/web-pages.js';
import { buildWebSync } from '../web/build.js';

/** Builds the pages once per app into its cloud assembly directory. */
function webOutput(app: App): string {
  const dir = join(app.outdir, 'web');
  buildWebSync(dir);
  return dir;
}

export interface AppConfig {
  stage: string;
  corsOrigins: string[];
  alarmEmail: string | undefined;
  notifyFromEmail: string | undefined;
  logLevel: LogLevel;
  logRetention: RetentionDays;
  /** The officers' external OpenID Connect provider; none: a Cognito user pool. */
  identityProvider: IdentityProviderConfig | undefined;
  /** CloudFront and AWS WAF in front of the API and the pages (the aws partition only). */
  edge: boolean;
  /** The API's custom domain (the edge's origin); none: the execute-api endpoint. */
  apiDomain: { name: string; certificateArn: string } | undefined;
  /** The distribution's viewer names and their us-east-1 certificate. */
  edgeViewer: { domainNames: string[]; certificateArn: string } | undefined;
  /** The origin secret's version the edge sends (after a rotation); none: its current one. */
  originSecretVersion: string | undefined;
  /** The prefix of the user pool's hosted-UI domain; none: gongkai-<stage>-<account>. */
  signInDomainPrefix: string | undefined;
}

/**
 * An external OpenID Connect provider: its issuer and audiences, and the names of its agency and groups
 * claims when they are not `agencyId` and `groups` (context jwtAgencyClaim, jwtGroupsClaim).
 */
export interface IdentityProviderConfig {
  issuer: string;
  audience: string[];
  claims?: { agencyId?: string; groups?: string };
  /** The console's sign-in at this provider (context oidcAuthorizeUrl, oidcTokenUrl, …); none: not configured. */
  signIn?: ExternalSignIn;
}

/** An external provider's endpoints and the console's public client there (authorization code + PKCE). */
export interface ExternalSignIn {
  authorizeUrl: string;
  tokenUrl: string;
  /** Its end-session endpoint (RP-initiated logout), if the console should sign out there too. */
  logoutUrl?: string;
  clientId: string;
  scope: string;
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
  const agencyClaim = text('jwtAgencyClaim');
  const groupsClaim = text('jwtGroupsClaim');
  if ((agencyClaim || groupsClaim) && !issuer) throw new Error('Context jwtAgencyClaim and jwtGroupsClaim name the claims of the jwtIssuer provider');
  for (const [key, value] of [['jwtAgencyClaim', agencyClaim], ['jwtGroupsClaim', groupsClaim]] as const) {
    if (value && !/^[\w:./-]{1,100}$/.test(value)) throw new Error(`Context ${key} must be a claim name: "${value}"`);
  }
  const claims = { ...(agencyClaim ? { agencyId: agencyClaim } : {}), ...(groupsClaim ? { groups: groupsClaim } : {}) };
  const endpoint = (key: string) => {
    const value = text(key);
    if (value && !(isUrl(value) && new URL(value).protocol === 'https:' && !new URL(value).search && !new URL(value).hash)) {
      throw new Error(`Context ${key} must be an https URL without query or fragment: "${value}"`);
    }
    return value;
  };
  const authorizeUrl = endpoint('oidcAuthorizeUrl');
  const tokenUrl = endpoint('oidcTokenUrl');
  const logoutUrl = endpoint('oidcLogoutUrl');
  const clientId = text('oidcClientId');
  const scope = text('oidcScope') || 'openid profile';
  if ((authorizeUrl || tokenUrl || logoutUrl || clientId || text('oidcScope')) && !issuer) throw new Error('Context oidcAuthorizeUrl, oidcTokenUrl, … are the endpoints of the jwtIssuer provider');
  if (Boolean(authorizeUrl) !== Boolean(tokenUrl)) throw new Error('Context oidcAuthorizeUrl and oidcTokenUrl go together');
  if ((logoutUrl || clientId || text('oidcScope')) && !authorizeUrl) throw new Error('Context oidcLogoutUrl, oidcClientId and oidcScope need oidcAuthorizeUrl and oidcTokenUrl');
  if (clientId && !audience.includes(clientId)) throw new Error(`Context oidcClientId must be one of jwtAudience (the API checks the ID token's aud): "${clientId}"`);
  if (!/^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(scope) || !scope.split(' ').includes('openid')) throw new Error(`Context oidcScope must be space-separated scopes including openid: "${scope}"`);
  const signIn: ExternalSignIn | undefined = authorizeUrl
    ? { authorizeUrl, tokenUrl, ...(logoutUrl ? { logoutUrl } : {}), clientId: clientId || audience[0]!, scope }
    : undefined;
  const identityProvider: IdentityProviderConfig | undefined = issuer
    ? { issuer, audience, ...(Object.keys(claims).length > 0 ? { claims } : {}), ...(signIn ? { signIn } : {}) }
    : undefined;

  const notifyFromEmail = text('notifyFromEmail') || undefined;
  if (notifyFromEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(notifyFromEmail)) {
    throw new Error(`Context notifyFromEmail is not an e-mail address: "${notifyFromEmail}"`);
  }
  const hostName = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
  const certificateArn = /^arn:aws(-cn)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
  const pair = (nameKey: string, certKey: string) => {
    const names = list(nameKey);
    const cert = text(certKey);
    if (names.length === 0 && !cert) return undefined;
    if (names.length === 0 || !cert) throw new Error(`Context ${nameKey} and ${certKey} go together`);
    for (const name of names) if (!hostName.test(name)) throw new Error(`Context ${nameKey}: "${name}" is not a host name`);
    if (!certificateArn.test(cert)) throw new Error(`Context ${certKey} is not an ACM certificate ARN: "${cert}"`);
    return { names, cert };
  };
  const api = pair('apiDomainName', 'apiCertificateArn');
  if (api && api.names.length !== 1) throw new Error('Context apiDomainName is one host name');
  const viewer = pair('edgeDomainName', 'edgeCertificateArn');
  if (viewer && !viewer.cert.includes(':us-east-1:')) throw new Error('Context edgeCertificateArn must be a certificate in us-east-1 (CloudFront)');
  const edgeText = text('edge') || 'true';
  if (edgeText !== 'true' && edgeText !== 'false') throw new Error(`Context edge must be true or false: "${edgeText}"`);
  const edge = edgeText === 'true';
  if (viewer && !edge) throw new Error('Context edgeDomainName names the edge\'s distribution: not with edge=false');
  const originSecretVersion = text('originSecretVersion') || undefined;
  if (originSecretVersion && !/^[A-Za-z0-9-]{32,64}$/.test(originSecretVersion)) {
    throw new Error(`Context originSecretVersion must be a Secrets Manager VersionId: "${originSecretVersion}"`);
  }
  if (originSecretVersion && !edge) throw new Error('Context originSecretVersion is the edge\'s: not with edge=false');
  const signInDomainPrefix = text('signInDomainPrefix') || undefined;
  // Cognito's rule for a prefix domain: lowercase letters, digits, inner hyphens; no aws, amazon or cognito.
  if (signInDomainPrefix && (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(signInDomainPrefix) || /aws|amazon|cognito/.test(signInDomainPrefix))) {
    throw new Error(`Context signInDomainPrefix must be 1–63 lowercase letters, digits or inner hyphens, without aws, amazon or cognito: "${signInDomainPrefix}"`);
  }

  return {
    stage,
    corsOrigins,
    alarmEmail,
    notifyFromEmail,
    logLevel,
    logRetention: days,
    identityProvider,
    edge,
    apiDomain: api ? { name: api.names[0]!, certificateArn: api.cert } : undefined,
    edgeViewer: viewer ? { domainNames: viewer.names, certificateArn: viewer.cert } : undefined,
    originSecretVersion,
    signInDomainPrefix,
  };
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
  /** @default shared/jobs.ts fanOutJobs */
  fanOutJobs?: readonly FanOutJob[];
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

  // The WAF in front of the API (#13 item 9). CloudFront's web ACLs live in us-east-1, so the edge is a
  // stack of its own there. In the China regions CloudFront is a separate service (ICP-filed domain, no
  // *.cloudfront.cn default name) and AWS WAF is regional only, which an HTTP API cannot take: no edge stack
  // there (docs/deployment.md "China regions").
  const china = region !== undefined && RegionInfo.get(region).partition === 'aws-cn';
  const withEdge = config.edge && !china;
  // The edge's origin: the custom domain (configuration), or the execute-api host, which the stateful stack
  // writes into this us-east-1 parameter at deployment and the edge stack reads at its own.
  const originParameter = withEdge && !config.apiDomain ? apiOriginParameter(config.stage) : undefined;
  const originSecretName = `${prefix}-origin-verify`;
  // The officers' console signs in through the user pool's hosted UI (authorization code + PKCE), on the
  // pages' domain: with the edge (which serves the pages) and a Cognito pool (not an external provider).
  const signInPrefix = config.signInDomainPrefix ?? `gongkai-${config.stage}-${Aws.ACCOUNT_ID}`;
  const hostedUi =
    withEdge && !config.identityProvider
      ? {
          webDomainName: config.edgeViewer?.domainNames[0],
          webDomainParameter: webDomainParameter(config.stage),
          domainPrefix: signInPrefix,
          pagesBucketName: pagesBucketName(config.stage, Aws.ACCOUNT_ID),
        }
      : undefined;
  // With an external provider whose endpoints are configured, the console signs in there instead.
  const externalSignIn =
    withEdge && config.identityProvider?.signIn
      ? {
          webDomainName: config.edgeViewer?.domainNames[0],
          webDomainParameter: webDomainParameter(config.stage),
          pagesBucketName: pagesBucketName(config.stage, Aws.ACCOUNT_ID),
          settings: config.identityProvider.signIn,
          claims: config.identityProvider.claims,
        }
      : undefined;
  // The console's code exchange is a fetch to the token endpoint: the CSP's connect-src names it (the hosted
  // UI's region is the API's; without one at synthesis, any Cognito domain).
  const tokenOrigins = externalSignIn
    ? [new URL(externalSignIn.settings.tokenUrl).origin]
    : !hostedUi
      ? []
      : region
        ? [`https://${signInPrefix}.auth.${region}.amazoncognito.com`]
        : ['https://*.amazoncognito.com'];

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    description: 'Gongkai: the table and the report bucket (retained)',
    terminationProtection: true,
    accessLogRetention: config.logRetention,
    logLevel: config.logLevel,
    originSecretName: withEdge ? originSecretName : undefined,
    api: { routes: options.routes ?? routeList, corsOrigins: config.corsOrigins, disableExecuteApiEndpoint: config.apiDomain !== undefined },
    apiOriginParameter: originParameter,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    description: 'Gongkai: functions, HTTP API routes, officers user pool, schedules and state machines, alarms',
    api: stateful.api,
    table: stateful.table,
    reportBucket: stateful.reportBucket,
    dataKey: stateful.dataKey,
    queryCodeSecret: stateful.queryCodeSecret,
    blindIndexSecret: stateful.blindIndexSecret,
    documentBucket: stateful.documentBucket,
    notifyFromEmail: config.notifyFromEmail,
    alarmEmail: config.alarmEmail,
    logLevel: config.logLevel,
    logRetention: config.logRetention,
    identityProvider: config.identityProvider,
    hostedUi,
    externalSignIn,
    apiDomain: config.apiDomain,
    edge: stateful.originSecret ? { originSecret: stateful.originSecret, viewerAddressHeader: VIEWER_ADDRESS_HEADER } : undefined,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.fanOutJobs ? { fanOutJobs: options.fanOutJobs } : {}),
  });

  const edge = withEdge
    ? new EdgeStack(app, `${prefix}-Edge`, {
          env: { ...(env.account ? { account: env.account } : {}), region: 'us-east-1' },
          description: 'Gongkai: CloudFront and AWS WAF in front of the pages and the HTTP API',
          apiOrigin: config.apiDomain ? { domainName: config.apiDomain.name } : { parameter: originParameter! },
          // The pages, built now (esbuild, a second) into the cloud assembly, deployed from there.
          pages: {
            sourceDir: webOutput(app),
            bucketName: pagesBucketName(config.stage, Aws.ACCOUNT_ID),
            connectSrc: tokenOrigins,
          },
          webDomainParameter: webDomainParameter(config.stage),
          viewer: config.edgeViewer,
          originSecret: { name: originSecretName, versionId: config.originSecretVersion },
        })
      : undefined;
  // The edge reads the origin secret's us-east-1 replica, and the API's host, which the stateful stack writes.
  if (edge) edge.addStackDependency(stateful, "the edge reads the origin secret replica and the API's host the stateful stack writes");
  // The stateless stack reads the distribution's name and writes the console's sign-in settings into the
  // pages' bucket (both in us-east-1, at deployment): the edge deploys before it.
  if (edge && (hostedUi || externalSignIn)) stateless.addStackDependency(edge, "the officers' sign-in returns to the edge's pages");

  Tags.of(app).add('project', 'gongkai');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new EveryFindingFails(new AwsSolutionsChecks(app)));
  return { config, stateful, stateless, edge };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const app = new App();
  buildApp(app);
  app.synth();
}

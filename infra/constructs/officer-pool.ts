/**
 * The officers' Cognito user pool and its web app client, with the issuer and audience the API's JWT
 * authorizer checks (the China regions have no Cognito user pools: there an external OpenID Connect
 * provider is configured instead, infra/app.ts). Built into the stack's own scope, so the pool keeps its
 * construct path and logical id (it is retained: the officers' accounts cannot be rebuilt).
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { awsCall, type AwsCallLogs } from './aws-call.js';
import type { Construct } from 'constructs';
import { AUTH_CONFIG_KEY } from './web-pages.js';
import { ROLES } from '../../shared/domain/types.js';

export interface JwtIssuer {
  issuer: string;
  audience: string[];
}

/** The console's page, where the hosted UI sends the officer back with the code (and after signing out). */
export const CONSOLE_PATH = '/officer.html';
/** What the console asks for: the ID token (openid) with the name and e-mail the console shows. */
export const SIGN_IN_SCOPES = ['openid', 'email', 'profile'] as const;

/**
 * The officers' console in AWS (#15): the pages are on the edge's distribution (us-east-1), the pool here.
 * The console signs in through the pool's hosted UI with the authorization-code grant and PKCE, so the
 * client needs the console's address (callback and sign-out URL), and the console needs the client's id
 * and the pool's domain (`/auth/config.json`, web/src/lib/auth.ts).
 */
export interface HostedUiProps {
  /** The distribution's public name; none: read at deployment from the edge stack's SSM parameter. */
  webDomainName: string | undefined;
  /** The SSM parameter (us-east-1) where the edge stack keeps its distribution's domain name. */
  webDomainParameter: string;
  /** The Cognito domain prefix: https://<prefix>.auth.<region>.amazoncognito.com */
  domainPrefix: string;
  /** The pages' bucket (us-east-1), where the console's sign-in settings are written. */
  pagesBucketName: string;
}

/** The user pool, its web client, and the issuer and audience of the officers' ID tokens. */
/** `logs`: where the deployment-time calls (reading the distribution's name, writing the settings) log. */
export function officerUserPool(scope: Construct, logs: AwsCallLogs, hostedUi?: HostedUiProps): { pool: UserPool; issuer: JwtIssuer } {
  const pool = createUserPool(scope);
  const webOrigin = hostedUi ? `https://${hostedUi.webDomainName ?? readWebDomainName(scope, hostedUi.webDomainParameter, logs)}` : undefined;
  const consoleUrl = `${webOrigin}${CONSOLE_PATH}`;
  const client = pool.addClient('WebClient', {
    authFlows: { userSrp: true },
    generateSecret: false, // a browser app cannot keep a secret: PKCE instead (Cognito requires it of a public client's code grant)
    ...(hostedUi
      ? {
          oAuth: {
            flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
            scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
            callbackUrls: [consoleUrl],
            logoutUrls: [consoleUrl],
          },
          supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
        }
      : { disableOAuth: true }), // no pages in AWS without the edge: no sign-in page to return to
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
  const issuer = { issuer: `https://${pool.userPoolProviderUrl}`, audience: [client.userPoolClientId] };
  if (hostedUi) {
    const domain = pool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: hostedUi.domainPrefix } });
    const base = domain.baseUrl();
    const config = {
      mode: 'oidc',
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      clientId: client.userPoolClientId,
      redirectUri: consoleUrl,
      scope: SIGN_IN_SCOPES.join(' '),
      logoutUrl: `${base}/logout?client_id=${client.userPoolClientId}&logout_uri=${consoleUrl}`,
    };
    writeSignInSettings(scope, hostedUi.pagesBucketName, Stack.of(scope).toJsonString(config), logs);
    new CfnOutput(scope, 'SignInUrl', { value: consoleUrl, description: "The officers' console (signs in through the hosted UI)" });
  }
  new CfnOutput(scope, 'UserPoolId', { value: pool.userPoolId, description: "The officers' user pool" });
  new CfnOutput(scope, 'UserPoolClientId', {
    value: client.userPoolClientId,
    description: 'The web app client (the ID token audience)',
  });
  return { pool, issuer };
}

function createUserPool(scope: Construct): UserPool {
  const pool = new UserPool(scope, 'Officers', {
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

/**
 * The console's sign-in at an external OpenID Connect provider (context jwtIssuer with oidcAuthorizeUrl,
 * oidcTokenUrl, …; infra/app.ts): the same authorization-code flow with PKCE as with the hosted UI, against
 * that provider's endpoints, with a public client registered there whose redirect URI is the console on the
 * distribution. The stack cannot register it (the provider is not AWS's): docs/deployment.md says what to set.
 */
export interface ExternalSignInProps {
  /** The distribution's public name; none: read at deployment from the edge stack's SSM parameter. */
  webDomainName: string | undefined;
  webDomainParameter: string;
  pagesBucketName: string;
  settings: { authorizeUrl: string; tokenUrl: string; logoutUrl?: string; clientId: string; scope: string };
  /** The provider's claim names for the agency and the groups (the console reads the same ones as the API). */
  claims?: { agencyId?: string; groups?: string } | undefined;
}

/** Writes the console's settings for the external provider into the pages' bucket; outputs SignInUrl. */
export function externalSignIn(scope: Construct, props: ExternalSignInProps, logs: AwsCallLogs): void {
  const consoleUrl = `https://${props.webDomainName ?? readWebDomainName(scope, props.webDomainParameter, logs)}${CONSOLE_PATH}`;
  const { authorizeUrl, tokenUrl, logoutUrl, clientId, scope: scopes } = props.settings;
  const config = {
    mode: 'oidc',
    authorizeUrl,
    tokenUrl,
    clientId,
    redirectUri: consoleUrl,
    scope: scopes,
    // OpenID Connect RP-Initiated Logout 1.0: back to the console afterwards.
    ...(logoutUrl ? { logoutUrl: `${logoutUrl}?client_id=${encodeURIComponent(clientId)}&post_logout_redirect_uri=${consoleUrl}` } : {}),
    ...(props.claims && Object.keys(props.claims).length > 0 ? { claims: props.claims } : {}),
  };
  writeSignInSettings(scope, props.pagesBucketName, Stack.of(scope).toJsonString(config), logs);
  new CfnOutput(scope, 'SignInUrl', {
    value: consoleUrl,
    description: `The officers' console (signs in at ${new URL(authorizeUrl).host}; register this as the client's redirect URI)`,
  });
}

/** The edge's distribution name, read in us-east-1 at deployment (the edge stack deploys first). */
function readWebDomainName(scope: Construct, parameter: string, logs: AwsCallLogs): string {
  const read = awsCall(scope, 'WebDomainName', {
    onUpdate: {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: parameter },
      region: 'us-east-1',
      physicalResourceId: PhysicalResourceId.of(parameter),
    },
    statements: [
      new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [`arn:${Aws.PARTITION}:ssm:us-east-1:${Aws.ACCOUNT_ID}:parameter${parameter}`] }),
    ],
    logs,
  });
  return read.getResponseField('Parameter.Value');
}

/** Writes `auth/config.json` into the pages' bucket (us-east-1): what the console needs to sign in. */
function writeSignInSettings(scope: Construct, bucketName: string, body: string, logs: AwsCallLogs): void {
  const key = AUTH_CONFIG_KEY;
  const put = {
    service: 'S3',
    action: 'putObject',
    parameters: { Bucket: bucketName, Key: key, Body: body, ContentType: 'application/json; charset=utf-8', CacheControl: 'no-cache' },
    region: 'us-east-1',
    physicalResourceId: PhysicalResourceId.of(`${bucketName}/${key}`),
  };
  awsCall(scope, 'SignInSettings', {
    onCreate: put,
    onUpdate: put,
    onDelete: { service: 'S3', action: 'deleteObject', parameters: { Bucket: bucketName, Key: key }, region: 'us-east-1' },
    statements: [
      new PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [`arn:${Aws.PARTITION}:s3:::${bucketName}/${key}`] }),
    ],
    logs,
  });
}

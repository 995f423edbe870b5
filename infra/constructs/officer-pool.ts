/**
 * The officers' Cognito user pool and its web app client, with the issuer and audience the API's JWT
 * authorizer checks (the China regions have no Cognito user pools: there an external OpenID Connect
 * provider is configured instead, infra/app.ts). Built into the stack's own scope, so the pool keeps its
 * construct path and logical id (it is retained: the officers' accounts cannot be rebuilt).
 */
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccountRecovery, ClientAttributes, FeaturePlan, Mfa, StringAttribute, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { ROLES } from '../../shared/domain/types.js';

export interface JwtIssuer {
  issuer: string;
  audience: string[];
}

/** The user pool, its web client, and the issuer and audience of the officers' ID tokens. */
export function officerUserPool(scope: Construct): { pool: UserPool; issuer: JwtIssuer } {
  const pool = createUserPool(scope);
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
  const issuer = { issuer: `https://${pool.userPoolProviderUrl}`, audience: [client.userPoolClientId] };
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

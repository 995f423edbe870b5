/**
 * The pages in AWS (#15): a private, encrypted, TLS-only S3 bucket read by the edge's CloudFront
 * distribution through origin access control (not an origin access identity), the build of web/ deployed
 * into it, the API under the same distribution, and a response headers policy that sends exactly the
 * security headers the local server sends (infra/web/security-headers.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp, readConfig } from '../../infra/app.js';
import { REPO_ROOT } from '../../infra/constructs/node-function.js';
import { PAGE_PATHS } from '../../infra/constructs/web-pages.js';
import { pageSecurityHeaders } from '../../infra/web/security-headers.js';
import { routeList } from '../../shared/http/routes.js';

type Resource = { Properties: Record<string, any>; DeletionPolicy?: string };

const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const DOMAIN = {
  apiDomainName: 'api-origin.gongkai.example.gov.cn',
  apiCertificateArn: 'arn:aws:acm:ap-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
};

const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...DOMAIN } });
const built = buildApp(app, { env: { region: 'ap-east-1', account: '123456789012' } });
app.synth();
const edge = Template.fromStack(built.edge!);
const one = <T = Resource>(type: string): [string, T] => {
  const found = Object.entries(edge.findResources(type));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, T];
};
const stateless = Template.fromStack(built.stateless);
const [distributionId, distribution] = one('AWS::CloudFront::Distribution');
/** The account of the test environment, put in for CloudFormation's pseudo parameter. */
const resolveJoin = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && 'Fn::Join' in value
    ? ((value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) === '{"Ref":"AWS::AccountId"}' ? '123456789012' : JSON.stringify(v))).join('')
    : value;
const TOKEN_ORIGIN = 'https://gongkai-dev-123456789012.auth.ap-east-1.amazoncognito.com';
const config = distribution.Properties.DistributionConfig as Record<string, any>;

/** The headers a CloudFront response headers policy adds, as the lower-case map the local server sends. */
function headersOf(policy: Record<string, any>): Record<string, string> {
  const sec = policy.SecurityHeadersConfig;
  const hsts = sec.StrictTransportSecurity;
  const out: Record<string, string> = {
    'content-security-policy': resolveJoin(sec.ContentSecurityPolicy.ContentSecurityPolicy) as string,
    'strict-transport-security': [
      `max-age=${hsts.AccessControlMaxAgeSec}`,
      ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.Preload ? ['preload'] : []),
    ].join('; '),
    ...(sec.ContentTypeOptions ? { 'x-content-type-options': 'nosniff' } : {}),
    'x-frame-options': sec.FrameOptions.FrameOption,
    'referrer-policy': sec.ReferrerPolicy.ReferrerPolicy,
  };
  for (const h of policy.CustomHeadersConfig?.Items ?? []) out[h.Header] = h.Value;
  for (const [key, value] of Object.entries(sec)) {
    if (key !== 'XSSProtection') expect((value as { Override: boolean }).Override, key).toBe(true);
  }
  return out;
}

describe('the pages behind the edge', () => {
  it('keeps them in a private, encrypted, TLS-only bucket that only this distribution reads, through OAC', () => {
    const [bucketId, bucket] = one('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(bucket.Properties).not.toHaveProperty('WebsiteConfiguration');
    expect(bucket.Properties.BucketName).toEqual({ 'Fn::Join': ['', ['gongkai-dev-pages-', { Ref: 'AWS::AccountId' }]] });

    const [, policy] = one('AWS::S3::BucketPolicy');
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, any>[];
    const tls = statements.filter((s) => s.Effect === 'Deny');
    expect(tls.map((s) => s.Condition)).toEqual(
      expect.arrayContaining([{ Bool: { 'aws:SecureTransport': 'false' } }, { NumericLessThan: { 's3:TlsVersion': 1.2 } }]),
    );
    const reads = statements.filter((s) => s.Effect === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(reads[0]!.Condition.StringEquals['AWS:SourceArn'])).toContain(distributionId);
    expect(JSON.stringify(reads[0]!.Resource)).toContain(bucketId);

    const [oacId, oac] = one('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    edge.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const s3Origin = (config.Origins as Record<string, any>[]).find((o) => o.S3OriginConfig);
    expect(s3Origin!.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(s3Origin!.S3OriginConfig.OriginAccessIdentity).toBe('');
  });

  it('serves the pages and the API from one distribution: the pages by path, the API as the default behaviour', () => {
    const s3Origin = (config.Origins as Record<string, any>[]).find((o) => o.S3OriginConfig)!;
    const apiOrigin = (config.Origins as Record<string, any>[]).find((o) => o.CustomOriginConfig)!;
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(apiOrigin.Id);
    expect(config.DefaultCacheBehavior).not.toHaveProperty('ResponseHeadersPolicyId');
    const pages = (config.CacheBehaviors as Record<string, any>[]).filter((b) => b.TargetOriginId === s3Origin.Id);
    expect(pages.map((b) => b.PathPattern)).toEqual([...PAGE_PATHS]);
    for (const b of pages) {
      expect(b).toMatchObject({ ViewerProtocolPolicy: 'https-only', AllowedMethods: ['GET', 'HEAD'], Compress: true });
      expect(b.FunctionAssociations[0].EventType).toBe('viewer-request');
    }
    // No API route is caught by the pages' paths.
    for (const { path } of routeList) {
      expect(path.endsWith('.html') || path.startsWith('/assets/') || path.startsWith('/auth/'), path).toBe(false);
    }
  });

  it('sends "/" to the application form and every other request on with the viewer address', () => {
    const [, fn] = one('AWS::CloudFront::Function');
    // The function's own code, run in a fresh context (CloudFront's JS runtime has no more than this).
    const handler = runInNewContext(`${fn.Properties.FunctionCode as string}; handler`, {}) as (e: unknown) => Record<string, any>;
    expect(handler({ request: { uri: '/', headers: {} }, viewer: { ip: '203.0.113.9' } })).toEqual({
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: '/index.html' } },
    });
    const forwarded = handler({ request: { uri: '/applications', headers: { 'x-viewer-address': { value: '10.0.0.1' } } }, viewer: { ip: '203.0.113.9' } });
    expect(forwarded).toEqual({ uri: '/applications', headers: { 'x-viewer-address': { value: '203.0.113.9' } } });
  });

  it('adds the same security headers as the local server: CSP without inline script, HSTS, no framing, nosniff, no referrer', () => {
    const [policyId, policy] = one('AWS::CloudFront::ResponseHeadersPolicy');
    const headers = headersOf(policy.Properties.ResponseHeadersPolicyConfig);
    // The console's PKCE code exchange is a fetch to the hosted UI's token endpoint: the one extra connect-src.
    expect(headers).toEqual(pageSecurityHeaders([TOKEN_ORIGIN]));
    expect(headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const b of (config.CacheBehaviors as Record<string, any>[]).filter((c) => PAGE_PATHS.includes(c.PathPattern))) {
      expect(b.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    }
  });

  it('deploys the build of web/ (pages, then scripts and styles) without touching the sign-in settings', () => {
    const deployments = Object.values(edge.findResources('Custom::CDKBucketDeployment')) as Resource[];
    expect(deployments).toHaveLength(2);
    const [bucketId] = one('AWS::S3::Bucket');
    for (const d of deployments) {
      expect(d.Properties.DestinationBucketName).toEqual({ Ref: bucketId });
      expect(d.Properties.Prune).toBe(true);
      expect(d.Properties.DistributionId).toEqual({ Ref: distributionId });
    }
    const pages = deployments.find((d) => !d.Properties.DestinationBucketKeyPrefix)!;
    expect(pages.Properties.Exclude).toEqual(['assets/*', 'auth/*']);
    expect(pages.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    const assets = deployments.find((d) => d.Properties.DestinationBucketKeyPrefix === 'assets/')!;
    expect(assets.Properties.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=300' });
    // What was built into the cloud assembly and deployed from there.
    const out = join(app.outdir, 'web');
    for (const file of ['index.html', 'track.html', 'officer.html', 'assets/apply.js', 'assets/track.js', 'assets/officer.js', 'assets/styles.css']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
  });

  it('passes cdk-nag', () => {
    expect(new AwsSolutionsChecks().validateScope(built.edge!).violations).toEqual([]);
  });
});

describe("the officers' sign-in through the hosted UI (authorization code with PKCE)", () => {
  const clientOf = (template: Template) => {
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as Resource[];
    expect(clients).toHaveLength(1);
    return clients[0]!.Properties;
  };

  it('lets the web client use the code grant only, public (no secret), returning to the console on the distribution', () => {
    const client = clientOf(stateless);
    expect(client).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
    });
    // The distribution's name, read at deployment from the edge stack's parameter in us-east-1.
    const [readId, read] = Object.entries(stateless.findResources('Custom::AWS')).find(([id]) => id.startsWith('WebDomainName'))! as [string, Resource];
    expect(JSON.stringify(read.Properties.Create)).toContain('"action\\":\\"getParameter');
    expect(JSON.stringify(read.Properties.Create)).toContain('/gongkai/dev/web-domain-name');
    expect(JSON.stringify(read.Properties.Create)).toContain('us-east-1');
    for (const urls of [client.CallbackURLs, client.LogoutURLs]) {
      expect(urls).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [readId, 'Parameter.Value'] }, '/officer.html']] }]);
    }
    edge.hasResourceProperties('AWS::SSM::Parameter', { Name: '/gongkai/dev/web-domain-name', Value: { 'Fn::GetAtt': [distributionId, 'DomainName'] } });
    expect(built.stateless.dependencies).toContain(built.edge);
  });

  it("gives the pool a hosted-UI domain and writes the console's settings (/auth/config.json) into the pages' bucket", () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: { 'Fn::Join': ['', ['gongkai-dev-', { Ref: 'AWS::AccountId' }]] } });
    const [, write] = Object.entries(stateless.findResources('Custom::AWS')).find(([id]) => id.startsWith('SignInSettings'))! as [string, Resource];
    const create = JSON.stringify(write.Properties.Create);
    for (const part of ['putObject', 'auth/config.json', 'gongkai-dev-pages-', 'us-east-1', 'oidc', '/oauth2/authorize', '/oauth2/token', '/logout?client_id=', 'openid email profile']) {
      expect(create, part).toContain(part);
    }
    expect(JSON.stringify(write.Properties.Delete)).toContain('deleteObject');
    // It may write and delete that one object, nothing else.
    const policies = Object.values(stateless.findResources('AWS::IAM::Policy')) as Resource[];
    const writes = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((st) => JSON.stringify(st.Action).includes('s3:PutObject') && JSON.stringify(st.Resource).includes('pages'));
    expect(writes).toHaveLength(1);
    expect([...(writes[0]!.Action as string[])].sort()).toEqual(['s3:DeleteObject', 's3:PutObject']);
    expect(JSON.stringify(writes[0]!.Resource)).toContain('/auth/config.json');
  });

  it('uses the public name when the edge has one, and keeps the hosted UI off without the edge (-c edge=false: no pages to return to)', () => {
    const viewer = { edgeDomainName: 'gongkai.example.gov.cn', edgeCertificateArn: DOMAIN.apiCertificateArn.replace('ap-east-1', 'us-east-1') };
    const named = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...DOMAIN, ...viewer, signInDomainPrefix: 'shenqing-sh' } });
    const namedBuilt = buildApp(named, { env: { region: 'ap-east-1', account: '123456789012' } });
    named.synth();
    const namedStateless = Template.fromStack(namedBuilt.stateless);
    expect(clientOf(namedStateless).CallbackURLs).toEqual(['https://gongkai.example.gov.cn/officer.html']);
    namedStateless.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'shenqing-sh' });
    expect(Object.keys(namedStateless.findResources('Custom::AWS')).some((id) => id.startsWith('WebDomainName'))).toBe(false);
    expect(new AwsSolutionsChecks().validateScope(named).violations).toEqual([]);

    const plain = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], edge: 'false' } });
    const plainBuilt = buildApp(plain);
    plain.synth();
    const client = clientOf(Template.fromStack(plainBuilt.stateless));
    expect(client.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    Template.fromStack(plainBuilt.stateless).resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
  });

  it('passes cdk-nag, every stack', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });
});

describe('a plain `cdk synth` (cdk.json only: no account, no region, no custom domain)', () => {
  const plainApp = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const plain = buildApp(plainApp);
  plainApp.synth();
  const plainEdge = Template.fromStack(plain.edge!);
  const onePlain = (type: string): [string, Resource] => {
    const found = Object.entries(plainEdge.findResources(type));
    expect(found, type).toHaveLength(1);
    return found[0] as [string, Resource];
  };
  const [plainDistributionId, plainDistribution] = onePlain('AWS::CloudFront::Distribution');
  const plainConfig = plainDistribution.Properties.DistributionConfig as Record<string, any>;

  it('has the distribution in us-east-1 behind the WAF, the API as its default behaviour', () => {
    expect(plain.edge!.region).toBe('us-east-1');
    expect(plainConfig.WebACLId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EdgeWebAcl/), 'Arn'] });
    const apiOrigin = (plainConfig.Origins as Record<string, any>[]).find((o) => o.Id === plainConfig.DefaultCacheBehavior.TargetOriginId)!;
    // The execute-api host, from the parameter the stateful stack writes (tests/infra/edge.test.ts).
    expect(plainEdge.toJSON().Parameters[apiOrigin.DomainName.Ref]).toEqual({ Type: 'AWS::SSM::Parameter::Value<String>', Default: '/gongkai/dev/api-origin-host' });
    expect(plainConfig.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'https-only', AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'] });
    expect(apiOrigin.OriginCustomHeaders.map((h: { HeaderName: string }) => h.HeaderName)).toEqual(['x-origin-verify']);
  });

  it('has the pages bucket read through origin access control only', () => {
    const [bucketId] = onePlain('AWS::S3::Bucket');
    const [oacId, oac] = onePlain('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    plainEdge.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const s3Origin = (plainConfig.Origins as Record<string, any>[]).find((o) => o.S3OriginConfig)!;
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
    const [, policy] = onePlain('AWS::S3::BucketPolicy');
    const reads = (policy.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((st) => st.Effect === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(reads[0]!.Condition.StringEquals['AWS:SourceArn'])).toContain(plainDistributionId);
  });

  it('has the headers policy on every page path: CSP without inline script, frame-ancestors none, HSTS', () => {
    const [policyId, policy] = onePlain('AWS::CloudFront::ResponseHeadersPolicy');
    const headers = headersOf(policy.Properties.ResponseHeadersPolicyConfig);
    // No region at synthesis: the hosted UI's token endpoint is any Cognito domain.
    expect(headers).toEqual(pageSecurityHeaders(['https://*.amazoncognito.com']));
    expect(headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
    const pages = (plainConfig.CacheBehaviors as Record<string, any>[]).filter((b) => PAGE_PATHS.includes(b.PathPattern));
    expect(pages.map((b) => b.PathPattern)).toEqual([...PAGE_PATHS]);
    for (const b of pages) expect(b.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
  });

  it("signs the officers in through the hosted UI, returning to the distribution's own name", () => {
    const stateless = Template.fromStack(plain.stateless);
    const [client] = Object.values(stateless.findResources('AWS::Cognito::UserPoolClient')) as Resource[];
    expect(client!.Properties.AllowedOAuthFlows).toEqual(['code']);
    plainEdge.hasResourceProperties('AWS::SSM::Parameter', { Name: '/gongkai/dev/web-domain-name', Value: { 'Fn::GetAtt': [plainDistributionId, 'DomainName'] } });
  });

  it('passes cdk-nag, every stack', () => {
    expect(new AwsSolutionsChecks().validateScope(plainApp).violations).toEqual([]);
  });
});

describe("the officers' sign-in at an external OpenID Connect provider (jwtIssuer with its endpoints)", () => {
  const OIDC = {
    jwtIssuer: 'https://idp.example.gov.cn/realms/gongkai',
    jwtAudience: 'gongkai-api,gongkai-console',
    jwtAgencyClaim: 'org_code',
    jwtGroupsClaim: 'roles',
    oidcAuthorizeUrl: 'https://idp.example.gov.cn/realms/gongkai/protocol/openid-connect/auth',
    oidcTokenUrl: 'https://sso.example.gov.cn/realms/gongkai/protocol/openid-connect/token',
    oidcLogoutUrl: 'https://idp.example.gov.cn/realms/gongkai/protocol/openid-connect/logout',
    oidcClientId: 'gongkai-console',
  };
  const oidcApp = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...OIDC } });
  const oidcBuilt = buildApp(oidcApp, { env: { region: 'ap-east-1', account: '123456789012' } });
  oidcApp.synth();
  const oidcStateless = Template.fromStack(oidcBuilt.stateless);
  const oidcEdge = Template.fromStack(oidcBuilt.edge!);

  it("writes the provider's endpoints, the console's client, its redirect URI and claim names into /auth/config.json", () => {
    oidcStateless.resourceCountIs('AWS::Cognito::UserPool', 0);
    const calls = Object.entries(oidcStateless.findResources('Custom::AWS')) as [string, Resource][];
    const [readId] = calls.find(([id]) => id.startsWith('WebDomainName'))!;
    const [, write] = calls.find(([id]) => id.startsWith('SignInSettings'))!;
    // The call as CloudFormation will make it: the account, and the distribution's name read at deployment
    // from the edge stack's parameter, put in.
    const parts = (write.Properties.Create as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const put = JSON.parse(
      parts
        .map((part) => {
          if (typeof part === 'string') return part;
          if (JSON.stringify(part) === '{"Ref":"AWS::AccountId"}') return '123456789012';
          expect(part).toEqual({ 'Fn::GetAtt': [readId, 'Parameter.Value'] });
          return 'd111111abcdef8.cloudfront.net';
        })
        .join(''),
    ) as { action: string; region: string; parameters: { Bucket: string; Key: string; Body: string } };
    expect(put).toMatchObject({ action: 'putObject', region: 'us-east-1', parameters: { Bucket: 'gongkai-dev-pages-123456789012', Key: 'auth/config.json' } });
    const consoleUrl = 'https://d111111abcdef8.cloudfront.net/officer.html';
    expect(JSON.parse(put.parameters.Body)).toEqual({
      mode: 'oidc',
      authorizeUrl: OIDC.oidcAuthorizeUrl,
      tokenUrl: OIDC.oidcTokenUrl,
      clientId: 'gongkai-console',
      redirectUri: consoleUrl,
      scope: 'openid profile',
      logoutUrl: `${OIDC.oidcLogoutUrl}?client_id=gongkai-console&post_logout_redirect_uri=${consoleUrl}`,
      claims: { agencyId: 'org_code', groups: 'roles' },
    });
    expect(oidcBuilt.stateless.dependencies).toContain(oidcBuilt.edge);
    oidcStateless.hasOutput('SignInUrl', {});
  });

  it("lets the pages' CSP reach the provider's token endpoint (the PKCE code exchange), no other", () => {
    const [policy] = Object.values(oidcEdge.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as Resource[];
    const csp = resolveJoin(policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy) as string;
    expect(csp).toContain("connect-src 'self' https://sso.example.gov.cn;");
    expect(csp).not.toContain('amazoncognito');
  });

  it('passes cdk-nag, every stack', () => {
    expect(new AwsSolutionsChecks().validateScope(oidcApp).violations).toEqual([]);
  });

  it('writes no settings without the endpoints, and refuses incomplete or inconsistent ones', () => {
    const { oidcAuthorizeUrl: _a, oidcTokenUrl: _t, oidcLogoutUrl: _l, oidcClientId: _c, ...issuerOnly } = OIDC;
    const bare = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...issuerOnly } });
    const bareBuilt = buildApp(bare, { env: { region: 'ap-east-1', account: '123456789012' } });
    bare.synth();
    expect(Object.keys(Template.fromStack(bareBuilt.stateless).findResources('Custom::AWS'))).toEqual([]);

    const configOf = (context: Record<string, unknown>) => readConfig(new App({ context: { ...cdkJson.context, ...context } }));
    expect(configOf(OIDC).identityProvider!.signIn).toEqual({
      authorizeUrl: OIDC.oidcAuthorizeUrl,
      tokenUrl: OIDC.oidcTokenUrl,
      logoutUrl: OIDC.oidcLogoutUrl,
      clientId: 'gongkai-console',
      scope: 'openid profile',
    });
    // The client defaults to the first audience.
    expect(configOf({ ...issuerOnly, oidcAuthorizeUrl: OIDC.oidcAuthorizeUrl, oidcTokenUrl: OIDC.oidcTokenUrl }).identityProvider!.signIn!.clientId).toBe('gongkai-api');
    expect(() => configOf({ ...issuerOnly, oidcAuthorizeUrl: OIDC.oidcAuthorizeUrl })).toThrow(/go together/);
    expect(() => configOf({ ...OIDC, oidcTokenUrl: 'http://sso.example.gov.cn/token' })).toThrow(/oidcTokenUrl must be an https URL/);
    expect(() => configOf({ ...OIDC, oidcAuthorizeUrl: `${OIDC.oidcAuthorizeUrl}?prompt=login` })).toThrow(/without query/);
    expect(() => configOf({ ...OIDC, oidcClientId: 'someone-else' })).toThrow(/must be one of jwtAudience/);
    expect(() => configOf({ ...OIDC, oidcScope: 'profile email' })).toThrow(/including openid/);
    expect(configOf({ ...OIDC, oidcScope: 'openid profile email' }).identityProvider!.signIn!.scope).toBe('openid profile email');
    expect(() => configOf({ oidcAuthorizeUrl: OIDC.oidcAuthorizeUrl, oidcTokenUrl: OIDC.oidcTokenUrl })).toThrow(/endpoints of the jwtIssuer provider/);
    expect(() => configOf({ ...issuerOnly, oidcClientId: 'gongkai-api' })).toThrow(/need oidcAuthorizeUrl/);
  });
});

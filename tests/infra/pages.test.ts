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
import { buildApp } from '../../infra/app.js';
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
const [distributionId, distribution] = one('AWS::CloudFront::Distribution');
const config = distribution.Properties.DistributionConfig as Record<string, any>;

/** The headers a CloudFront response headers policy adds, as the lower-case map the local server sends. */
function headersOf(policy: Record<string, any>): Record<string, string> {
  const sec = policy.SecurityHeadersConfig;
  const hsts = sec.StrictTransportSecurity;
  const out: Record<string, string> = {
    'content-security-policy': sec.ContentSecurityPolicy.ContentSecurityPolicy,
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
    expect(headers).toEqual(pageSecurityHeaders());
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

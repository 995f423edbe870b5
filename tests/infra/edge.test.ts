/**
 * The edge in front of the API (#13 item 9): a us-east-1 stack holds CloudFront with an AWS WAF web ACL
 * (managed rule groups, rate-based rules), the viewer's address forwarded in `x-viewer-address`. Its origin
 * is the API's custom domain when configured (the default execute-api endpoint then disabled), otherwise the
 * execute-api host, which the stateful stack writes into an SSM parameter in us-east-1 at deployment and the
 * edge stack reads as an SSM-typed CloudFormation parameter (no cross-region reference). `-c edge=false`
 * leaves it out. In aws-cn no edge stack (WAF is regional only there and cannot take an HTTP API); the synth
 * still works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp, readConfig } from '../../infra/app.js';
import { MANAGED_RULE_GROUPS, RATE_LIMITS, VIEWER_ADDRESS_HEADER } from '../../infra/constructs/edge.js';
import { REPO_ROOT } from '../../infra/constructs/node-function.js';
import { ORIGIN_VERIFY_HEADER } from '../../shared/http/origin.js';
import { routeList } from '../../shared/http/routes.js';

type Resource = { Properties: Record<string, any>; Condition?: string };

/** The environment of each route's function, by route id (the logical ids start with Routes<id>). */
function routeEnvironments(template: Template): Map<string, Record<string, unknown>> {
  const functions = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
  const out = new Map<string, Record<string, unknown>>();
  for (const route of routeList) {
    const [, fn] = Object.entries(functions).find(([id]) => new RegExp(`^Routes${route.id}[A-F0-9]{8}$`).test(id)) ?? [];
    if (!fn) throw new Error(`no function for ${route.id}`);
    out.set(route.id, fn.Properties.Environment?.Variables ?? {});
  }
  return out;
}

const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const DOMAIN = {
  apiDomainName: 'api-origin.gongkai.example.gov.cn',
  apiCertificateArn: 'arn:aws:acm:ap-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
};
/** CloudFront's managed policies (AWS-published ids). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

function build(context: Record<string, unknown>, env?: { region: string; account: string }) {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
  const built = buildApp(app, env ? { env } : {});
  return { app, built };
}

describe('without the edge (-c edge=false)', () => {
  it('has no edge and keeps the execute-api endpoint (the only way in)', () => {
    const { app, built } = build({ edge: 'false' });
    expect(built.edge).toBeUndefined();
    app.synth();
    const api = Template.fromStack(built.stateful).findResources('AWS::ApiGatewayV2::Api');
    expect(Object.values(api)[0]!.Properties.DisableExecuteApiEndpoint).not.toBe(true);
    // API Gateway's sourceIp is the client's own: no viewer header to read, no origin secret to check.
    for (const env of routeEnvironments(Template.fromStack(built.stateless)).values()) {
      expect(env).not.toHaveProperty('CLIENT_ADDRESS_HEADER');
      expect(env).not.toHaveProperty('ORIGIN_SECRET_ARN');
    }
    expect(built.stateful.originSecret).toBeUndefined();
  }, 120_000);
});

describe('as cdk.json configures it: the edge in front of the execute-api host', () => {
  const { app, built } = build({}, { region: 'ap-east-1', account: '123456789012' });
  app.synth();
  const edge = Template.fromStack(built.edge!);
  const stateful = Template.fromStack(built.stateful);
  const stateless = Template.fromStack(built.stateless);
  const ORIGIN_PARAMETER = '/gongkai/dev/api-origin-host';

  it('has the edge stack in us-east-1 and keeps the execute-api endpoint (the origin)', () => {
    expect(built.edge!.region).toBe('us-east-1');
    const [api] = Object.values(stateful.findResources('AWS::ApiGatewayV2::Api')) as Resource[];
    expect(api!.Properties.DisableExecuteApiEndpoint).not.toBe(true);
    stateless.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });

  it("takes the API's execute-api host from the SSM parameter the stateful stack writes in us-east-1", () => {
    // The stateful stack: the host part of the API's endpoint, put into us-east-1 at each deployment.
    const [apiId] = Object.keys(stateful.findResources('AWS::ApiGatewayV2::Api'));
    const writes = Object.values(stateful.findResources('Custom::AWS')) as Resource[];
    expect(writes).toHaveLength(1);
    const create = JSON.stringify(writes[0]!.Properties.Create);
    for (const part of ['"service\\":\\"SSM', 'putParameter', ORIGIN_PARAMETER, '"Overwrite\\":true', '"region\\":\\"us-east-1']) expect(create, part).toContain(part);
    expect(create).toContain(`{"Fn::Select":[1,{"Fn::Split":["://",{"Fn::GetAtt":["${apiId}","ApiEndpoint"]}]}]}`);
    expect(JSON.stringify(writes[0]!.Properties.Delete)).toContain('deleteParameter');
    // It may put and delete that one parameter, nothing else.
    const policies = Object.values(stateful.findResources('AWS::IAM::Policy')) as Resource[];
    const ssm = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((st) => JSON.stringify(st.Action).includes('ssm:'));
    expect(ssm).toHaveLength(1);
    expect([...(ssm[0]!.Action as string[])].sort()).toEqual(['ssm:DeleteParameter', 'ssm:PutParameter']);
    expect(JSON.stringify(ssm[0]!.Resource)).toContain(`:ssm:us-east-1:",{"Ref":"AWS::AccountId"},":parameter${ORIGIN_PARAMETER}"`);

    // The edge stack: a CloudFormation parameter of SSM type naming it, resolved at its deployment.
    const params = Object.entries(edge.toJSON().Parameters as Record<string, { Type: string; Default: string }>).filter(([, p]) => p.Default === ORIGIN_PARAMETER);
    expect(params).toHaveLength(1);
    const [paramId, param] = params[0]!;
    expect(param.Type).toBe('AWS::SSM::Parameter::Value<String>');
    const [dist] = Object.values(edge.findResources('AWS::CloudFront::Distribution')) as Resource[];
    const config = dist!.Properties.DistributionConfig;
    const apiOrigin = (config.Origins as Record<string, any>[]).find((o) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(apiOrigin).toMatchObject({
      DomainName: { Ref: paramId },
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    // No cross-region reference: the edge template imports nothing.
    expect(JSON.stringify(edge.toJSON())).not.toContain('Fn::ImportValue');
    // Deploy order: stateful (the API and the parameter), the edge, then the stateless stack.
    expect(built.edge!.dependencies).toContain(built.stateful);
    expect(built.stateless.dependencies).toContain(built.edge);
  });

  it('sends the API behaviour uncached, with every viewer header but Host, and the origin secret the functions require', () => {
    const [dist] = Object.values(edge.findResources('AWS::CloudFront::Distribution')) as Resource[];
    const config = dist!.Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    const apiOrigin = (config.Origins as Record<string, any>[]).find((o) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(apiOrigin!.OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: '{{resolve:secretsmanager:Gongkai-dev-origin-verify:SecretString:::}}' },
    ]);
    // The execute-api host stays resolvable: every function refuses a request without the secret, and the
    // public ones count the viewer address CloudFront sets.
    const [secretId] = Object.keys(stateful.findResources('AWS::SecretsManager::Secret', { Properties: { Name: 'Gongkai-dev-origin-verify' } }));
    const environments = routeEnvironments(stateless);
    for (const route of routeList) {
      const env = environments.get(route.id)!;
      expect(JSON.stringify(env.ORIGIN_SECRET_ARN), route.id).toContain(secretId);
      if (route.auth === 'public') expect(env.CLIENT_ADDRESS_HEADER, route.id).toBe(VIEWER_ADDRESS_HEADER);
      else expect(env, route.id).not.toHaveProperty('CLIENT_ADDRESS_HEADER');
    }
  });

  it('passes cdk-nag, every stack', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });
});

describe('with the API domain, in the aws partition', () => {
  const { app, built } = build(DOMAIN, { region: 'ap-east-1', account: '123456789012' });
  app.synth();
  const edge = Template.fromStack(built.edge!);
  const stateless = Template.fromStack(built.stateless);

  it('puts the edge in its own us-east-1 stack', () => {
    expect(built.edge!.region).toBe('us-east-1');
    expect(built.edge!.stackName).toBe('Gongkai-dev-Edge');
  });

  it('disables the execute-api endpoint and maps the API to its custom domain', () => {
    Template.fromStack(built.stateful).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: DOMAIN.apiDomainName,
      DomainNameConfigurations: [{ CertificateArn: DOMAIN.apiCertificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    stateless.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    // The origin is the configured name: nothing to pass to the edge at deployment.
    Template.fromStack(built.stateful).resourceCountIs('Custom::AWS', 0);
    expect(Object.values(edge.toJSON().Parameters as Record<string, { Default: string }>).map((p) => p.Default)).not.toContain('/gongkai/dev/api-origin-host');
  });

  it('filters with a CloudFront web ACL: the AWS managed rule groups and two rate-based rules', () => {
    const [acl] = Object.values(edge.findResources('AWS::WAFv2::WebACL')) as { Properties: Record<string, any> }[];
    expect(acl!.Properties.Scope).toBe('CLOUDFRONT');
    expect(acl!.Properties.DefaultAction).toEqual({ Allow: {} });
    const rules = acl!.Properties.Rules as Record<string, any>[];
    const managed = rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => r.Statement.ManagedRuleGroupStatement);
    expect(managed).toEqual(MANAGED_RULE_GROUPS.map((name) => ({ VendorName: 'AWS', Name: name })));
    const rates = rules.filter((r) => r.Statement.RateBasedStatement);
    expect(rates.map((r) => [r.Name, r.Statement.RateBasedStatement.Limit, r.Action])).toEqual([
      ['RatePerAddress', RATE_LIMITS.perAddress, { Block: {} }],
      ['SubmissionsPerAddress', RATE_LIMITS.submissionsPerAddress, { Block: {} }],
    ]);
    expect(JSON.stringify(rates[1]!.Statement.RateBasedStatement.ScopeDownStatement)).toContain('/applications');
  });

  it('sends everything to the API domain over HTTPS, uncached, with every viewer header but Host and the viewer address', () => {
    const [dist] = Object.values(edge.findResources('AWS::CloudFront::Distribution')) as { Properties: Record<string, any> }[];
    const config = dist!.Properties.DistributionConfig;
    expect(config.WebACLId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EdgeWebAcl/), 'Arn'] });
    // Two origins: the API and the pages' bucket (tests/infra/pages.test.ts); the API is the default.
    expect(config.Origins).toHaveLength(2);
    const apiOrigin = config.Origins.find((o: Record<string, any>) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(apiOrigin).toMatchObject({
      DomainName: DOMAIN.apiDomainName,
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    const behavior = config.DefaultCacheBehavior;
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    expect(behavior.FunctionAssociations).toHaveLength(1);
    expect(behavior.FunctionAssociations[0].EventType).toBe('viewer-request');
    const [fn] = Object.values(edge.findResources('AWS::CloudFront::Function')) as { Properties: Record<string, any> }[];
    expect(fn!.Properties.FunctionCode).toContain(`headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip }`);
  });

  it("counts the public routes' clients by the viewer address the edge forwards (CLIENT_ADDRESS_HEADER)", () => {
    const environments = routeEnvironments(stateless);
    for (const route of routeList) {
      const env = environments.get(route.id)!;
      if (route.auth === 'public') expect(env.CLIENT_ADDRESS_HEADER, route.id).toBe(VIEWER_ADDRESS_HEADER);
      else expect(env, route.id).not.toHaveProperty('CLIENT_ADDRESS_HEADER');
    }
    expect(VIEWER_ADDRESS_HEADER).toBe('x-viewer-address');
  });

  it('lets no request around the edge: CloudFront sends the origin secret, every function is told to require it', () => {
    const [dist] = Object.values(edge.findResources('AWS::CloudFront::Distribution')) as Resource[];
    const origin = (dist!.Properties.DistributionConfig.Origins as Record<string, any>[]).find((o) => o.CustomOriginConfig);
    expect(origin!.OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: '{{resolve:secretsmanager:Gongkai-dev-origin-verify:SecretString:::}}' },
    ]);
    // The secret lives with the data (stateful stack), replicated to us-east-1 where the edge resolves it.
    const stateful = Template.fromStack(built.stateful);
    const secrets = stateful.findResources('AWS::SecretsManager::Secret', { Properties: { Name: 'Gongkai-dev-origin-verify' } }) as Record<string, Resource>;
    const [secret] = Object.values(secrets);
    expect(secret!.Properties.ReplicaRegions).toEqual({ 'Fn::If': [expect.any(String), [{ Region: 'us-east-1' }], { Ref: 'AWS::NoValue' }] });
    const [secretId] = Object.keys(secrets);
    const environments = routeEnvironments(stateless);
    for (const route of routeList) {
      expect(JSON.stringify(environments.get(route.id)!.ORIGIN_SECRET_ARN), route.id).toContain(secretId);
    }
    // Each function may read that secret (its versions), nothing more of it.
    const policies = Object.values(stateless.findResources('AWS::IAM::Policy')) as Resource[];
    const reads = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((st) => JSON.stringify(st.Resource).includes(secretId!));
    expect(reads.length).toBe(routeList.length);
    for (const st of reads) expect(st.Action).toBe('secretsmanager:GetSecretValue');
    expect(built.edge!.dependencies).toContain(built.stateful);
  });

  it('sends the new version after a rotation (-c originSecretVersion), so the distribution is updated', () => {
    const version = 'a1b2c3d4-0000-4000-8000-123456789abc';
    const rotated = build({ ...DOMAIN, originSecretVersion: version }, { region: 'ap-east-1', account: '123456789012' });
    rotated.app.synth();
    const [dist] = Object.values(Template.fromStack(rotated.built.edge!).findResources('AWS::CloudFront::Distribution')) as Resource[];
    const origin = (dist!.Properties.DistributionConfig.Origins as Record<string, any>[]).find((o) => o.CustomOriginConfig);
    expect(origin!.OriginCustomHeaders[0].HeaderValue).toBe(
      `{{resolve:secretsmanager:Gongkai-dev-origin-verify:SecretString:::${version}}}`,
    );
  });

  it('sets the TLS floor only with a viewer certificate of its own (the default one has a fixed policy), warning of nothing', () => {
    expect(Annotations.fromStack(built.edge!).findWarning('*', Match.anyValue())).toEqual([]);
    const viewer = { edgeDomainName: 'gongkai.example.gov.cn', edgeCertificateArn: DOMAIN.apiCertificateArn.replace('ap-east-1', 'us-east-1') };
    const named = build({ ...DOMAIN, ...viewer }, { region: 'ap-east-1', account: '123456789012' });
    named.app.synth();
    const [dist] = Object.values(Template.fromStack(named.built.edge!).findResources('AWS::CloudFront::Distribution')) as Resource[];
    expect(dist!.Properties.DistributionConfig.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(dist!.Properties.DistributionConfig.Aliases).toEqual(['gongkai.example.gov.cn']);
  });

  it('passes cdk-nag, the edge included', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('takes another origin (the web pages, #15) behind the same WAF, HTTPS only, with the viewer address', () => {
    const more = build(DOMAIN, { region: 'ap-east-1', account: '123456789012' });
    more.built.edge!.edge.addBehavior('/pages/*', new HttpOrigin('pages.example.gov.cn'));
    more.app.synth();
    const [dist] = Object.values(Template.fromStack(more.built.edge!).findResources('AWS::CloudFront::Distribution')) as { Properties: Record<string, any> }[];
    const pages = (dist!.Properties.DistributionConfig.CacheBehaviors as Record<string, any>[]).find((b) => b.PathPattern === '/pages/*');
    expect(pages).toMatchObject({ PathPattern: '/pages/*', ViewerProtocolPolicy: 'https-only' });
    expect(pages!.FunctionAssociations[0].EventType).toBe('viewer-request');
  });
});

describe('in the China partition', () => {
  it('synthesises with execute-api disabled and no edge stack, naming no aws-partition ARN', () => {
    const cnDomain = { ...DOMAIN, apiCertificateArn: 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/11111111-2222-3333-4444-555555555555' };
    const oidc = { jwtIssuer: 'https://idp.example.gov.cn/realms/gongkai', jwtAudience: 'gongkai-web' };
    const { app, built } = build({ ...cnDomain, ...oidc }, { region: 'cn-north-1', account: '123456789012' });
    expect(built.edge).toBeUndefined();
    expect(built.stateful.originSecret).toBeUndefined();
    const assembly = app.synth();
    Template.fromStack(built.stateful).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    for (const stack of assembly.stacks) expect(JSON.stringify(stack.template)).not.toContain('arn:aws:');
  });
});

describe('configuration', () => {
  const configOf = (context: Record<string, unknown>) => readConfig(new App({ context: { ...cdkJson.context, ...context } }));
  it('reads the domains, and refuses halves and bad values', () => {
    expect(configOf(DOMAIN).apiDomain).toEqual({ name: DOMAIN.apiDomainName, certificateArn: DOMAIN.apiCertificateArn });
    expect(() => configOf({ apiDomainName: DOMAIN.apiDomainName })).toThrow(/apiDomainName and apiCertificateArn go together/);
    expect(() => configOf({ ...DOMAIN, apiDomainName: 'not a host' })).toThrow(/not a host name/);
    expect(() => configOf({ ...DOMAIN, apiCertificateArn: 'arn:aws:iam::1:role/x' })).toThrow(/not an ACM certificate ARN/);
    const viewer = { edgeDomainName: 'gongkai.example.gov.cn', edgeCertificateArn: DOMAIN.apiCertificateArn };
    expect(() => configOf({ ...DOMAIN, ...viewer })).toThrow(/must be a certificate in us-east-1/);
    const usViewer = { edgeDomainName: 'gongkai.example.gov.cn', edgeCertificateArn: DOMAIN.apiCertificateArn.replace('ap-east-1', 'us-east-1') };
    // A public name for the distribution does not need a custom domain for the API (the origin), only the edge.
    expect(configOf(usViewer).edgeViewer).toEqual({ domainNames: ['gongkai.example.gov.cn'], certificateArn: usViewer.edgeCertificateArn });
    expect(() => configOf({ ...usViewer, edge: 'false' })).toThrow(/not with edge=false/);
    expect(() => configOf({ ...DOMAIN, originSecretVersion: 'v2; drop' })).toThrow(/must be a Secrets Manager VersionId/);
    expect(() => configOf({ edge: 'false', originSecretVersion: 'a1b2c3d4-0000-4000-8000-123456789abc' })).toThrow(/not with edge=false/);
    expect(configOf({ originSecretVersion: 'a1b2c3d4-0000-4000-8000-123456789abc' }).originSecretVersion).toBe('a1b2c3d4-0000-4000-8000-123456789abc');
    expect(configOf({}).edge).toBe(true);
    expect(configOf({ edge: 'false' }).edge).toBe(false);
    expect(() => configOf({ edge: 'no' })).toThrow(/edge must be true or false/);
  });
});

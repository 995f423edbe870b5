/**
 * The edge in front of the HTTP API (#13 item 9): a CloudFront distribution with an AWS WAF web ACL
 * (AWS managed rule groups and rate-based rules). An HTTP API cannot take a WAF web ACL itself, so the WAF
 * sits on CloudFront, whose origin is the API: its custom domain when one is configured (the default
 * `execute-api` endpoint is then disabled), otherwise its `execute-api` host name.
 *
 * A WAF web ACL for CloudFront must be created in us-east-1 (scope CLOUDFRONT): this construct lives in the
 * edge stack pinned to us-east-1 (infra/app.ts), which needs from the API's stack only the origin's name:
 * the custom domain's, a configuration value, or the execute-api host, which the stateful stack writes into
 * an SSM parameter in us-east-1 at deployment (apiOriginParameter) — no cross-region reference either way.
 *
 * The viewer's address reaches the application in the header `x-viewer-address` (VIEWER_ADDRESS_HEADER),
 * set by a CloudFront Function on every request from `event.viewer.ip` (whatever the client sent in that
 * header is overwritten): behind CloudFront, API Gateway's source IP is CloudFront's, not the client's. The
 * origin itself stays resolvable, so CloudFront also sends the origin secret (`x-origin-verify`,
 * shared/http/origin.ts): a request that went around the distribution — and so could choose its own
 * `x-viewer-address` — lacks it and is refused by every function.
 *
 * More origins (the web pages from S3, #15: web-pages.ts) are added with `addBehavior`, which keeps the WAF,
 * HTTPS only and the viewer-address function on them; the API stays the default behaviour.
 */
import { Duration, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  type IOrigin,
  type BehaviorOptions,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  HttpVersion,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../shared/http/origin.js';

/** The header that carries the viewer's IP address to the application (lower case, as API Gateway passes it). */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';

/** The SSM parameter (us-east-1) with the API's execute-api host, when the edge's origin is that host. */
export function apiOriginParameter(stage: string): string {
  return `/gongkai/${stage}/api-origin-host`;
}

/** AWS managed rule groups on every request (names as AWS publishes them). */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/**
 * Rate-based rules (requests per client IP per 5 minutes, WAF's window): everything, and the public form,
 * which a person fills in a few times at most. An agency's officers behind one gateway address share the
 * first limit, hence its size.
 */
export const RATE_LIMITS = { perAddress: 3000, submissionsPerAddress: 30 } as const;

export interface EdgeProps {
  /**
   * The API's host name (the origin): its custom domain, e.g. `api-origin.gongkai.example.gov.cn`, or its
   * execute-api host (a deployment-time value).
   */
  apiOriginDomain: string;
  /** The viewer domain names and their ACM certificate in us-east-1; none: the distribution's own domain. */
  viewer?: { domainNames: string[]; certificateArn: string } | undefined;
  /**
   * The origin secret (stateful stack, replicated to us-east-1): its name, and the version to send (after a
   * rotation, so the distribution is updated); none: its current version as of this deployment.
   */
  originSecret: { name: string; versionId?: string | undefined };
}

export class Edge extends Construct {
  readonly distribution: Distribution;
  readonly webAcl: CfnWebACL;
  private readonly viewerAddress: CloudFrontFunction;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    if (!Stack.of(this).region.startsWith('us-east-1')) {
      throw new Error('The edge (a WAF web ACL of scope CLOUDFRONT) must be in a us-east-1 stack.');
    }

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'gongkai-edge', sampledRequestsEnabled: true },
      rules: [
        ...MANAGED_RULE_GROUPS.map((name, i) => ({
          name,
          priority: i,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
        })),
        {
          name: 'RatePerAddress',
          priority: 10,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: RATE_LIMITS.perAddress, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'RatePerAddress', sampledRequestsEnabled: true },
        },
        {
          name: 'SubmissionsPerAddress',
          priority: 11,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: RATE_LIMITS.submissionsPerAddress,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'POST', textTransformations: [{ priority: 0, type: 'NONE' }] } },
                    { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'EXACTLY', searchString: '/applications', textTransformations: [{ priority: 0, type: 'NONE' }] } },
                  ],
                },
              },
            },
          },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'SubmissionsPerAddress', sampledRequestsEnabled: true },
        },
      ],
    });

    this.viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      comment: `Sets ${VIEWER_ADDRESS_HEADER} to the viewer's IP address; / to /index.html`,
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        // The site's root is the application form, a page of the bucket (web-pages.ts): "/" would match the
        // API's default behaviour, so it is redirected to /index.html, which matches the pages' behaviour.
        `function handler(event) { if (event.request.uri === '/') { return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/index.html' } } }; } event.request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip }; return event.request; }`,
      ),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Gongkai: the pages and the HTTP API behind AWS WAF',
      webAclId: this.webAcl.attrArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      ...(props.viewer
        ? {
            // Only with a certificate of its own: the default *.cloudfront.net one has a fixed policy.
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            domainNames: props.viewer.domainNames,
            certificate: Certificate.fromCertificateArn(this, 'ViewerCertificate', props.viewer.certificateArn),
          }
        : {}),
      defaultBehavior: this.behavior(
        new HttpOrigin(props.apiOriginDomain, {
          // Proof that the request came through here (shared/http/origin.ts): a dynamic reference, resolved
          // by CloudFormation at deployment, so the value is in neither the template nor the code.
          customHeaders: {
            [ORIGIN_VERIFY_HEADER]: SecretValue.secretsManager(props.originSecret.name, {
              ...(props.originSecret.versionId ? { versionId: props.originSecret.versionId } : {}),
            }).unsafeUnwrap(),
          },
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          readTimeout: Duration.seconds(30),
        }),
        {
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Every viewer header but Host (API Gateway routes by its own host name), query strings, no cookies needed.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      ),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: citizens abroad, and foreigners with a stake, may apply for government information; abuse is met by the WAF rules instead.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "CloudFront standard logs would copy every viewer address into another bucket; the API's access log (encrypted, with the forwarded viewer address) and the WAF's sampled requests and metrics cover abuse investigation.",
    });
    if (!props.viewer) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a viewer domain the distribution uses its default *.cloudfront.net certificate, whose TLS floor CloudFront fixes; with one (context edgeDomainName) the policy is TLSv1.2_2021.',
      });
    }
  }

  /** A behaviour with the edge's defaults: HTTPS only, the viewer-address function. */
  behavior(origin: IOrigin, options: Omit<BehaviorOptions, 'origin'> = {}): BehaviorOptions {
    return {
      ...options,
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      functionAssociations: [{ function: this.viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
  }

  /** Another origin under `pathPattern` (e.g. the web pages, #15), behind the same WAF. */
  addBehavior(pathPattern: string, origin: IOrigin, options: Omit<BehaviorOptions, 'origin'> = {}): void {
    const behavior = this.behavior(origin, options);
    const { origin: o, ...rest } = behavior;
    this.distribution.addBehavior(pathPattern, o, rest);
  }
}

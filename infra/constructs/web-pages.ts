/**
 * The pages (#15, docs/web.md) in AWS: a private S3 bucket behind the edge's CloudFront distribution, read
 * through origin access control (OAC: CloudFront signs its requests with SigV4; no origin access identity,
 * no public bucket, no website endpoint), under the same distribution and WAF as the API, so the pages and
 * the API share one origin (the pages call the API same-origin: no CORS, `connect-src 'self'`).
 *
 * What goes to the bucket: the output of web/build.ts (index.html, track.html, officer.html, assets/), built
 * at synthesis and deployed by BucketDeployment (a Lambda function with the AWS CLI layer that aws-cdk-lib
 * ships: no Docker). `auth/config.json` (the console's sign-in settings) is not part of the build: the
 * deployments leave it alone (see officer-pool.ts for who writes it).
 *
 * Every page answer carries the same security headers as `npm start` serves locally, from one definition
 * (infra/web/security-headers.ts) turned into a CloudFront response headers policy.
 */
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { HSTS_MAX_AGE_SECONDS, pageSecurityHeaders } from '../web/security-headers.js';
import type { Edge } from './edge.js';

/** The paths CloudFront sends to the bucket; everything else goes to the API (the default behaviour). */
export const PAGE_PATHS = ['/*.html', '/assets/*', '/auth/*'] as const;
/** The console's sign-in settings, written apart from the pages' deployment (never pruned by it). */
export const AUTH_CONFIG_KEY = 'auth/config.json';

/** The pages bucket's name: fixed per stage and account, so the stateless stack can write the sign-in settings. */
export function pagesBucketName(stage: string, account: string): string {
  return `gongkai-${stage}-pages-${account}`;
}

/** The SSM parameter (us-east-1) with the distribution's domain name, for the stateless stack's sign-in URLs. */
export function webDomainParameter(stage: string): string {
  return `/gongkai/${stage}/web-domain-name`;
}

export interface WebPagesProps {
  edge: Edge;
  /** The built pages (web/build.ts output). */
  sourceDir: string;
  bucketName: string;
  /** Extra `connect-src` origins of the CSP: the identity provider's token endpoint (the PKCE code exchange). */
  connectSrc?: readonly string[];
}

/** The response headers policy with the headers of pageSecurityHeaders() (the local server's), one by one. */
export function pageHeadersPolicy(scope: Construct, id: string, connectSrc: readonly string[]): ResponseHeadersPolicy {
  const headers = pageSecurityHeaders(connectSrc);
  return new ResponseHeadersPolicy(scope, id, {
    comment: "Gongkai pages: the local server's security headers (infra/web/security-headers.ts)",
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: headers['content-security-policy']!, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
        includeSubdomains: true,
        preload: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
    customHeadersBehavior: {
      customHeaders: ['permissions-policy', 'cross-origin-opener-policy'].map((header) => ({ header, value: headers[header]!, override: true })),
    },
  });
}

export class WebPages extends Construct {
  readonly bucket: Bucket;
  readonly headersPolicy: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: WebPagesProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Rebuilt from the code on every deployment; the fixed name would block a new bucket after a destroy,
      // so it is kept (empty it and delete it by hand: docs/deployment.md).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "The bucket holds the public pages only and is read by CloudFront alone (OAC): its access log would list CloudFront's fetches; the viewers' requests are in the WAF's sampled requests and the API's access log.",
    });

    this.headersPolicy = pageHeadersPolicy(this, 'Headers', props.connectSrc ?? []);
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    for (const path of PAGE_PATHS) {
      props.edge.addBehavior(path, origin, {
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headersPolicy,
        compress: true,
      });
    }
    // The API's answers (the default behaviour) carry no page headers locally either; the pages' do.

    const common = {
      destinationBucket: this.bucket,
      distribution: props.edge.distribution,
      memoryLimit: 512,
    };
    // HTML revalidated on every visit (a new deployment shows at once), scripts and styles cached five
    // minutes: what the local server sends. Each deployment invalidates its paths in CloudFront.
    const pages = new BucketDeployment(this, 'Pages', {
      ...common,
      sources: [Source.asset(props.sourceDir, { exclude: ['assets', 'assets/*'] })],
      exclude: ['assets/*', 'auth/*'],
      cacheControl: [CacheControl.noCache()],
      distributionPaths: ['/*.html'],
    });
    const assets = new BucketDeployment(this, 'Assets', {
      ...common,
      sources: [Source.asset(`${props.sourceDir}/assets`)],
      destinationKeyPrefix: 'assets/',
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.minutes(5))],
      distributionPaths: ['/assets/*'],
    });
    assets.node.addDependency(pages);
    acknowledgeDeploymentFindings(Stack.of(this), this.bucket);
  }
}

/** The logical id of a resource as cdk-nag prints it in a finding. */
function flattenRef(stack: Stack, bucket: Bucket): string {
  return stack.getLogicalId(bucket.node.defaultChild as CfnBucket);
}

/** cdk-nag findings on aws-cdk-lib's own BucketDeployment function (a singleton per stack), with the reasons. */
function acknowledgeDeploymentFindings(stack: Stack, bucket: Bucket): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    Validations.of(child).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "aws-cdk-lib's BucketDeployment function: the managed policy grants writing its own logs only.",
    });
    // Reading the deployment's zip files from CDK's asset bucket, syncing them into the pages bucket,
    // invalidating the distribution's cache (CloudFront's invalidation actions take no resource).
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const wildcards = [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::arn:aws:s3:::cdk-hnb659fds-assets-${account}-us-east-1/*`,
      `Resource::<${flattenRef(stack, bucket)}.Arn>/*`,
      'Resource::*',
    ];
    for (const finding of wildcards) {
      Validations.of(child).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          "aws-cdk-lib's BucketDeployment function: it syncs the build's files from CDK's asset bucket into the pages bucket (its own grants) and invalidates the distribution (cloudfront:CreateInvalidation takes no resource).",
      });
    }
    Validations.of(child).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "aws-cdk-lib's BucketDeployment function picks its runtime (it runs the AWS CLI layer the library ships).",
    });
  }
}

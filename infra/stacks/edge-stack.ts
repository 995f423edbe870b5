/**
 * The edge stack, pinned to us-east-1 (a CloudFront web ACL exists only there): CloudFront + AWS WAF in front
 * of the HTTP API's custom domain (infra/constructs/edge.ts) and of the pages' bucket (web-pages.ts). It takes the domain's name from configuration,
 * not from the API's stack, so it needs no cross-region reference and deploys on its own.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { Edge, type EdgeProps } from '../constructs/edge.js';
import { WebPages } from '../constructs/web-pages.js';

export interface EdgeStackProps extends StackProps, EdgeProps {
  /** The pages (web/build.ts output) and their bucket's name; the CSP's extra connect-src origins. */
  pages: { sourceDir: string; bucketName: string; connectSrc?: readonly string[] };
  /** The SSM parameter where the distribution's public name is kept (the officers' sign-in URLs). */
  webDomainParameter: string;
}

export class EdgeStack extends Stack {
  readonly edge: Edge;
  readonly pages: WebPages;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.edge = new Edge(this, 'Edge', props);
    this.pages = new WebPages(this, 'Pages', { edge: this.edge, ...props.pages });
    // The stateless stack (another region) reads it at deployment for the user-pool client's callback URL.
    new StringParameter(this, 'WebDomainName', {
      parameterName: props.webDomainParameter,
      stringValue: props.viewer?.domainNames[0] ?? this.edge.distribution.distributionDomainName,
      description: "The pages' public name (the officers' sign-in returns there)",
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.edge.distribution.distributionDomainName,
      description: 'Point the public name (CNAME) here: the pages at /, the API beside them',
    });
    new CfnOutput(this, 'PagesBucketName', { value: this.pages.bucket.bucketName, description: 'The pages (deployed by this stack)' });
    new CfnOutput(this, 'WebAclArn', { value: this.edge.webAcl.attrArn, description: 'The WAF web ACL in front of the API' });
  }
}

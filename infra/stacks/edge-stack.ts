/**
 * The edge stack, pinned to us-east-1 (a CloudFront web ACL exists only there): CloudFront + AWS WAF in front
 * of the HTTP API (infra/constructs/edge.ts) and of the pages' bucket (web-pages.ts). The API's host name comes
 * from configuration (a custom domain) or, without one, from the SSM parameter in us-east-1 that the stateful
 * stack writes at deployment (a CloudFormation parameter of SSM type, resolved at each deployment of this
 * stack): no cross-region reference either way.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { Edge, type EdgeProps } from '../constructs/edge.js';
import { WebPages } from '../constructs/web-pages.js';

export interface EdgeStackProps extends StackProps, Omit<EdgeProps, 'apiOriginDomain'> {
  /** The API's host name: a custom domain, or the SSM parameter (us-east-1) holding its execute-api host. */
  apiOrigin: { domainName: string } | { parameter: string };
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
    const apiOriginDomain =
      'domainName' in props.apiOrigin ? props.apiOrigin.domainName : StringParameter.valueForStringParameter(this, props.apiOrigin.parameter);
    this.edge = new Edge(this, 'Edge', { ...props, apiOriginDomain });
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

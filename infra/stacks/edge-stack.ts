/**
 * The edge stack, pinned to us-east-1 (a CloudFront web ACL exists only there): CloudFront + AWS WAF in front
 * of the HTTP API's custom domain (infra/constructs/edge.ts). It takes the domain's name from configuration,
 * not from the API's stack, so it needs no cross-region reference and deploys on its own.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Edge, type EdgeProps } from '../constructs/edge.js';

export interface EdgeStackProps extends StackProps, EdgeProps {}

export class EdgeStack extends Stack {
  readonly edge: Edge;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.edge = new Edge(this, 'Edge', props);
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.edge.distribution.distributionDomainName,
      description: 'Point the public API name (CNAME) here',
    });
    new CfnOutput(this, 'WebAclArn', { value: this.edge.webAcl.attrArn, description: 'The WAF web ACL in front of the API' });
  }
}

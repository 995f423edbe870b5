/**
 * One AWS API call made by CloudFormation at deployment (aws-cdk-lib's AwsCustomResource), the way this
 * project's stacks use it: in another region (us-east-1: the edge's parameters, the pages' bucket), with the
 * one action it needs granted on the one resource, its function's log group encrypted under the deployment's
 * key with the stacks' retention (as every log group: tests/infra/personal-data.test.ts), and cdk-nag's
 * finding on that aws-cdk-lib function acknowledged with its reason.
 */
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsCustomResource, AwsCustomResourcePolicy, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';

/** Where the calls' function logs: the deployment's key and retention. */
export interface AwsCallLogs {
  key: IKey;
  retention: RetentionDays;
}

export interface AwsCallProps {
  onCreate?: AwsSdkCall;
  onUpdate?: AwsSdkCall;
  onDelete?: AwsSdkCall;
  /** Exactly what the calls need. */
  statements: PolicyStatement[];
  logs: AwsCallLogs;
}

/** The function behind every AwsCustomResource of a stack is one (a singleton): so is its log group. */
const LOG_GROUP_ID = 'AwsCallLogs';

export function awsCall(scope: Construct, id: string, props: AwsCallProps): AwsCustomResource {
  const stack = Stack.of(scope);
  const logGroup =
    (stack.node.tryFindChild(LOG_GROUP_ID) as LogGroup | undefined) ??
    new LogGroup(stack, LOG_GROUP_ID, { encryptionKey: props.logs.key, retention: props.logs.retention, removalPolicy: RemovalPolicy.RETAIN });
  const resource = new AwsCustomResource(scope, id, {
    ...(props.onCreate ? { onCreate: props.onCreate } : {}),
    ...(props.onUpdate ? { onUpdate: props.onUpdate } : {}),
    ...(props.onDelete ? { onDelete: props.onDelete } : {}),
    policy: AwsCustomResourcePolicy.fromStatements(props.statements),
    installLatestAwsSdk: false,
    logGroup,
  });
  const provider = stack.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replaceAll('-', '')}`);
  if (provider) {
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "aws-cdk-lib's AwsCustomResource function: the managed policy grants writing its own logs only; its calls are granted one by one.",
    });
  }
  return resource;
}

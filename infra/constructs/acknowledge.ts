/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 for each wildcard resource that the IAM policies under `scope`
 * hold now, by the exact finding id cdk-nag reports (`AwsSolutions-IAM5[Resource::<rendered resource>]`),
 * so a wildcard added later is still a finding. Call it after the statements are added.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { Policy } from 'aws-cdk-lib/aws-iam';
// cdk-nag's own rendering of a policy resource, so an acknowledgement names the finding exactly as reported.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

export function acknowledgeWildcardResources(scope: IConstruct, reason: string): void {
  const stack = Stack.of(scope);
  const resources = new Set<string>();
  for (const child of scope.node.findAll()) {
    if (!(child instanceof Policy)) continue;
    const document = stack.resolve(child.document.toJSON()) as { Statement?: { Resource?: unknown }[] } | undefined;
    for (const statement of document?.Statement ?? []) {
      for (const resource of [statement.Resource].flat()) {
        const rendered = flattenCfnReference(resource);
        if (rendered.includes('*')) resources.add(rendered);
      }
    }
  }
  for (const resource of resources) Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}

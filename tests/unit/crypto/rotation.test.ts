/** The Secrets Manager rotation steps of the query-code secret (shared/crypto/rotation.ts), over an in-memory secret. */
import { describe, expect, it } from 'vitest';
import { rotateStep, type RotationEvent } from '../../../shared/crypto/rotation.js';
import type { AwsJsonCall } from '../../../shared/store/aws-json.js';

/** A secret as Secrets Manager keeps it: versions with values and staging labels. */
function fakeSecretsManager() {
  const versions = new Map<string, { value?: string; stages: string[] }>([['v1', { value: 'first-key', stages: ['AWSCURRENT'] }]]);
  const calls: string[] = [];
  const call = (async (operation: string, input: any) => {
    calls.push(operation);
    switch (operation) {
      case 'DescribeSecret':
        return { RotationEnabled: true, VersionIdsToStages: Object.fromEntries([...versions].map(([id, v]) => [id, v.stages])) };
      case 'GetSecretValue': {
        const v = versions.get(input.VersionId);
        if (!v?.value || (input.VersionStage && !v.stages.includes(input.VersionStage))) {
          throw Object.assign(new Error('not found'), { code: 'ResourceNotFoundException' });
        }
        return { SecretString: v.value, VersionId: input.VersionId };
      }
      case 'PutSecretValue':
        versions.set(input.ClientRequestToken, { value: input.SecretString, stages: input.VersionStages });
        return {};
      case 'UpdateSecretVersionStage': {
        for (const v of versions.values()) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
        const old = versions.get(input.RemoveFromVersionId)!;
        old.stages = [...old.stages.filter((s) => s !== 'AWSCURRENT'), 'AWSPREVIOUS'];
        const next = versions.get(input.MoveToVersionId)!;
        next.stages = [...next.stages.filter((s) => s !== 'AWSPENDING'), 'AWSCURRENT'];
        return {};
      }
      default:
        throw new Error(`unexpected ${operation}`);
    }
  }) as AwsJsonCall;
  return { versions, calls, call };
}

const step = (Step: RotationEvent['Step']): RotationEvent => ({ SecretId: 'arn:aws-cn:secretsmanager:cn-north-1:1:secret:qc', ClientRequestToken: 'v2', Step });

describe('rotating the query-code secret', () => {
  it('creates a new random key as AWSPENDING, then makes it AWSCURRENT and keeps the old one as AWSPREVIOUS', async () => {
    const sm = fakeSecretsManager();
    sm.versions.set('v2', { stages: ['AWSPENDING'] }); // Secrets Manager labels the token before calling
    expect(await rotateStep(sm.call, step('createSecret'))).toBe('created');
    const created = sm.versions.get('v2')!.value!;
    expect(created).toMatch(/^[A-Za-z0-9]{64}$/);
    // Retried steps change nothing.
    expect(await rotateStep(sm.call, step('createSecret'))).toBe('pending version exists');
    expect(sm.versions.get('v2')!.value).toBe(created);
    expect(await rotateStep(sm.call, step('setSecret'))).toBe('nothing to do');
    expect(await rotateStep(sm.call, step('testSecret'))).toBe('nothing to do');
    expect(await rotateStep(sm.call, step('finishSecret'))).toBe('finished');
    expect(sm.versions.get('v2')!.stages).toEqual(['AWSCURRENT']);
    expect(sm.versions.get('v1')).toEqual({ value: 'first-key', stages: ['AWSPREVIOUS'] });
    expect(await rotateStep(sm.call, step('finishSecret'))).toBe('already current');
  });

  it('refuses a token that is not a pending version of the secret', async () => {
    const sm = fakeSecretsManager();
    await expect(rotateStep(sm.call, step('createSecret'))).rejects.toThrow(/not a version/);
    sm.versions.set('v2', { value: 'x', stages: [] });
    await expect(rotateStep(sm.call, step('createSecret'))).rejects.toThrow(/not pending/);
  });
});

/**
 * The four steps of a Secrets Manager rotation of an HMAC key this application alone uses (the query-code
 * secret, shared/crypto/secret-store.ts). Secrets Manager calls the rotation function once per step with the
 * new version's ClientRequestToken; every step is idempotent, because a step may be retried.
 *
 * - createSecret: a new random key as the AWSPENDING version (unless that version exists already);
 * - setSecret, testSecret: nothing — no other system holds the key;
 * - finishSecret: the new version becomes AWSCURRENT; Secrets Manager labels the one before AWSPREVIOUS.
 *
 * Old codes stay verifiable: a derived query code is re-derived only for a retried idempotent request,
 * whose idempotency record (24 hours) names the version it was derived with, and with rotation every 30 days
 * that version is AWSCURRENT or AWSPREVIOUS, both readable by VersionId.
 */
import { randomBytes } from 'node:crypto';
import type { AwsJsonCall } from '../store/aws-json.js';

export interface RotationEvent {
  SecretId: string;
  ClientRequestToken: string;
  Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
}

interface Described {
  RotationEnabled?: boolean;
  VersionIdsToStages?: Record<string, string[]>;
}

/** 64 letters and digits, as the stack's generated first version. */
export function newKeyString(): string {
  return randomBytes(48).toString('base64url').replaceAll(/[-_]/g, '').slice(0, 64).padEnd(64, '0');
}

export async function rotateStep(call: AwsJsonCall, event: RotationEvent): Promise<string> {
  const { SecretId, ClientRequestToken: token, Step } = event;
  const described = await call<Described>('DescribeSecret', { SecretId });
  const stages = described.VersionIdsToStages ?? {};
  if (!stages[token]) throw new Error(`Version ${token} is not a version of the secret being rotated.`);
  if (stages[token].includes('AWSCURRENT') && Step !== 'finishSecret') return 'already current';
  if (!stages[token].includes('AWSPENDING') && !stages[token].includes('AWSCURRENT')) {
    throw new Error(`Version ${token} is not pending rotation.`);
  }
  switch (Step) {
    case 'createSecret': {
      try {
        await call('GetSecretValue', { SecretId, VersionId: token, VersionStage: 'AWSPENDING' });
        return 'pending version exists';
      } catch (error) {
        if ((error as { code?: string }).code !== 'ResourceNotFoundException') throw error;
      }
      await call('PutSecretValue', { SecretId, ClientRequestToken: token, SecretString: newKeyString(), VersionStages: ['AWSPENDING'] });
      return 'created';
    }
    case 'setSecret':
    case 'testSecret':
      return 'nothing to do';
    case 'finishSecret': {
      const current = Object.entries(stages).find(([, labels]) => labels.includes('AWSCURRENT'))?.[0];
      if (current === token) return 'already current';
      await call('UpdateSecretVersionStage', {
        SecretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: token,
        ...(current ? { RemoveFromVersionId: current } : {}),
      });
      return 'finished';
    }
  }
}

/**
 * Secrets Manager rotation function of the query-code secret (shared/crypto/rotation.ts has the steps).
 * Secrets Manager invokes it directly with { SecretId, ClientRequestToken, Step }.
 */
import { config } from '../../shared/config.js';
import { rotateStep, type RotationEvent } from '../../shared/crypto/rotation.js';
import { log } from '../../shared/log.js';
import { awsJsonClient } from '../../shared/store/aws-json.js';

const call = awsJsonClient({ service: 'secretsmanager', targetPrefix: 'secretsmanager', region: config().AWS_REGION });

export async function handler(event: RotationEvent): Promise<void> {
  const outcome = await rotateStep(call, event);
  log.info('secret rotation step', { step: event.Step, outcome });
}

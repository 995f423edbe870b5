/**
 * Which store failures are transient (503 with Retry-After, shared/store/errors.ts): a throttled
 * transaction is cancelled by DynamoDB with ThrottlingError reasons rather than failing with a throttling
 * error, and the SDK does not retry it — it must be a 503 too, unless a condition failed as well.
 */
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { guarded, isThrottledTransaction, isTransient } from '../../../shared/store/errors.js';
import { ServiceUnavailableError } from '../../../shared/errors.js';

function cancelled(...codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('isTransient', () => {
  it('holds for a transaction cancelled because it was throttled', () => {
    expect(isTransient(cancelled('ThrottlingError', 'ThrottlingError'))).toBe(true);
    expect(isTransient(cancelled('None', 'ProvisionedThroughputExceeded'))).toBe(true);
    expect(isThrottledTransaction(cancelled('TransactionConflict', 'ThrottlingError'))).toBe(true);
  });

  it('does not hold when a condition failed, or for a conflict alone (the callers decide: 409, an idempotent replay)', () => {
    expect(isTransient(cancelled('ConditionalCheckFailed', 'ThrottlingError'))).toBe(false);
    expect(isTransient(cancelled('ConditionalCheckFailed', 'None'))).toBe(false);
    expect(isTransient(cancelled('TransactionConflict', 'None'))).toBe(false);
    expect(isTransient(cancelled())).toBe(false);
  });

  it('holds for throttling, timeouts and lost connections, not for other errors', () => {
    expect(isTransient(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }))).toBe(true);
    expect(isTransient(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient(new Error('a bug'))).toBe(false);
  });
});

describe('guarded', () => {
  it('turns a throttled transaction into ServiceUnavailableError and lets a failed condition through', async () => {
    await expect(guarded(() => Promise.reject(cancelled('ThrottlingError')))).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(guarded(() => Promise.reject(cancelled('ConditionalCheckFailed')))).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});

import { ServiceUnavailableError } from '../errors.js';
/**
 * Maps the SDK's transient failures (no connection, throttling, timeouts, 5xx) to ServiceUnavailableError
 * (503 with Retry-After), so a client never mistakes an unstored write for a stored one.
 *
 * A throttled transaction does not fail with a throttling error: DynamoDB cancels it
 * (TransactionCanceledException) and gives each item the reason ThrottlingError (or
 * ProvisionedThroughputExceeded), and the SDK does not retry it. Nothing was written, so it is transient
 * too — unless a condition failed as well, which is a definite answer the caller must see.
 */

const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH']);
/** Cancellation reasons of a transaction that was throttled (DynamoDB API reference, TransactWriteItems). */
const THROTTLED_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/** A transaction cancelled for throttling alone: no item's condition failed, at least one item was throttled. */
export function isThrottledTransaction(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return codes.some((code) => THROTTLED_REASONS.has(code)) && codes.every((code) => code === 'None' || THROTTLED_REASONS.has(code) || code === 'TransactionConflict');
}

export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (TRANSIENT_NAMES.has(e.name)) return true;
  if (isThrottledTransaction(e)) return true;
  if (e.code && TRANSIENT_CODES.has(e.code)) return true;
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  const cause = (e as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isTransient(cause);
}

/** Runs a store call; transient failures become ServiceUnavailableError, everything else passes through. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isTransient(error)) throw new ServiceUnavailableError();
    throw error;
  }
}

/**
 * Opaque pagination cursors: a JSON value in base64url. Decoding only checks that it is a JSON object;
 * each list then checks that the cursor continues that very list (see its caller), because a forged
 * ExclusiveStartKey is refused by DynamoDB and must be a 422 for the client, not a 500.
 */
import { ValidationError } from '../domain/errors.js';

export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The cursor's object, or a ValidationError at `query.cursor` with `message`. */
export function decodeCursor(text: string, message: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidCursor(message);
  return value as Record<string, unknown>;
}

export function invalidCursor(message: string): ValidationError {
  return new ValidationError([{ path: ['query', 'cursor'], message }]);
}

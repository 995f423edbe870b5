/**
 * Application numbers and query codes.
 *
 * - The application number is a ULID: 26 Crockford base-32 characters, sortable by creation time, with
 *   80 random bits (unguessable enough that a wrong id and a wrong code look the same).
 * - The query code is 120 random bits (docs/architecture.md: ≥ 96), shown to the applicant once as four groups of
 *   six Crockford characters (`7K2M9Q-...`), stored only as its SHA-256 hash and compared in constant time.
 *   It is derived with HMAC-SHA-256 from a secret kept in the secret store (shared/crypto/secret-store.ts, not the table), the idempotency owner, the
 *   Idempotency-Key (or, without one, the keyed hash of the request's content) and the random case id, so
 *   that a retried request (the applicant never saw the first answer) receives the same code again without
 *   the code itself ever being stored.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out.slice(0, length);
}

/** A ULID for `now`: 10 characters of milliseconds, 16 of randomness. */
export function newCaseId(now: Date): string {
  let ms = now.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  return time + base32(randomBytes(10), 16);
}

export function isCaseId(value: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value);
}

const QUERY_CODE_BYTES = 15; // 120 bits

function formatCode(raw: string): string {
  return raw.match(/.{6}/g)!.join('-');
}

/** A fresh random query code. */
export function newQueryCode(): string {
  return formatCode(base32(randomBytes(QUERY_CODE_BYTES), 24));
}

/** The query code of an idempotent submission: the same secret, key and case give the same code. */
export function derivedQueryCode(secret: Buffer, owner: string, idempotencyKey: string, caseId: string): string {
  const mac = createHmac('sha256', secret).update(`query-code\n${owner}\n${idempotencyKey}\n${caseId}`).digest();
  return formatCode(base32(mac.subarray(0, QUERY_CODE_BYTES), 24));
}

/**
 * Normalises what a person typed: case-insensitive, hyphens and spaces ignored, and the Crockford
 * look-alikes read as digits (I, L → 1; O → 0).
 */
export function normalizeQueryCode(input: string): string {
  return input
    .toUpperCase()
    .replaceAll(/[\s-]/g, '')
    .replaceAll(/[IL]/g, '1')
    .replaceAll('O', '0');
}

export function hashQueryCode(code: string): string {
  return createHash('sha256').update(normalizeQueryCode(code)).digest('base64url');
}

/** Constant-time comparison of a presented code with the stored hash. */
export function queryCodeMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashQueryCode(presented), 'utf8');
  const b = Buffer.from(storedHash, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** HMAC-SHA-256 of a labelled value with a secret, base64url (fingerprints of requests that hold personal data). */
export function keyedHash(secret: Buffer, label: string, value: string): string {
  return createHmac('sha256', secret).update(`${label}\n${value}`).digest('base64url');
}

/** SHA-256 of a string, base64url (idempotency keys and request fingerprints). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** JSON with object keys sorted, so that two equal bodies give the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

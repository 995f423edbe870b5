import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  derivedQueryCode,
  hashQueryCode,
  newCaseId,
  newQueryCode,
  normalizeQueryCode,
  queryCodeMatches,
} from '../../../shared/services/identifiers.js';

describe('application numbers and query codes', () => {
  it('numbers are 26-character ULIDs that sort by creation time', () => {
    const a = newCaseId(new Date('2026-01-01T00:00:00Z'));
    const b = newCaseId(new Date('2026-01-01T00:00:00.001Z'));
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a < b).toBe(true);
    expect(a.slice(0, 10)).toBe('01KDVDNA00'); // 1767225600000 ms in Crockford base 32, computed by hand
  });

  it('query codes carry 120 random bits in four groups of six', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newQueryCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}(-[0-9A-HJKMNP-TV-Z]{6}){3}$/);
  });

  it('matches what a person types: any case, without hyphens, with look-alike letters', () => {
    const code = 'AB1C0D-EFGH11-JKMNPQ-RSTVWX';
    const stored = hashQueryCode(code);
    expect(queryCodeMatches(code, stored)).toBe(true);
    expect(queryCodeMatches('ab1c0defgh11jkmnpqrstvwx', stored)).toBe(true);
    expect(queryCodeMatches('ABIC0D-EFGHLI-JKMNPQ-RSTVWX', stored)).toBe(true);
    expect(normalizeQueryCode('abo-il')).toBe('AB011');
    expect(queryCodeMatches('AB1C0D-EFGH11-JKMNPQ-RSTVWY', stored)).toBe(false);
    expect(queryCodeMatches('', stored)).toBe(false);
  });

  it('derives the same code for the same key and case, another for another key, case, scope or secret', () => {
    const secret = Buffer.alloc(32, 7);
    const id = '01KDVDNA00AAAAAAAAAAAAAAAA';
    const code = derivedQueryCode(secret, 'public', 'key-1', id);
    expect(derivedQueryCode(secret, 'public', 'key-1', id)).toBe(code);
    expect(derivedQueryCode(secret, 'public', 'key-2', id)).not.toBe(code);
    expect(derivedQueryCode(secret, 'public', 'key-1', '01KDVDNA00BBBBBBBBBBBBBBBB')).not.toBe(code);
    expect(derivedQueryCode(secret, 'officer-1', 'key-1', id)).not.toBe(code);
    expect(derivedQueryCode(Buffer.alloc(32, 8), 'public', 'key-1', id)).not.toBe(code);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}(-[0-9A-HJKMNP-TV-Z]{6}){3}$/);
  });

  it('fingerprints equal bodies equally whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});

/**
 * Chinese first (issue #15): every message of the catalogue exists in both languages, every message the
 * request schemas and the services can produce is in the catalogue, and the negotiation picks Chinese
 * unless English is preferred.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/local/stack.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import {
  ForbiddenError,
  IdempotencyKeyReuseError,
  NotFoundError,
  ServiceUnavailableError,
  TooManyRequestsError,
  VersionConflictError,
} from '../../../shared/errors.js';
import { negotiateLocale } from '../../../shared/i18n/locale.js';
import { isCatalogued, message, MESSAGES, translate } from '../../../shared/i18n/messages.js';
import { errorToProblem, HttpError, parseOrThrow } from '../../../shared/http/problem.js';
import * as s from '../../../shared/http/schemas.js';
import { UI, STATUS, ACTION, CHANNEL, ROLE } from '../../../web/src/lib/messages.js';

const CJK = /[\u3400-\u9fff]/;
const params = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

describe('the message catalogue', () => {
  it('has every entry in Simplified Chinese and English, the Chinese using only the English parameters', () => {
    for (const [key, entry] of Object.entries(MESSAGES)) {
      expect(entry.zh.trim(), `${key}.zh`).not.toBe('');
      expect(entry.en.trim(), `${key}.en`).not.toBe('');
      expect(entry.zh, `${key}.zh is Chinese`).toMatch(CJK);
      for (const p of params(entry.zh)) expect(params(entry.en).has(p), `${key}: {${p}} of zh is not in en`).toBe(true);
    }
  });

  it('has every word of the pages in both languages', () => {
    for (const table of [UI, STATUS, ACTION, CHANNEL, ROLE]) {
      for (const [key, entry] of Object.entries(table)) {
        expect(entry.zh.trim(), `${key}.zh`).not.toBe('');
        expect(entry.en.trim(), `${key}.en`).not.toBe('');
      }
    }
  });

  it('translates a template with its parameters, and leaves English alone', () => {
    expect(translate('zh', 'must be at most 200 characters')).toBe('最多 200 个字符');
    expect(translate('en', 'must be at most 200 characters')).toBe('must be at most 200 characters');
    expect(translate('zh', 'Too many attempts. Try again in 30 seconds.')).toBe('尝试次数过多，请在 30 秒后再试。');
    expect(message('en', 'timeline.extend')).toBe('Reply deadline extended');
    expect(message('zh', 'timeline.extend')).toBe('延期答复');
  });
});

/** Every message literal a schema or a service passes to a check or a ValidationError. */
function literalMessages(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of source.matchAll(/message: '([^']+)'/g)) found.add(m[1]!);
  // Template literals: each \${…} stands for a parameter (a sample value here).
  for (const m of source.matchAll(/message: `([^`]+)`/g)) found.add(m[1]!.replaceAll(/\$\{[^}]+\}/g, 'x'));
  for (const m of source.matchAll(/(?:[(,]|return|message:)\s*'((?:must|is|may|at least|applies|does|has)[^']*)'/g)) found.add(m[1]!);
  return [...found];
}

describe('every message a request can produce is in the catalogue', () => {
  it('the message literals of the schemas and the services', () => {
    const files = [join(REPO_ROOT, 'shared/http/schemas.ts'), join(REPO_ROOT, 'shared/http/handler.ts'), join(REPO_ROOT, 'shared/domain/id-numbers.ts')];
    for (const dir of ['shared/services']) {
      for (const name of readdirSync(join(REPO_ROOT, dir))) if (name.endsWith('.ts')) files.push(join(REPO_ROOT, dir, name));
    }
    const missing: string[] = [];
    for (const file of files) for (const text of literalMessages(file)) if (!isCatalogued(text)) missing.push(`${file.slice(REPO_ROOT.length + 1)}: ${text}`);
    expect(missing).toEqual([]);
  });

  it('the messages of invalid forms, actions and queries (zod issues of every kind)', () => {
    const bodies: [import('zod/mini').ZodMiniType, unknown][] = [
      [s.SubmitApplicationBody, {}],
      [s.SubmitApplicationBody, { agencyId: 'X', applicant: { type: 'x', name: '', idDocument: { type: 'x', number: 1 }, phone: 'abc', email: 'no', postalCode: '1', extra: 1 }, request: { description: ' ' }, delivery: { form: 'x', method: 'x' } }],
      [s.SubmitApplicationBody, { agencyId: 'jz', applicant: { type: 'legal_person', name: 'a'.repeat(201), idDocument: { type: 'other', number: 'x\u0001' } }, request: { description: 'x', purpose: '\ud800' }, delivery: { form: 'paper', method: 'post' } }],
      [s.SubmitApplicationBody, { agencyId: 'jz', applicant: { type: 'natural_person', organizationType: 'other', name: 'a\nb', idDocument: { type: 'other', number: 'x' }, phone: '123456' }, request: { description: 'x' }, delivery: { form: 'paper', method: 'post' } }],
      [s.CaseActionBody, { type: 'request_correction', expectedVersion: 0, items: [], correctionDueDate: '2026-02-30' }],
      [s.CaseActionBody, { type: 'request_correction', expectedVersion: 1, items: Array(51).fill('x'), correctionDueDate: '20260101' }],
      [s.CaseActionBody, { type: 'extend', expectedVersion: 1.5, days: 21, reason: '' }],
      [s.CaseActionBody, { type: 'nope' }],
      [s.RegisterCaseBody, { channel: 'x', receivedDate: 'x', submittedAt: 'x' }],
      [s.ListCasesQuery, { limit: '0', status: 'x', cursor: 'x'.repeat(3000) }],
      [s.PutCalendarBody, { holidays: Array(367).fill({ date: '2026-01-01', name: 'x' }), workdays: [], source: '', region: '!' }],
      [s.CellCasesQuery, { limit: '100000' }],
    ];
    const missing = new Set<string>();
    for (const [schema, body] of bodies) {
      try {
        parseOrThrow(schema, body, ['body']);
        throw new Error('expected a validation error');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        for (const p of (error as ValidationError).problems) if (!isCatalogued(p.message)) missing.add(p.message);
      }
    }
    for (const [param, value] of [[s.YearParam, 'x'], [s.CellIdParam, 'x'], [s.CaseIdParam, 'x'], [s.IdempotencyKeyHeader, ''], [s.QueryCodeHeader, 'x'.repeat(65)]] as const) {
      try {
        parseOrThrow(param, value, ['params']);
      } catch (error) {
        for (const p of (error as ValidationError).problems) if (!isCatalogued(p.message)) missing.add(p.message);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('every problem title and detail of the error table, in Chinese when asked', () => {
    const errors = [
      new ValidationError([{ path: ['body', 'x'], message: 'must not be empty' }]),
      new IdempotencyKeyReuseError(),
      new NotFoundError('No application matches this number and query code.'),
      new NotFoundError(),
      new VersionConflictError(3),
      new TooManyRequestsError(60),
      new ForbiddenError('This route needs one of the roles: admin.'),
      new HttpError(401, 'Unauthorized', 'A valid Bearer token is required.'),
      new HttpError(413, 'Payload too large', 'The request body may be at most 65536 bytes.'),
      new HttpError(415, 'Unsupported media type', 'The request body must be application/json.'),
      new HttpError(400, 'Bad request', 'The request body is not valid JSON.'),
      new ServiceUnavailableError(),
      new Error('boom'),
    ];
    for (const error of errors) {
      const zh = errorToProblem(error, 'r', 'zh').problem;
      const en = errorToProblem(error, 'r', 'en').problem;
      expect(zh.title, en.title).toMatch(CJK);
      expect(zh.detail ?? '', en.detail).toMatch(CJK);
      for (const p of zh.problems ?? []) expect(p.message).toMatch(CJK);
      expect(zh.type).toBe(en.type);
      expect(zh.status).toBe(en.status);
    }
  });
});

describe('Accept-Language', () => {
  it('is Chinese by default and English only when English is preferred', () => {
    expect(negotiateLocale(undefined)).toBe('zh');
    expect(negotiateLocale('')).toBe('zh');
    expect(negotiateLocale('*')).toBe('zh');
    expect(negotiateLocale('fr-FR')).toBe('zh');
    expect(negotiateLocale('en')).toBe('en');
    expect(negotiateLocale('en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(negotiateLocale('en;q=0.5, zh-TW;q=0.8')).toBe('zh');
    expect(negotiateLocale('zh;q=0.1, en;q=0.9')).toBe('en');
    expect(negotiateLocale('en;q=0')).toBe('zh');
  });
});

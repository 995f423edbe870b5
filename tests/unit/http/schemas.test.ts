import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { parseOrThrow } from '../../../shared/http/problem.js';
import { RegisterCaseBody, SubmitApplicationBody } from '../../../shared/http/schemas.js';
import { legalPersonApplication, naturalPersonApplication } from '../../fixtures/applications.js';

function problemsOf(body: unknown) {
  try {
    parseOrThrow(SubmitApplicationBody, body, ['body']);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('the online form schema (docs/architecture.md POST /applications)', () => {
  it('accepts a natural person and a legal person, trimming text', () => {
    expect(problemsOf(naturalPersonApplication())).toEqual([]);
    expect(problemsOf(legalPersonApplication())).toEqual([]);
    const body = naturalPersonApplication();
    body.applicant.name = '  张三  ';
    expect(parseOrThrow(SubmitApplicationBody, body, ['body']).applicant.name).toBe('张三');
  });

  it('names a missing name and a missing contact by their paths', () => {
    const body = naturalPersonApplication() as Record<string, any>;
    delete body.applicant.name;
    delete body.applicant.phone;
    const problems = problemsOf(body);
    expect(problems).toContainEqual({ path: ['body', 'applicant', 'name'], message: 'is required (a string)' });
    expect(problems).toContainEqual({
      path: ['body', 'applicant', 'phone'],
      message: 'at least one contact is required: phone, email or address',
    });
  });

  it('requires organizationType for a legal person and refuses it for a natural person', () => {
    const legal = legalPersonApplication() as Record<string, any>;
    delete legal.applicant.organizationType;
    expect(problemsOf(legal)).toEqual([
      { path: ['body', 'applicant', 'organizationType'], message: 'is required for a legal person or other organisation' },
    ]);
    const natural = naturalPersonApplication() as Record<string, any>;
    natural.applicant.organizationType = 'research';
    expect(problemsOf(natural)).toEqual([
      { path: ['body', 'applicant', 'organizationType'], message: 'applies only to a legal person or other organisation' },
    ]);
  });

  it('lists each unknown field and each wrong type with its own path', () => {
    const body = naturalPersonApplication() as Record<string, any>;
    body.extra = 1;
    body.applicant.nickname = 'x';
    body.delivery.form = 'fax';
    body.request.description = 42;
    const problems = problemsOf(body);
    expect(problems).toContainEqual({ path: ['body', 'extra'], message: 'is not a known field' });
    expect(problems).toContainEqual({ path: ['body', 'applicant', 'nickname'], message: 'is not a known field' });
    expect(problems).toContainEqual({ path: ['body', 'delivery', 'form'], message: 'must be one of: "paper", "electronic"' });
    expect(problems).toContainEqual({ path: ['body', 'request', 'description'], message: 'must be a string' });
  });

  it('refuses control characters, lone surrogates, blank and oversize text', () => {
    const body = naturalPersonApplication();
    body.applicant.name = 'a\u0000b';
    body.request.description = '\ud800';
    body.request.purpose = '   ';
    body.request.documentNumber = 'x'.repeat(201);
    const problems = problemsOf(body);
    expect(problems).toContainEqual({ path: ['body', 'applicant', 'name'], message: 'must not contain control characters' });
    expect(problems).toContainEqual({ path: ['body', 'request', 'description'], message: 'must be well-formed Unicode text' });
    expect(problems).toContainEqual({ path: ['body', 'request', 'purpose'], message: 'must not be empty' });
    expect(problems).toContainEqual({ path: ['body', 'request', 'documentNumber'], message: 'must be at most 200 characters' });
  });

  it('refuses a body that is not an object', () => {
    expect(problemsOf([])).toEqual([{ path: ['body'], message: 'must be an object' }]);
    expect(problemsOf(null)).toEqual([{ path: ['body'], message: 'must be an object' }]);
  });
});

describe('the registration schema (docs/architecture.md POST /cases)', () => {
  const registration = (submittedAt: string) => {
    const { agencyId: _a, ...application } = naturalPersonApplication();
    return { ...application, channel: 'mail', receivedDate: '2026-03-02', submittedAt };
  };
  const problems = (body: unknown) => {
    try {
      parseOrThrow(RegisterCaseBody, body, ['body']);
      return [];
    } catch (error) {
      if (error instanceof ValidationError) return error.problems.map((p) => p.path.join('.'));
      throw error;
    }
  };

  it('accepts submittedAt with a zone and up to nine decimals of a second', () => {
    expect(problems(registration('2026-03-01T09:30:00+08:00'))).toEqual([]);
    expect(problems(registration('2026-03-01T01:30:00.123456789Z'))).toEqual([]);
  });

  it('refuses more decimals than the domain reads (found by the resilience fuzzing: it was a 500)', () => {
    expect(problems(registration('2026-03-01T01:30:00.585080977000Z'))).toEqual(['body.submittedAt']);
  });
});

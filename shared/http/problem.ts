/**
 * The one error table (docs/architecture.md "Errors"): every error becomes an RFC 9457 `application/problem+json` response.
 * Validation problems are 422 with every `{path, message}`; a 500 says nothing about internals (the
 * cause is logged with the request id by the caller).
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodMiniType } from 'zod/mini';
import { IllegalActionError, ValidationError, type ProblemDetail } from '../domain/errors.js';
import {
  ForbiddenError,
  IdempotencyKeyReuseError,
  NotFoundError,
  ReportIdentityError,
  ServiceUnavailableError,
  TooManyRequestsError,
  VersionConflictError,
} from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import { translate } from '../i18n/messages.js';

/** Errors of the HTTP protocol itself (wrong media type, oversize body, bad JSON, no credentials). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  problems?: ProblemDetail[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://gongkai.dev/problems/';

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(problem),
  };
}

/**
 * Maps any thrown value to a problem in `locale` (the title, the detail and every problem's message,
 * through the catalogue of shared/i18n/messages.ts; machine fields unchanged); `internal` tells the
 * caller to log the cause.
 */
export function errorToProblem(
  error: unknown,
  requestId: string,
  locale: Locale = 'en',
): { problem: Problem; headers: Record<string, string>; internal: boolean } {
  const answer = englishProblem(error, requestId);
  if (locale === 'en') return answer;
  const { problem } = answer;
  const localized: Problem = { ...problem, title: translate(locale, problem.title) };
  if (problem.detail !== undefined) localized.detail = translate(locale, problem.detail);
  // A lifecycle rule carries its own message in both languages (the rules catalogue).
  const messages = (error as { messages?: { zh?: string; en?: string } } | undefined)?.messages;
  if (error instanceof IllegalActionError && messages?.[locale]) localized.detail = messages[locale];
  if (problem.problems) localized.problems = problem.problems.map((p) => ({ ...p, message: translate(locale, p.message) }));
  return { ...answer, problem: localized };
}

function englishProblem(error: unknown, requestId: string): { problem: Problem; headers: Record<string, string>; internal: boolean } {
  const base = { instance: `urn:request:${requestId}` };
  if (error instanceof ValidationError) {
    return {
      problem: { ...base, type: `${TYPE_BASE}validation`, title: 'Invalid request', status: 422, detail: error.message, problems: error.problems },
      headers: {},
      internal: false,
    };
  }
  if (error instanceof IllegalActionError) {
    return {
      problem: {
        ...base,
        type: `${TYPE_BASE}illegal-action`,
        title: 'Action not allowed',
        status: 422,
        detail: error.message,
        rule: error.rule,
        // The rule's article and its message in both languages (shared/domain/rules.ts), for the
        // Accept-Language negotiation to pick from.
        ...(error.citation === undefined ? {} : { citation: error.citation }),
        ...(error.messages === undefined ? {} : { messages: error.messages }),
      },
      headers: {},
      internal: false,
    };
  }
  if (error instanceof IdempotencyKeyReuseError) {
    return {
      problem: {
        ...base,
        type: `${TYPE_BASE}idempotency-key-reuse`,
        title: 'Idempotency-Key reused',
        status: 422,
        detail: error.message,
        problems: [{ path: ['headers', 'idempotency-key'], message: error.message }],
      },
      headers: {},
      internal: false,
    };
  }
  if (error instanceof ReportIdentityError) {
    return {
      problem: {
        ...base,
        type: `${TYPE_BASE}report-identities`,
        title: 'Report breaks its identities',
        status: 422,
        detail: error.message,
        violations: error.violations,
      },
      headers: {},
      internal: false,
    };
  }
  if (error instanceof NotFoundError) {
    return { problem: { ...base, type: `${TYPE_BASE}not-found`, title: 'Not found', status: 404, detail: error.message }, headers: {}, internal: false };
  }
  if (error instanceof VersionConflictError) {
    return {
      problem: { ...base, type: `${TYPE_BASE}version-conflict`, title: 'Version conflict', status: 409, detail: error.message, currentVersion: error.currentVersion },
      headers: {},
      internal: false,
    };
  }
  if (error instanceof TooManyRequestsError) {
    return {
      problem: { ...base, type: `${TYPE_BASE}too-many-requests`, title: 'Too many requests', status: 429, detail: error.message },
      headers: { 'retry-after': String(error.retryAfterSeconds) },
      internal: false,
    };
  }
  if (error instanceof ForbiddenError) {
    return { problem: { ...base, type: `${TYPE_BASE}forbidden`, title: 'Forbidden', status: 403, detail: error.message }, headers: {}, internal: false };
  }
  if (error instanceof HttpError) {
    return {
      problem: { ...base, type: `${TYPE_BASE}${slug(error.title)}`, title: error.title, status: error.status, detail: error.message },
      headers: error.headers,
      internal: false,
    };
  }
  if (error instanceof ServiceUnavailableError) {
    return {
      problem: { ...base, type: `${TYPE_BASE}unavailable`, title: 'Service unavailable', status: 503, detail: error.message, retryable: true },
      headers: { 'retry-after': String(error.retryAfterSeconds) },
      internal: true,
    };
  }
  return {
    problem: { ...base, type: `${TYPE_BASE}internal`, title: 'Internal error', status: 500, detail: 'Something went wrong on our side. The request id identifies it in our logs.' },
    headers: {},
    internal: true,
  };
}

function slug(title: string): string {
  return title.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-').replaceAll(/^-|-$/g, '');
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: string;
  values?: unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  input?: unknown;
  options?: unknown[];
}

/**
 * zod/mini carries no message catalogue ("Invalid input"), so the messages are written here, one per
 * issue kind, and every unknown key becomes its own problem with its own path.
 */
export function zodIssuesToProblems(issues: readonly ZodIssueLike[], prefix: (string | number)[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) problems.push({ path: [...path, key], message: 'is not a known field' });
      continue;
    }
    problems.push({ path, message: issueMessage(issue) });
  }
  return problems;
}

function issueMessage(issue: ZodIssueLike): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // Parsed with reportInput: a missing field is an issue without an input.
      return issue.input === undefined
        ? `is required (${article(issue.expected ?? 'value')})`
        : `must be ${article(issue.expected ?? 'value')}`;
    case 'invalid_union':
      return issue.options
        ? `must be one of: ${issue.options.map((v) => JSON.stringify(v)).join(', ')}`
        : 'does not match any allowed form';
    case 'invalid_value':
      return `must be one of: ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return `must be a valid ${issue.format ?? 'value'}`;
    default:
      return 'is not valid';
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Parses with a schema or throws ValidationError listing every problem under `prefix`. */
export function parseOrThrow<S extends ZodMiniType>(schema: S, value: unknown, prefix: (string | number)[]): import('zod/mini').infer<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(zodIssuesToProblems(result.error.issues, prefix));
}

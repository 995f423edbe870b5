/**
 * Domain errors. Each is a class with a stable `name`; the one error table in shared/http/problem.ts turns
 * them into RFC 9457 problem responses. Messages never carry personal data (DESIGN.md).
 */

/** One validation problem: where (a JSON-pointer-like path of keys) and what. */
export interface ProblemDetail {
  path: (string | number)[];
  message: string;
}

/** The request is well-formed JSON but breaks the contract (422), every problem listed. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly problems: ProblemDetail[],
    message = 'The request is not valid.',
  ) {
    super(message);
  }
}

/**
 * The action is illegal in the case's current state (422). `rule` is a stable id
 * (e.g. `extension.only_once`, an entry of shared/domain/rules.ts) and the message names the rule and its
 * legal source; `messages` holds it in Simplified Chinese and English, `citation` the article.
 */
export class IllegalActionError extends Error {
  override readonly name = 'IllegalActionError';
  readonly messages: { zh: string; en: string } | undefined;
  readonly citation: string | undefined;
  constructor(
    readonly rule: string,
    message: string,
    localized?: { messages: { zh: string; en: string }; citation: string },
  ) {
    super(message);
    this.messages = localized?.messages;
    this.citation = localized?.citation;
  }
}

/** Not found, or not visible to the caller (404; another tree's case is 404, never 403). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(message = 'Not found.') {
    super(message);
  }
}

/** The caller's `expectedVersion` is stale (409); carries the current version. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(readonly currentVersion: number) {
    super(`The case has changed: its current version is ${currentVersion}.`);
  }
}

/** An Idempotency-Key reused with a different request body (422). */
export class IdempotencyKeyReuseError extends Error {
  override readonly name = 'IdempotencyKeyReuseError';
  constructor() {
    super('This Idempotency-Key was already used with a different request body.');
  }
}

/** Authenticated but the route is not for the caller's roles (403), e.g. an officer loading a calendar. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(message = 'Forbidden.') {
    super(message);
  }
}

/** One broken identity of a year-end report: its number in DOMAIN.md §7, what failed, the cells involved. */
export interface IdentityViolationDetail {
  identity: number;
  message: string;
  cellIds: string[];
}

/**
 * A year-end report breaks identities of DOMAIN.md §7 (422): it is not published; the violations name
 * each identity and its cells.
 */
export class ReportIdentityError extends Error {
  override readonly name = 'ReportIdentityError';
  constructor(
    readonly violations: IdentityViolationDetail[],
    message: string,
  ) {
    super(message);
  }
}

/** Too many failed attempts from this client or on this application (429 with Retry-After). */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

/**
 * The application's errors, thrown by services and the store and turned into RFC 9457 problem responses
 * by the one error table (shared/http/problem.ts). They live here, not in shared/http, so that the store
 * and the services never import the HTTP edge (docs/architecture.md "Layers"); the domain's own errors
 * (ValidationError, IllegalActionError) are in shared/domain/errors.ts. Messages never carry personal data.
 */

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

/** One broken identity of a year-end report: its number in docs/domain.md §7, what failed, the cells involved. */
export interface IdentityViolationDetail {
  identity: number;
  message: string;
  cellIds: string[];
}

/**
 * A year-end report breaks identities of docs/domain.md §7 (422): it is not published; the violations name
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

/**
 * The store could not be reached in time, or is throttling: retry later (503 with Retry-After). Retrying
 * is safe on every route: reads change nothing; POST /applications and POST /cases are idempotent on their
 * Idempotency-Key or, without one, on their content for 24 hours (shared/services/new-case.ts); an action
 * carries the case version it expects (a second one that lands gets 409); PUTs replace.
 */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
  /**
   * `notWritten`: the store answered that nothing was written (a transaction cancelled by collisions); without
   * it the outcome is unknown (a timeout may come after the store kept the write).
   */
  constructor(
    readonly retryAfterSeconds = 2,
    readonly notWritten = false,
  ) {
    super(
      'The service is temporarily unavailable. Retrying after Retry-After seconds is safe: a request that was stored after all is not stored twice.',
    );
  }
}

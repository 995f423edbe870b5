/**
 * The domain's errors: a request that breaks the contract and an action the law does not allow. Each is a
 * class with a stable `name`; the one error table in shared/http/problem.ts turns them into RFC 9457
 * problem responses. The application's other errors (not found, conflicts, limits, an unavailable store)
 * are in shared/errors.ts. Messages never carry personal data (docs/architecture.md).
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

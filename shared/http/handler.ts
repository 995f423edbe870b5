/**
 * The middy stack every HTTP function uses: it parses and validates the API Gateway v2 event against the
 * route's schemas (content type, size, JSON, body, path, query, headers), reads the caller's JWT claims,
 * runs one call into shared/, and turns every error into problem+json through the one error table.
 * Structured JSON logs carry the request id, the route, the status and the latency — never a body or a
 * header value (personal data stays on the case item).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { infer as Infer, ZodMiniType } from 'zod/mini';
import type { ProblemDetail } from '../domain/errors.js';
import { ValidationError } from '../domain/errors.js';
import { contentLanguage, negotiateLocale, type Locale } from '../i18n/locale.js';
import { claimsToCaller } from './auth.js';
import { verifyOrigin } from './origin.js';
import { errorToProblem, HttpError, parseOrThrow, problemResponse } from './problem.js';
import type { ResponseName, ResponseSchemas } from './responses.js';
import type { RouteDefinition } from './routes.js';
import { requestStoreBudgetMs, storeDeadlineMs, withStoreBudget } from '../store/budget.js';
import { ForbiddenError, ServiceUnavailableError } from '../errors.js';
import type { Caller } from '../caller.js';
import { log } from '../log.js';
import { countMetrics, metricOfStatus } from '../metrics.js';

/** docs/architecture.md / issue 2: request bodies above 64 KiB are refused with 413 (locally and in AWS alike). */
export const MAX_BODY_BYTES = 64 * 1024;

type Params<R extends RouteDefinition> = R['params'] extends Record<string, ZodMiniType>
  ? { [K in keyof R['params']]: Infer<R['params'][K]> }
  : Record<string, never>;
type Headers<R extends RouteDefinition> = R['headers'] extends Record<string, ZodMiniType>
  ? { [K in keyof R['headers']]?: Infer<R['headers'][K]> }
  : Record<string, never>;

export interface HttpRequest<R extends RouteDefinition> {
  route: R;
  body: R['body'] extends ZodMiniType ? Infer<R['body']> : undefined;
  query: R['query'] extends ZodMiniType ? Infer<R['query']> : undefined;
  params: Params<R>;
  headers: Headers<R>;
  /** The authenticated caller; undefined on public routes. */
  caller: R['auth'] extends 'public' ? undefined : Caller;
  requestId: string;
  /** The time of the request (one clock reading per request). */
  now: Date;
  /** The language of the answer's human texts, from Accept-Language (zh unless English is preferred). */
  locale: Locale;
  event: APIGatewayProxyEventV2;
}

export interface HttpResult<B = unknown> {
  status: number;
  body: B;
  headers?: Record<string, string>;
  /** Set by `text`: `body` is sent as it is (a CSV or HTML rendering), with its own content type. */
  raw?: { contentType: string; binary?: boolean };
}

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * What a route's handler may answer as JSON: the type of its success schema in the route table
 * (shared/http/responses.ts), readonly arrays and objects allowed. A service whose result drifts from the
 * schema does not compile. A file route (no JSON body) answers with `bytes` only.
 */
export type SuccessBody<R extends RouteDefinition> = R['success'] extends { body: infer N extends ResponseName }
  ? DeepReadonly<Infer<ResponseSchemas[N]>>
  : never;

export function json<B>(status: number, body: B, headers: Record<string, string> = {}): HttpResult<B> {
  return { status, body, headers };
}

/** A file (a DOCX document): the bytes, base64-encoded for API Gateway. */
export function bytes(status: number, body: Buffer, contentType: string, headers: Record<string, string> = {}): HttpResult<never> {
  return { status, body: body as never, headers, raw: { contentType, binary: true } };
}

/** A response that is not JSON (a report as CSV or HTML): the text as it is, with its content type. */
export function textResult(status: number, body: string, contentType: string, headers: Record<string, string> = {}): HttpResult<never> {
  return { status, body: body as never, headers, raw: { contentType } };
}

function bodyBytes(event: APIGatewayProxyEventV2): Buffer | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

function parseJsonBody(event: APIGatewayProxyEventV2): unknown {
  const raw = bodyBytes(event);
  if (raw && raw.length > MAX_BODY_BYTES) {
    throw new HttpError(413, 'Payload too large', `The request body may be at most ${MAX_BODY_BYTES} bytes.`);
  }
  const contentType = (event.headers['content-type'] ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0]?.trim();
  if (!raw || raw.length === 0) {
    throw new ValidationError([{ path: ['body'], message: 'is required (a JSON object)' }]);
  }
  if (mediaType !== 'application/json') {
    throw new HttpError(415, 'Unsupported media type', 'The request body must be application/json.', { accept: 'application/json' });
  }
  const charset = /charset=([^;]+)/.exec(contentType)?.[1]?.trim().replaceAll('"', '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, 'Unsupported media type', 'The request body must be encoded in UTF-8.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new HttpError(400, 'Bad request', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Bad request', 'The request body is not valid JSON.');
  }
}

function parseRequest<R extends RouteDefinition>(route: R, event: APIGatewayProxyEventV2, now: Date): HttpRequest<R> {
  const problems: ProblemDetail[] = [];
  const collect = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ValidationError) {
        problems.push(...error.problems);
        return undefined;
      }
      throw error;
    }
  };
  const caller = route.auth === 'public' ? undefined : authorize(route, event);

  const params: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(route.params ?? {})) {
    params[name] = collect(() => parseOrThrow(schema, event.pathParameters?.[name], ['params', name]));
  }
  const headers: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(route.headers ?? {})) {
    const value = event.headers[name];
    if (value !== undefined) headers[name] = collect(() => parseOrThrow(schema, value, ['headers', name]));
  }
  const query = route.query
    ? collect(() => parseOrThrow(route.query as ZodMiniType, { ...(event.queryStringParameters ?? {}) }, ['query']))
    : undefined;
  let body: unknown;
  if (route.body) {
    const parsed = parseJsonBody(event);
    body = collect(() => parseOrThrow(route.body as ZodMiniType, parsed, ['body']));
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return {
    route,
    body,
    query,
    params,
    headers,
    caller,
    requestId: event.requestContext.requestId,
    now,
    locale: localeOf(event),
    event,
  } as HttpRequest<R>;
}

function localeOf(event: APIGatewayProxyEventV2 | undefined): Locale {
  return negotiateLocale(event?.headers?.['accept-language']);
}

function authorize(route: RouteDefinition, event: APIGatewayProxyEventV2): Caller {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const caller = claims ? claimsToCaller(claims) : undefined;
  if (!caller) {
    throw new HttpError(401, 'Unauthorized', 'A valid Bearer token is required.', { 'www-authenticate': 'Bearer' });
  }
  if (route.auth !== 'public' && !route.auth.roles.some((role) => caller.roles.includes(role))) {
    throw new ForbiddenError(`This route needs one of the roles: ${route.auth.roles.join(', ')}.`);
  }
  return caller;
}

function toResponse(result: HttpResult, locale: Locale, requestId: string): APIGatewayProxyStructuredResultV2 {
  const language = { 'content-language': contentLanguage(locale), vary: 'Accept-Language', 'x-request-id': requestId };
  if (result.raw?.binary) {
    return {
      statusCode: result.status,
      headers: { 'content-type': result.raw.contentType, 'cache-control': 'no-store', ...language, ...result.headers },
      body: (result.body as Buffer).toString('base64'),
      isBase64Encoded: true,
    };
  }
  if (result.raw !== undefined) {
    return {
      statusCode: result.status,
      headers: { 'content-type': result.raw.contentType, 'cache-control': 'no-store', ...language, ...result.headers },
      body: String(result.body),
    };
  }
  return {
    statusCode: result.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...language, ...result.headers },
    body: JSON.stringify(result.body),
  };
}

/** Builds the Lambda handler of one route. */
export function httpHandler<R extends RouteDefinition>(route: R, impl: (request: HttpRequest<R>) => Promise<HttpResult<SuccessBody<R>>>) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use({
      onError: async (request) => {
        // middy types the event of an error as `any` (it may have failed before parsing): read it as what it is.
        const event = request.event as APIGatewayProxyEventV2 | undefined;
        const context = request.context as Context | undefined;
        const requestId = event?.requestContext?.requestId ?? context?.awsRequestId ?? 'unknown';
        const locale = localeOf(event);
        const { problem, headers, internal } = errorToProblem(isMiddyTimeout(request.error) ? new ServiceUnavailableError() : request.error, requestId, locale);
        const metric = metricOfStatus(problem.status);
        if (metric) countMetrics({ [metric]: 1 }, { route: route.id });
        if (internal) {
          log.error('request failed', { route: route.id, requestId, status: problem.status, error: describeError(request.error) });
        } else {
          log.info('request', { route: route.id, requestId, status: problem.status });
        }
        request.response = problemResponse(problem, {
          'content-language': contentLanguage(locale),
          vary: 'Accept-Language',
          'x-request-id': requestId,
          ...headers,
        });
      },
    })
    .handler(async (event: APIGatewayProxyEventV2) => {
      const started = performance.now();
      // Behind the edge, a request that did not come through it is refused before anything is read.
      await verifyOrigin(event.headers ?? {});
      const request = parseRequest(route, event, new Date());
      const result = await withStoreBudget(route.storeBudgetMs ?? requestStoreBudgetMs(storeDeadlineMs()), () => impl(request));
      log.info('request', {
        route: route.id,
        requestId: request.requestId,
        status: result.status,
        ms: Math.round(performance.now() - started),
      });
      return toResponse(result, request.locale, request.requestId);
    });
}

/**
 * Middy's own timeout (the function is about to reach its time limit, @middy/core `timeoutEarlyInMillis`):
 * the store or a dependency was too slow, so the client is told to retry (503), not that we failed (500).
 */
function isMiddyTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError' && (error.cause as { package?: string } | undefined)?.package === '@middy/core';
}

/** The error's class and message and stack (our own messages hold no personal data). */
function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}

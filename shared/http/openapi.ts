/**
 * The OpenAPI 3.1 document, generated from the route table, its request schemas (schemas.ts) and its
 * response schemas (responses.ts) — the same zod schemas the handlers parse with and answer in
 * (docs/architecture.md: the CDK stack, the local server and the OpenAPI document come from one table, so they
 * cannot drift). Every status a route can answer is declared, each error with the one Problem schema;
 * the headers the API sets are declared where it sets them.
 */
import * as z from 'zod/mini';
import { applyRenderings } from './json-schema.js';
import { RESPONSES, responseSchemas, type ResponseName } from './responses.js';
import type { RouteDefinition, SuccessHeader } from './routes.js';

type JsonSchema = Record<string, unknown>;

/** The document's shape as the route table's success schema for GET /openapi.json says. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

const COMPONENTS = '#/components/schemas/';

function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: applyRenderings,
  }) as JsonSchema;
  return rest;
}

/** components.schemas: every named response schema, nested ones by `$ref`. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(responseSchemas, {
    io: 'output',
    unrepresentable: 'any',
    override: applyRenderings,
    uri: (id) => `${COMPONENTS}${id}`,
  });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
    out[id] = rest;
  }
  return out;
}

function ref(id: string): { $ref: string } {
  if (!id) throw new RangeError('a schema without a name');
  return { $ref: `${COMPONENTS}${id}` };
}

/** The component of a route's answer: the name the route table gives, registered under that name. */
function componentIdOf(name: ResponseName): string {
  const id = responseSchemas.get(RESPONSES[name])?.id;
  if (id !== name) throw new RangeError(`A route answers ${name}, which shared/http/responses.ts does not register under that name.`);
  return id;
}

/** Response headers, under components.headers. */
const HEADERS: Record<string, JsonSchema> = {
  RequestId: {
    description: 'The id of this request (the `instance` of a problem is `urn:request:<id>`): quote it when reporting a problem.',
    schema: { type: 'string', maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
  },
  RetryAfter: {
    description: 'Seconds to wait before retrying. Retrying is safe on every route (docs/api.md).',
    required: true,
    schema: { type: 'integer', minimum: 0, maximum: 86400 },
  },
  ContentLanguage: {
    description: 'The language of the answer’s human texts, from Accept-Language: `zh-CN` (default) or `en`.',
    schema: { type: 'string', enum: ['zh-CN', 'en'] },
  },
  Location: {
    description: 'Where the created resource is read (a path of this API).',
    required: true,
    schema: { type: 'string', maxLength: 2048, pattern: '^/' },
  },
  ContentDisposition: {
    description:
      'A report as CSV or HTML: `attachment; filename="<year>-<template>-<scope>-<agency>.<format>"`; a written notice: `attachment; filename="<document id>.<docx|html>"`.',
    schema: { type: 'string', maxLength: 256, pattern: '^attachment; filename="[^"]+"$' },
  },
  ContentSha256: {
    description:
      'A written notice’s file: the SHA-256 (hex) of the bytes sent, recorded when the file was stored. For the printable HTML it equals the hash in the issuing event, so the applicant and a court can check the copy they hold.',
    required: true,
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$', minLength: 64, maxLength: 64 },
  },
  ReportPublished: {
    description: '`true` for the published report, `false` for one generated now and not stored.',
    required: true,
    schema: { type: 'string', enum: ['true', 'false'] },
  },
  WwwAuthenticate: {
    description: 'The authentication scheme to use.',
    required: true,
    schema: { type: 'string', enum: ['Bearer'] },
  },
  'Access-Control-Allow-Origin': {
    description:
      'Present when the deployment allows other origins (the stack’s `corsOrigins`: the origins of the web form and the officers’ app); absent otherwise, and browsers on other origins are refused.',
    schema: { type: 'string', maxLength: 2048, pattern: '^\\S+$' },
  },
  Accept: {
    description: 'The media type the request body must have.',
    schema: { type: 'string', enum: ['application/json'] },
  },
};

const SUCCESS_HEADERS: Record<SuccessHeader, { name: string; component: string }> = {
  location: { name: 'Location', component: 'Location' },
  'content-disposition': { name: 'Content-Disposition', component: 'ContentDisposition' },
  'x-report-published': { name: 'X-Report-Published', component: 'ReportPublished' },
  'x-content-sha256': { name: 'X-Content-SHA256', component: 'ContentSha256' },
};

function header(component: string): { $ref: string } {
  return { $ref: `#/components/headers/${component}` };
}

const COMMON_HEADERS = {
  'X-Request-Id': header('RequestId'),
  'Content-Language': header('ContentLanguage'),
  'Access-Control-Allow-Origin': header('Access-Control-Allow-Origin'),
};

/** Every error status with its meaning and the headers it carries besides the common ones. */
const ERRORS: Record<number, { description: string; headers?: Record<string, { $ref: string }> }> = {
  400: { description: 'The body is not valid JSON, or not UTF-8.' },
  401: { description: 'No valid Bearer token.', headers: { 'WWW-Authenticate': header('WwwAuthenticate') } },
  403: {
    description:
      'The token’s roles or agency do not allow this; or, behind the edge, the request did not come through it (shared/http/origin.ts).',
  },
  404: { description: 'Not found (or not visible to the caller).' },
  409: { description: 'The case changed since the version the request expects: `currentVersion` says which it is now.' },
  413: { description: 'The body is larger than 64 KiB (refused on every route, before the function runs).' },
  415: { description: 'The body is not `application/json` in UTF-8.', headers: { Accept: header('Accept') } },
  422: {
    description:
      'Invalid request: every problem with its `path` (`params`, `query`, `headers` or `body`, then the field). Illegal case actions name the rule and its article.',
  },
  429: { description: 'Too many requests from this client or on this application: retry after `Retry-After` seconds.', headers: { 'Retry-After': header('RetryAfter') } },
  500: { description: 'Something went wrong on our side; `instance` identifies it in the logs.' },
  503: {
    description: 'The store did not answer in time (within 7 s): retry after `Retry-After` seconds; retrying is safe (`retryable: true`).',
    headers: { 'Retry-After': header('RetryAfter') },
  },
};

/**
 * The error statuses a route can answer: by its kind (input, body, token) and as the route table adds.
 * (A gateway in front may answer others, such as 404 and 405 for a path or method no route has.)
 */
export function errorStatuses(route: RouteDefinition): number[] {
  // 403 on every route: a deployment behind the edge refuses a request that went around it; 413: a body
  // past 64 KiB is refused whatever the route (infra/local/server.ts, as the gateway does).
  const statuses = new Set<number>([403, 413, 429, 500, 503]);
  if (route.params || route.query || route.body || route.headers) statuses.add(422);
  if (route.body) [400, 415].forEach((s) => statuses.add(s));
  if (route.auth !== 'public') statuses.add(401);
  for (const status of route.errors ?? []) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

function tagOf(route: RouteDefinition): string {
  const first = route.path.split('/')[1] ?? '';
  if (first === 'public') return 'agencies';
  if (first === 'audit') return 'cases';
  if (first === 'openapi.json') return 'contract';
  return first;
}

const TAGS = [
  { name: 'applications', description: 'The public online form and the applicant’s status view (no token).' },
  { name: 'cases', description: 'Officers register cases, act on them and read them; supervisors audit personal-data reads.' },
  { name: 'calendar', description: 'The working-day calendar: national holidays and make-up working days, regional overrides.' },
  { name: 'agencies', description: 'The agency trees of the tenants; the public list for the online form.' },
  { name: 'reports', description: 'The year-end statistics in the national formats.' },
  { name: 'contract', description: 'This document.' },
];

const INT32 = 2 ** 31;

/**
 * Every integer schema gets its `format`: `int32` when its bounds fit, else `int64` (zod's integers are
 * JavaScript's safe integers, within int64).
 */
function withIntegerFormats<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(withIntegerFormats);
  else if (node !== null && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    if (schema.type === 'integer' && schema.format === undefined) {
      const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
      schema.format = minimum !== undefined && maximum !== undefined && minimum >= -INT32 && maximum < INT32 ? 'int32' : 'int64';
    }
    Object.values(schema).forEach(withIntegerFormats);
  }
  return node;
}

export function openApiDocument(routes: RouteDefinition[], serverUrl = '/'): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const [name, schema] of Object.entries(route.params ?? {})) {
      parameters.push({ name, in: 'path', required: true, schema: schemaOf(schema) });
    }
    for (const [name, schema] of Object.entries(route.headers ?? {})) {
      parameters.push({ name, in: 'header', required: false, schema: schemaOf(schema) });
    }
    if (route.query) {
      const query = schemaOf(route.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
      }
    }
    const successHeaders: Record<string, unknown> = { ...COMMON_HEADERS };
    for (const name of route.success.headers ?? []) {
      const { name: headerName, component } = SUCCESS_HEADERS[name];
      // Content-Disposition comes with the CSV and HTML answers only.
      successHeaders[headerName] = header(component);
    }
    const content: Record<string, unknown> = {};
    if ('files' in route.success) {
      // A file: the DOCX's bytes or the printable HTML (a notice is a few pages: well under 10 MiB).
      for (const mediaType of route.success.files) {
        content[mediaType] = { schema: { type: 'string', maxLength: 10_485_760, ...(mediaType === 'text/html' ? {} : { contentMediaType: mediaType }) } };
      }
    } else {
      content['application/json'] = { schema: ref(componentIdOf(route.success.body)) };
      for (const mediaType of route.success.textMediaTypes ?? []) content[mediaType] = { schema: { type: 'string', maxLength: 1_048_576 } };
    }
    const responses: Record<string, unknown> = {
      [route.success.status]: { description: route.success.description, headers: successHeaders, content },
    };
    for (const status of errorStatuses(route)) {
      const error = ERRORS[status]!;
      responses[status] = {
        description: error.description,
        headers: { ...COMMON_HEADERS, ...error.headers },
        content: { 'application/problem+json': { schema: ref('Problem') } },
      };
    }
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: route.id,
        summary: route.summary,
        tags: [tagOf(route)],
        ...(route.auth === 'public' ? { security: [] } : { security: [{ bearer: [] }], 'x-roles': route.auth.roles }),
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } } : {}),
        responses,
      },
    };
  }
  return withIntegerFormats({
    openapi: '3.1.0',
    info: {
      title: 'Gongkai (公开) API',
      version: '1',
      description:
        'Applications for government information disclosure (政府信息公开申请): the public form, case management, deadlines and year-end statistics. Failure and retries: docs/api.md.',
    },
    // Not internal: the public form's routes are on the internet (x-internal, OWASP API9 inventory).
    servers: [{ url: serverUrl, description: 'The origin that serves this document: production, or the local stack of `npm start`.', 'x-internal': false }],
    tags: TAGS,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT of the identity provider, following RFC8725 (JWT best current practices): signed with the provider’s asymmetric key (`alg: none` and any other key refused), its issuer, audience and expiry checked by the API Gateway JWT authorizer (locally: ES256 with the local key); the roles in its groups claim.',
        },
      },
      schemas: componentSchemas(),
      headers: HEADERS,
    },
    paths,
  });
}

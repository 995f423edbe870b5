/**
 * Every answer of the end-to-end tests checked against the OpenAPI document the stack serves
 * (GET /openapi.json), by openapi-backend (an independent, maintained OpenAPI 3.1 library) on Ajv's
 * JSON Schema 2020-12 dialect with its formats: the operation is matched from the method and path, then
 * the body is validated against the schema of the answered status and the headers against that status's
 * header schemas. Around it, only what the library leaves to its user: that the status and the media type
 * are declared at all, and that the headers marked `required` are there. A drift between what the
 * handlers answer and what the document says fails the test file (tests/helpers/stack.ts).
 *
 * openapi-backend validates `application/json` bodies only: for the check, each response's
 * `application/problem+json` schema is also given as its `application/json` one (the document itself is
 * not changed); CSV and HTML answers are checked for their declared media type.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document } from 'openapi-backend';

export interface Exchange {
  method: string;
  /** The request's path and query. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface ResponseObject {
  content?: Record<string, unknown>;
  headers?: Record<string, { required?: boolean }>;
}

export interface ContractChecker {
  check(exchange: Exchange): string[];
  /** How many answers were checked against an operation. */
  checked(): number;
}

/** The routes the local server answers that are not operations of the API (the local sign-in, the pages). */
function isOperationPath(path: string): boolean {
  return !path.startsWith('/auth/');
}

export async function contractChecker(document: Record<string, unknown>): Promise<ContractChecker> {
  const definition = structuredClone(document) as { paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>> };
  for (const operations of Object.values(definition.paths)) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation.responses ?? {})) {
        const problem = response.content?.['application/problem+json'];
        if (problem && !response.content?.['application/json']) response.content!['application/json'] = problem;
      }
    }
  }
  const api = new OpenAPIBackend({
    definition: definition as unknown as Document,
    // Its own check of the document is against the OpenAPI 3.0 schema (it refuses 3.1's `const`, type
    // arrays…): skipped here; the document is checked by Redocly and Spectral (tests/unit/http/openapi-lint.test.ts).
    quick: true,
    // `/cases/` is not `/cases`: the server answers it 404 as no route's.
    ignoreTrailingSlashes: false,
    strict: true,
    validate: true,
    customizeAjv: (_ajv, options) => {
      const ajv = new Ajv2020({ ...options, strict: false, allErrors: true });
      addFormats(ajv);
      return ajv;
    },
  });
  await api.init();
  let count = 0;
  return {
    checked: () => count,
    check(exchange) {
      const url = new URL(exchange.url, 'http://localhost');
      if (!isOperationPath(url.pathname)) return [];
      const operation = api.router.matchOperation({ method: exchange.method, path: url.pathname, headers: {} });
      // A path or method no operation has (the server's own 404 and 405, a page): not an operation's answer.
      if (!operation) return [];
      count++;
      const where = `${exchange.method} ${url.pathname} → ${exchange.status}`;
      const declared = (operation.responses ?? {}) as Record<string, ResponseObject>;
      const response = declared[String(exchange.status)];
      if (!response) return [`${where}: status not declared for ${operation.operationId}`];
      const mediaType = (exchange.headers['content-type'] ?? '').split(';')[0]!.trim();
      const original = document as typeof definition;
      const originalContent = original.paths[operation.path]?.[operation.method]?.responses?.[String(exchange.status)]?.content ?? {};
      if (!(mediaType in originalContent)) return [`${where}: media type ${mediaType || '(none)'} not declared`];
      const problems: string[] = [];
      for (const [name, spec] of Object.entries(response.headers ?? {})) {
        if (spec.required && exchange.headers[name.toLowerCase()] === undefined) problems.push(`${where}: required header ${name} missing`);
      }
      const headers = api.validator.validateResponseHeaders(exchange.headers, operation, { statusCode: exchange.status });
      for (const error of headers.errors ?? []) problems.push(`${where}: header ${error.instancePath} ${error.message}`);
      if (mediaType.endsWith('json')) {
        let body: unknown;
        try {
          body = JSON.parse(exchange.body);
        } catch {
          return [...problems, `${where}: body is not JSON`];
        }
        const result = api.validator.validateResponse(body, operation, exchange.status);
        for (const error of result.errors ?? []) {
          problems.push(`${where}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
        }
      }
      return problems;
    },
  };
}

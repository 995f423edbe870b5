/**
 * What the OpenAPI document says of the answers and the constraints (issue 10 item 3), read from the
 * document itself; tests/e2e/contract.test.ts checks the real answers against it.
 */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../shared/http/openapi.js';
import { routeList } from '../../../shared/http/routes.js';

type Json = Record<string, any>;
const document = openApiDocument(routeList) as Json;
const operations: [string, string, Json][] = Object.entries(document.paths as Json).flatMap(([path, methods]) =>
  Object.entries(methods as Json).map(([method, operation]) => [path, method, operation as Json] as [string, string, Json]),
);
const parameter = (path: string, method: string, name: string) =>
  (document.paths[path][method].parameters as Json[]).find((p) => p.name === name)!;

describe('the OpenAPI document', () => {
  it('has every route, a server, and one Problem schema that every error refers to', () => {
    expect(operations).toHaveLength(routeList.length);
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(document.components.schemas.Problem.required).toEqual(['type', 'title', 'status']);
    for (const [path, method, operation] of operations) {
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        if (Number(status) < 400) continue;
        expect(response.content, `${method} ${path} ${status}`).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
      }
    }
    // No inlined problem anywhere: `problems` (the list of {path, message}) appears once, in Problem.
    expect(JSON.stringify(document).match(/"problems":\{/g)).toHaveLength(1);
  });

  it('gives each success a named schema with no other properties, and every status a route can answer', () => {
    for (const [path, method, operation] of operations) {
      const route = routeList.find((r) => r.path === path && r.method.toLowerCase() === method)!;
      const success = operation.responses[String(route.success.status)];
      if ('files' in route.success) {
        // A written notice's file: its media types only, never JSON.
        expect(Object.keys(success.content), `${method} ${path}`).toEqual([...route.success.files]);
        continue;
      }
      const ref = success.content['application/json'].schema.$ref as string;
      const schema = document.components.schemas[ref.replace('#/components/schemas/', '')];
      expect(schema, `${method} ${path}`).toBeDefined();
      if (route.id !== 'OpenApi') expect(schema.additionalProperties, `${method} ${path}`).toBe(false);
      const statuses = Object.keys(operation.responses).map(Number);
      expect(statuses).toEqual(expect.arrayContaining([403, 413, 429, 500, 503]));
      if (route.auth !== 'public') expect(statuses).toContain(401);
      if (route.body) expect(statuses).toEqual(expect.arrayContaining([400, 415, 422]));
    }
    expect(Object.keys(document.paths['/cases/{id}/actions'].post.responses)).toEqual(expect.arrayContaining(['404', '409']));
  });

  it('declares the headers: Retry-After on 429 and 503, X-Request-Id, Location, Content-Disposition', () => {
    for (const [, , operation] of operations) {
      for (const status of ['429', '503']) expect(operation.responses[status].headers['Retry-After']).toEqual({ $ref: '#/components/headers/RetryAfter' });
      for (const response of Object.values(operation.responses as Json)) expect(response.headers['X-Request-Id']).toBeDefined();
    }
    expect(document.components.headers.RetryAfter.required).toBe(true);
    expect(document.paths['/applications'].post.responses['201'].headers.Location).toBeDefined();
    expect(document.paths['/cases'].post.responses['201'].headers.Location).toBeDefined();
    expect(document.paths['/reports/{year}'].get.responses['200'].headers['Content-Disposition']).toBeDefined();
  });

  it('answers a written notice as DOCX or HTML, with its SHA-256 and file name', () => {
    for (const path of ['/cases/{id}/documents/{documentId}', '/applications/{id}/documents/{documentId}']) {
      const ok = document.paths[path].get.responses['200'];
      expect(Object.keys(ok.content)).toEqual(['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/html']);
      expect(ok.headers['X-Content-SHA256']).toEqual({ $ref: '#/components/headers/ContentSha256' });
      expect(ok.headers['Content-Disposition']).toBeDefined();
      expect(document.paths[path].get.responses['404']).toBeDefined();
    }
    expect(document.components.headers.ContentSha256.schema.pattern).toBe('^[0-9a-f]{64}$');
    expect(parameter('/cases/{id}/documents/{documentId}', 'get', 'documentId').schema).toMatchObject({ maxLength: 26 });
  });

  it('answers reports as JSON, CSV and HTML', () => {
    expect(Object.keys(document.paths['/reports/{year}'].get.responses['200'].content)).toEqual(['application/json', 'text/csv', 'text/html']);
  });

  it('states the constraints the server applies: ids, limit, dates, the contact rule', () => {
    expect(parameter('/applications/{id}', 'get', 'id').schema.pattern).toBe('^[0-9A-HJKMNP-TV-Z]{26}$');
    expect(parameter('/cases/{id}', 'get', 'id').schema).toMatchObject({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', maxLength: 26 });
    expect(parameter('/cases', 'get', 'limit').schema).toEqual({ type: 'integer', minimum: 1, maximum: 100, default: 50, format: 'int32' });
    expect(parameter('/reports/{year}/cells/{cellId}', 'get', 'limit').schema).toMatchObject({ minimum: 1, maximum: 10000, default: 1000 });
    expect(parameter('/cases', 'get', 'dueBefore').schema).toMatchObject({ type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    const applicant = document.paths['/applications'].post.requestBody.content['application/json'].schema.properties.applicant;
    expect(applicant.allOf[0]).toEqual({ anyOf: [{ required: ['phone'] }, { required: ['email'] }, { required: ['address'] }] });
    expect(applicant.allOf[1].then.required).toEqual(['organizationType']);
    expect(applicant.properties.name.pattern).toBeDefined();
  });
});

/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas (docs/architecture.md: the CDK
 * stack, the local server and the OpenAPI document come from one table, so they cannot drift).
 */
import * as z from 'zod/mini';
import type { RouteDefinition } from './routes.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const problem = {
  description: 'An RFC 9457 problem',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          rule: { type: 'string', description: 'For 422 illegal actions: the rule that forbids it (the rules catalogue id).' },
          citation: { type: 'string', description: 'For 422 illegal actions: the article the rule rests on.' },
          messages: {
            type: 'object',
            description: 'For 422 illegal actions: the rule’s message in Simplified Chinese (zh) and English (en).',
            required: ['zh', 'en'],
            properties: { zh: { type: 'string' }, en: { type: 'string' } },
          },
          currentVersion: { type: 'integer', description: 'For 409: the case version now.' },
          problems: {
            type: 'array',
            items: {
              type: 'object',
              required: ['path', 'message'],
              properties: { path: { type: 'array', items: { type: ['string', 'integer'] } }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};

export function openApiDocument(routes: RouteDefinition[], serverUrl?: string): Record<string, unknown> {
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
    const responses: Record<string, unknown> = {
      [route.success.status]: { description: route.success.description, content: { 'application/json': { schema: {} } } },
      '4XX': problem,
      '5XX': problem,
    };
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: route.id,
        summary: route.summary,
        ...(route.auth === 'public' ? { security: [] } : { security: [{ bearer: [] }], 'x-roles': route.auth.roles }),
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gongkai (公开) API',
      version: '1',
      description: 'Applications for government information disclosure (政府信息公开申请): the public form, case management, deadlines and year-end statistics.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  };
}

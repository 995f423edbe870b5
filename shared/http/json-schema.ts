/**
 * What a zod schema cannot say by itself in JSON Schema, said once next to the schema: `jsonSchemaOf`
 * replaces the rendering of a schema whose runtime form differs from its wire form (a query parameter
 * arrives as a string and is read as a bounded integer; the public application id is matched in the
 * service, not refused by the schema), `extraKeywordsOf` adds keywords to the rendering (a refinement
 * such as "at least one contact" as `anyOf`). The OpenAPI document (openapi.ts) applies both; nothing
 * at run time reads them.
 */
import * as z from 'zod/mini';

type JsonSchema = Record<string, unknown>;

/** The schema's JSON Schema in place of the generated one. */
export const jsonSchemaOf = z.registry<{ jsonSchema: JsonSchema }>();
/** Keywords merged into the generated JSON Schema. */
export const extraKeywordsOf = z.registry<{ keywords: JsonSchema }>();

/** Registers `jsonSchema` as the rendering of `schema` and returns the schema. */
export function renderedAs<S extends z.ZodMiniType>(schema: S, jsonSchema: JsonSchema): S {
  jsonSchemaOf.add(schema, { jsonSchema });
  return schema;
}

/** Registers keywords to add to the rendering of `schema` and returns the schema. */
export function withKeywords<S extends z.ZodMiniType>(schema: S, keywords: JsonSchema): S {
  extraKeywordsOf.add(schema, { keywords });
  return schema;
}

/** The `override` of z.toJSONSchema that applies both registries. */
export function applyRenderings(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const zodSchema = ctx.zodSchema as z.ZodMiniType;
  const replacement = jsonSchemaOf.get(zodSchema)?.jsonSchema;
  if (replacement) {
    for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
    Object.assign(ctx.jsonSchema, structuredClone(replacement));
  }
  const keywords = extraKeywordsOf.get(zodSchema)?.keywords;
  if (keywords) Object.assign(ctx.jsonSchema, structuredClone(keywords));
}

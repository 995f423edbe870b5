/**
 * fast-check arbitraries for hostile HTTP requests, derived from the route table (tests/resilience):
 * request parts generated from each route's zod schemas (through their JSON Schema, the same one the
 * OpenAPI document publishes) and from well beyond them — wrong types, huge strings, deep nesting,
 * prototype keys, invalid UTF-8, control characters, lone surrogates, emoji and mixed scripts, expression
 * injection, wrong content types, random path parameters, query strings and headers.
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import type { RouteDefinition } from '../../shared/http/routes.js';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/** The request schema of a route part as JSON Schema (input side: what a client sends). */
export function jsonSchemaOf(schema: z.ZodMiniType): JsonSchema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema & { $schema?: string };
  return rest;
}

/** Known-good values by field name, mixed in so that generated requests reach past the first check. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** A value the schema accepts (mostly: refinements such as "a real calendar date" are not in the JSON Schema). */
export function fromSchema(schema: JsonSchema, hints: Hints = {}, name?: string): fc.Arbitrary<unknown> {
  const base = plainFromSchema(schema, hints);
  const hint = name !== undefined ? hints[name] : undefined;
  return hint ? fc.oneof({ arbitrary: hint, weight: 3 }, { arbitrary: base, weight: 1 }) : base;
}

function plainFromSchema(schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((c) => fromSchema(c, hints)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'string': {
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.pattern) {
        const max = schema.maxLength ?? 300;
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max);
      }
      return fc.string({ unit: 'grapheme', minLength: Math.max(1, schema.minLength ?? 0), maxLength: Math.min(schema.maxLength ?? 40, 40) });
    }
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1000, 1e9) });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}, hints), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'object': {
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) model[key] = fromSchema(property, hints, key);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ---- Hostile values ---------------------------------------------------------------------------------

/** DynamoDB expression syntax and other injection attempts: must be refused or stored as plain text. */
export const INJECTIONS = [
  '#pk',
  ':v',
  ') OR attribute_exists(PK',
  'x) OR (attribute_exists(PK)',
  'SET x = :y',
  'REMOVE #version',
  '#version = :expected OR 1=1',
  'CASE#01KDVDNA00AAAAAAAAAAAAAAAA',
  'AGENCY#jz#OPEN',
  '" OR ""="',
  "'; DROP TABLE gongkai; --",
  '${jndi:ldap://127.0.0.1/x}',
  '../../../etc/passwd',
  '{"$ne":null}',
];

export const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'PK', 'SK', 'version', 'entity'];

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83dz', '\udc00\ud800'];
const CONTROLS = ['\u0000', 'a\u0000b', '\u0007', '\u001b[31mred', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e evil', '\u200b', '\ufeff', '\r\n', '\t'];
const SCRIPTS = ['👨‍👩‍👧‍👦', '🏳️‍🌈💥', '𠮷野家', 'Ελληνικά עברית العربية 中文 日本語 한국어', 'Z̴̡̢͎a̷l̸g̵o̶', 'ﷺ', 'İıŞş', '\u{10ffff}'];

/** Strings from hostile to huge: past 64 KiB once serialised (413), and just under it. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...INJECTIONS),
    fc.constantFrom(...LONE_SURROGATES),
    fc.constantFrom(...CONTROLS),
    fc.constantFrom(...SCRIPTS),
    fc.constantFrom('', ' ', '   ', 'null', 'undefined', 'true', '0', '-1', '1e400', 'NaN', '[]', '{}', '%00', '%', '%zz', '\\', '"'),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 }),
    fc.constantFrom(70_000, 66_000, 60_000, 5_001, 1_001).chain((n) => fc.constantFrom('a', '信', '😀').map((c) => c.repeat(n))),
  );
}

/** A value of any JSON type, hostile where it can be. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: hostileString(), weight: 4 },
    fc.constantFrom(0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 4294967296),
    fc.boolean(),
    fc.constant(null),
    fc.constant([]),
    fc.constant({}),
    fc.jsonValue({ maxDepth: 3 }),
    fc.integer({ min: 1, max: 400 }).map((depth) => deepArray(depth)),
    fc.constantFrom(...SPECIAL_KEYS).map((key) => withOwnKey({}, key, { polluted: 'yes', isAdmin: true })),
  );
}

function deepArray(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** An object with an own enumerable key — even `__proto__` — so that JSON.stringify sends it. */
export function withOwnKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Every path to a value inside `value` (the root included). */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === 'object') {
    const copy = {};
    for (const [k, v] of Object.entries(value)) withOwnKey(copy, k, clone(v));
    return copy;
  }
  return value;
}

/** `value` with one part replaced, one key added (prototype keys included) or one key removed. */
export function mutated(value: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(fc.nat(), fc.constantFrom('replace', 'add', 'remove'), hostileValue(), fc.oneof(fc.constantFrom(...SPECIAL_KEYS), fc.string({ maxLength: 12 }))).map(
    ([pick, how, hostile, key]) => {
      const copy = clone(value);
      const paths = pathsOf(copy);
      const path = paths[pick % paths.length]!;
      if (path.length === 0) return how === 'replace' ? hostile : copy;
      const parent = path.slice(0, -1).reduce<any>((node, step) => node[step], copy);
      const last = path.at(-1)!;
      if (how === 'replace') withOwnKey(parent, String(last), hostile);
      else if (how === 'remove' && !Array.isArray(parent)) delete parent[last];
      else if (parent && typeof parent === 'object' && !Array.isArray(parent)) withOwnKey(parent, key, hostile);
      else withOwnKey(parent, String(last), hostile);
      return copy;
    },
  );
}

// ---- Whole requests ---------------------------------------------------------------------------------

export interface RawRequest {
  method: string;
  /** Path and query, ASCII (percent-encoded where needed) or with raw latin-1 bytes. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the generator meant to exercise (in failure reports). */
  note: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json;;;',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/problem+json',
  'application/jsonp',
  '',
  '*/*',
];

/** Bodies that are not (valid UTF-8) JSON, or are at or past the size limit. */
export function rawBody(valid: unknown): fc.Arbitrary<{ bytes: Buffer; note: string }> {
  const json = JSON.stringify(valid) ?? 'null';
  return fc.oneof(
    fc.uint8Array({ maxLength: 512 }).map((b) => ({ bytes: Buffer.from(b), note: 'random bytes' })),
    fc.constantFrom(
      [0xff, 0xfe, 0xfd],
      [0xc0, 0xaf],
      [0xe4, 0xbd],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ).map((bad) => ({
      bytes: Buffer.concat([Buffer.from('{"agencyId":"'), Buffer.from(bad), Buffer.from('","applicant":{"name":"'), Buffer.from(bad), Buffer.from('"}}')]),
      note: `invalid UTF-8 ${bad.map((b) => b.toString(16)).join(' ')}`,
    })),
    fc.nat().map((n) => ({ bytes: Buffer.from(json.slice(0, n % Math.max(json.length, 1))), note: 'truncated JSON' })),
    fc.constantFrom(
      `\ufeff${json}`,
      `${json} trailing`,
      `${json}${json}`,
      json.replaceAll('"', "'"),
      `/* comment */ ${json}`,
      '{"a": NaN}',
      '{"a": Infinity}',
      '{"a": 1,}',
      '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      'null',
      'true',
      '"just a string"',
      '[]',
      '123',
    ).map((text) => ({ bytes: Buffer.from(text, 'utf8'), note: 'malformed or unexpected JSON' })),
    fc.constantFrom(1_000, 20_000, 32_000).map((depth) => ({ bytes: Buffer.from('['.repeat(depth) + ']'.repeat(depth)), note: `nesting ${depth} deep` })),
    fc.constantFrom(1_000, 20_000).map((depth) => ({ bytes: Buffer.from('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)), note: `objects ${depth} deep` })),
    fc.constantFrom(64 * 1024, 64 * 1024 + 1, 200 * 1024).map((size) => ({
      bytes: Buffer.from(`{"pad":"${'x'.repeat(Math.max(0, size - 10))}"}`.slice(0, size)),
      note: `${size} bytes`,
    })),
    fc.constant({ bytes: Buffer.alloc(0), note: 'empty' }),
  );
}

/** Extra request headers: mostly harmless names with hostile (but transmittable) values. */
export function randomHeaders(): fc.Arbitrary<Record<string, string>> {
  const name = fc.oneof(
    fc.constantFrom('x-forwarded-for', 'x-amz-target', 'x-http-method-override', 'origin', 'cookie', 'accept', 'accept-charset', 'x-request-id', 'x-query-code', 'idempotency-key', 'if-match', 'range', '__proto__', 'constructor'),
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  );
  const value = fc.oneof(
    fc.constantFrom(...INJECTIONS),
    fc.string({ unit: 'binary-ascii', maxLength: 80 }).map((s) => s.replaceAll(/[^\t\x20-\x7e]/g, '')),
    fc.constantFrom('127.0.0.1', '::1', '10.0.0.1, 127.0.0.1', 'GET', '*', 'bytes=0-1', 'a'.repeat(4000)),
  );
  return fc.dictionary(name, value, { maxKeys: 3 });
}

/** A path parameter: from the schema, a known-good value, or something hostile (percent-encoded, or raw). */
export function pathParameter(schema: z.ZodMiniType, hint: fc.Arbitrary<string> | undefined): fc.Arbitrary<string> {
  const fromJson = fromSchema(jsonSchemaOf(schema)).map(String);
  const hostile = hostileString().filter((s) => s.length < 2000);
  return fc.oneof(
    { arbitrary: (hint ?? fromJson).map(encodeSegment), weight: 4 },
    { arbitrary: fromJson.map(encodeSegment), weight: 2 },
    { arbitrary: hostile.map(encodeSegment), weight: 3 },
    { arbitrary: fc.constantFrom('%', '%zz', '%E4%BD', '%ED%A0%80', '%00', '..', '.', '%2F', '%2e%2e', 'a%2Fb', '\u00ff\u00e9'), weight: 1 },
  );
}

/** Percent-encodes a segment; a lone surrogate (which encodeURIComponent refuses) as its CESU-8 bytes. */
export function encodeSegment(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** A query string: from the route's query schema, with hostile values and unknown or prototype keys, or raw junk. */
export function queryString(route: RouteDefinition, hints: Hints): fc.Arbitrary<string> {
  const known = route.query ? fromSchema(jsonSchemaOf(route.query), hints) : fc.constant({});
  const entries = known.chain((valid) =>
    fc.oneof(
      { arbitrary: fc.constant(valid), weight: 3 },
      { arbitrary: mutated(valid), weight: 3 },
    ),
  );
  const encoded = entries.map((value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return `q=${encodeSegment(String(JSON.stringify(value)))}`;
    return Object.entries(value)
      .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`)
      .join('&');
  });
  return fc.oneof(
    { arbitrary: encoded, weight: 6 },
    { arbitrary: fc.constantFrom('', '&', '=', '&&=&', 'a=1&a=2', 'limit=1&limit=2', '%', '%zz=%zz', 'status=%ED%A0%80', '__proto__=x', 'constructor=x', 'x'.repeat(3000)), weight: 2 },
  );
}

/** Applies JSON.stringify, keeping lone surrogates as `\\ud800` escapes (as JSON.stringify does). */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
}

export { CONTENT_TYPES };

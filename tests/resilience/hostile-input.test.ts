/**
 * Hostile input (issue 7) against the running local stack, for EVERY route of the route table (a new
 * route is covered without a line here):
 *
 * - forged JWTs on every officer route (alg none, another key, expired, not yet valid, another issuer or
 *   audience, a tampered payload, missing claims, unknown groups) → 401; another tree's valid token → its
 *   case is 404, its agency not known; nothing written;
 * - DynamoDB expression-injection attempts in every field that reaches the store (path parameters, query
 *   parameters, headers, every string of a request body) → refused (4xx) or stored as plain text;
 * - property-based fuzzing (fast-check): requests generated from each route's schemas and beyond them.
 *
 * Every answer must be < 500 and arrive in time; every 4xx must be problem+json with the status in its
 * body; a refused request stores nothing; a route touches the table only with the DynamoDB actions its
 * `tableAccess` grants in AWS (the IAM policy the CDK stack derives from the same field).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DeserializeMiddleware } from '@smithy/types';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { ephemeralKey, LOCAL_AUDIENCE, LOCAL_ISSUER, mintToken } from '../../infra/local/tokens.js';
import { beijingDate } from '../../shared/calendar/civil-date.js';
import { routeList, type RouteDefinition } from '../../shared/http/routes.js';
import { putAgency } from '../../shared/store/agencies.js';
import { db } from '../../shared/store/client.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import {
  CONTENT_TYPES,
  encodeSegment,
  fromSchema,
  hostileString,
  INJECTIONS,
  jsonBytes,
  jsonSchemaOf,
  mutated,
  pathParameter,
  queryString,
  randomHeaders,
  rawBody,
  type Hints,
  type RawRequest,
} from '../helpers/arbitraries.js';
import { callJson, countStoredItems, FULL, rawProblemDefect, Recorder, sendRaw, size, type RawAnswer } from '../helpers/resilience.js';
import { startTestStack } from '../helpers/stack.js';

vi.hoisted(() => {
  process.env.LOG_LEVEL ??= 'WARN';
});

let stack: LocalEnvironment;
let reportsFolder: string;
const tokens = { officer: '', supervisor: '', admin: '', otherTree: '' };
const known = { caseIds: [] as string[], applicationId: '', queryCode: '', cursor: '' };
const recorder = new Recorder();
/** The DynamoDB actions (x-amz-target) the handlers performed during the current request. */
let operations: string[] = [];

const OFFICER_ROUTES = routeList.filter((r) => r.auth !== 'public');
const today = () => beijingDate(new Date());
const lastYear = () => String(Number(today().slice(0, 4)) - 1);

beforeAll(async () => {
  reportsFolder = mkdtempSync(join(tmpdir(), 'gongkai-hostile-reports-'));
  process.env.REPORTS_DIR = reportsFolder;
  // The outbox is not polled: the poller's bookkeeping would move the item counts these tests compare.
  stack = await startTestStack({ pollOutbox: false });
  const now = new Date().toISOString();
  await putAgency(stack.db, { id: 'hz', name: '海州市人民政府', parentId: null, autoConfirmOnline: true, calendarRegion: null, updatedAt: now, updatedBy: 'test' });
  tokens.officer = await mintToken(stack.key, { sub: 'officer@jz-zjj', name: '江州 officer', agencyId: 'jz-zjj', roles: ['officer'] });
  tokens.supervisor = await mintToken(stack.key, { sub: 'supervisor@jz', name: '江州 supervisor', agencyId: 'jz', roles: ['supervisor'] });
  tokens.admin = await mintToken(stack.key, { sub: 'admin@jz', name: '江州 admin', agencyId: 'jz', roles: ['admin'] });
  tokens.otherTree = await mintToken(stack.key, { sub: 'all@hz', name: '海州', agencyId: 'hz', roles: ['officer', 'supervisor', 'admin'] });
  const { agencyId: _a, ...application } = naturalPersonApplication();
  for (let i = 0; i < 2; i++) {
    const created = await callJson(stack.url, 'POST', '/cases', { token: tokens.officer, body: { ...application, channel: 'mail', receivedDate: today() } });
    expect(created.status, created.text).toBe(201);
    known.caseIds.push(created.json.id);
  }
  const submitted = await callJson(stack.url, 'POST', '/applications', { body: naturalPersonApplication('jz-zjj') });
  expect(submitted.status, submitted.text).toBe(201);
  known.applicationId = submitted.json.id;
  known.queryCode = submitted.json.queryCode;
  known.caseIds.push(submitted.json.id);
  const page = await callJson(stack.url, 'GET', '/cases?status=all&limit=1', { token: tokens.officer });
  expect(page.status, page.text).toBe(200);
  known.cursor = page.json.cursor;

  // Record what the handlers ask of DynamoDB (they run in this process, on this client).
  const record: DeserializeMiddleware<any, any> = (next) => async (args) => {
    const target = (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target'];
    if (target) operations.push(target.replace(/^DynamoDB_\d+\./, ''));
    return next(args);
  };
  db().doc.middlewareStack.add(record, { step: 'deserialize', name: 'resilience-record-operations' });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  delete process.env.REPORTS_DIR;
  if (reportsFolder) rmSync(reportsFolder, { recursive: true, force: true });
  const f = recorder.figures();
  console.log(
    `hostile: ${f.requests} requests over ${routeList.length} routes, 2xx ${f.s2xx}, 4xx ${f.s4xx}, 5xx ${f.s5xx}, no answer ${f.none}, ` +
      `p50 ${Math.round(f.p50)} ms, p99 ${Math.round(f.p99)} ms, statuses ${Object.entries(recorder.byStatus()).map(([s, n]) => `${s}×${n}`).join(' ')}`,
  );
});

// ---- Sending and judging one request ------------------------------------------------------------------

function reportFiles(): number {
  let count = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else count++;
    }
  };
  walk(reportsFolder);
  return count;
}

/** The DynamoDB actions that the IAM policy of each `tableAccess` allows (infra/constructs/node-function.ts). */
const ALLOWED_OPERATIONS: Record<RouteDefinition['tableAccess'], string[]> = {
  none: [],
  read: ['GetItem', 'BatchGetItem', 'Query'],
  readwrite: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'TransactWriteItems'],
};

interface Verdict {
  answer: RawAnswer;
  defects: string[];
}

/**
 * Sends the request and lists what is wrong with what happened: a 5xx or no answer (a hang); a 4xx that is
 * not problem+json with its status; a refused request that stored something (items or report files); a
 * DynamoDB action outside the route's grant.
 */
async function judge(route: RouteDefinition, request: RawRequest): Promise<Verdict> {
  // A read-only route is held to its grant below (no write action at all), so counting is for writers.
  const writer = route.tableAccess === 'readwrite';
  const beforeItems = writer ? await countStoredItems(stack.db) : 0;
  const beforeFiles = route.reportBucket ? reportFiles() : 0;
  operations = [];
  const answer = await sendRaw(stack.url, request);
  const ops = operations;
  recorder.add(route.id, answer.status, answer.ms);
  const defects: string[] = [];
  if (answer.status === 0) defects.push(`no answer: ${answer.error}`);
  if (answer.status >= 500) defects.push(`${answer.status} ${answer.text.slice(0, 300)}`);
  if (answer.status >= 400) {
    const defect = rawProblemDefect(answer);
    if (defect) defects.push(`${answer.status} not problem+json: ${defect}`);
  }
  if (answer.status >= 200 && answer.status < 300 && String(answer.headers['content-type']).startsWith('application/json') && answer.json === undefined) {
    defects.push(`${answer.status} with a body that is not JSON`);
  }
  if (writer && (answer.status >= 400 || answer.status === 0)) {
    const afterItems = await countStoredItems(stack.db);
    if (afterItems !== beforeItems) defects.push(`refused (${answer.status}) but the table went from ${beforeItems} to ${afterItems} items`);
    if (route.reportBucket && reportFiles() !== beforeFiles) defects.push(`refused (${answer.status}) but report files were written`);
  }
  const outside = ops.filter((op) => !ALLOWED_OPERATIONS[route.tableAccess].includes(op));
  if (outside.length > 0) defects.push(`performed ${[...new Set(outside)].join(', ')}, which tableAccess '${route.tableAccess}' does not grant in AWS`);
  for (const probe of ['polluted', 'isAdmin']) {
    if ((Object.prototype as Record<string, unknown>)[probe] !== undefined) defects.push(`Object.prototype.${probe} was polluted`);
  }
  return { answer, defects };
}

function describeRequest(request: RawRequest): string {
  const body = request.body ? `${request.body.length} bytes: ${request.body.subarray(0, 160).toString('utf8')}` : 'no body';
  return `${request.note} | ${request.method} ${request.path.slice(0, 200)} | ${JSON.stringify(request.headers).slice(0, 300)} | ${body}`;
}

// ---- Known-good requests per route (and a generated one for a route added later) ---------------------

interface Example {
  /** The path parameters (decoded). */
  params: Record<string, string>;
  query: string;
  body?: unknown;
  /** Names a case of the 江州 tree (another tree's caller must get 404). */
  namesCase: boolean;
  /** Names an agency of the 江州 tree (another tree's caller must be refused). */
  namesAgency: boolean;
}

function fillPath(route: RouteDefinition, values: Record<string, string>): string {
  return route.path.replaceAll(/\{(\w+)\}/g, (_, name: string) => encodeSegment(values[name] ?? 'x'));
}

function example(route: RouteDefinition): Example {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  const id = known.caseIds[0]!;
  const year = lastYear();
  switch (route.id) {
    case 'SubmitApplication':
      return { params: {}, query: '', body: naturalPersonApplication('jz-zjj'), namesCase: false, namesAgency: true };
    case 'GetApplication':
      return { params: { id: known.applicationId }, query: '', namesCase: true, namesAgency: false };
    case 'RegisterCase':
      return { params: {}, query: '', body: { ...application, agencyId: 'jz-zjj', channel: 'in_person', receivedDate: today() }, namesCase: false, namesAgency: true };
    case 'ListCases':
      return { params: {}, query: 'agencyId=jz-zjj&status=all&limit=5', namesCase: false, namesAgency: true };
    case 'GetCase':
      return { params: { id }, query: '', namesCase: true, namesAgency: false };
    case 'ActOnCase':
      return { params: { id }, query: '', body: { type: 'start_consultation', expectedVersion: 1, party: 'third_party', name: '江州市示例建材有限公司' }, namesCase: true, namesAgency: false };
    case 'GetCalendar':
      return { params: { year: today().slice(0, 4) }, query: '', namesCase: false, namesAgency: false };
    case 'PutCalendar':
      return { params: { year: today().slice(0, 4) }, query: '', body: { region: 'fuzz-region', holidays: [{ date: today(), name: '测试假日' }], workdays: [], source: '测试通知' }, namesCase: false, namesAgency: false };
    case 'PutAgency':
      return { params: { id: 'jz-fuzz' }, query: '', body: { name: '江州市测试局', parentId: 'jz' }, namesCase: false, namesAgency: true };
    case 'GetReport':
      return { params: { year }, query: 'agencyId=jz-zjj&scope=self', namesCase: false, namesAgency: true };
    case 'GenerateReport':
      return { params: { year }, query: '', body: { agencyId: 'jz-zjj', scope: 'self' }, namesCase: false, namesAgency: true };
    case 'GetReportCell':
      return { params: { year, cellId: 'cn-2021.new.total' }, query: 'agencyId=jz-zjj', namesCase: false, namesAgency: true };
    default: {
      // A route added after this suite: its parameters, query and body generated from its schemas.
      const sample = (schema: Parameters<typeof jsonSchemaOf>[0]) => fc.sample(fromSchema(jsonSchemaOf(schema), hints(route)), { numRuns: 1, seed: 7 })[0];
      const params = Object.fromEntries(Object.entries(route.params ?? {}).map(([name, schema]) => [name, String(sample(schema))]));
      const query = route.query ? (sample(route.query) as Record<string, string>) : {};
      return {
        params,
        query: new URLSearchParams(query).toString(),
        ...(route.body ? { body: sample(route.body) } : {}),
        namesCase: false,
        namesAgency: false,
      };
    }
  }
}

function tokenForRoute(route: RouteDefinition): string {
  if (route.auth === 'public') return '';
  const roles = route.auth.roles;
  if (roles.includes('officer') && route.id !== 'GenerateReport') return tokens.officer;
  if (roles.includes('supervisor')) return tokens.supervisor;
  return tokens.admin;
}

function exampleRequest(route: RouteDefinition, token: string | undefined, note: string): RawRequest {
  const e = example(route);
  return {
    method: route.method,
    path: `${fillPath(route, e.params)}${e.query ? `?${e.query}` : ''}`,
    headers: {
      ...(token !== undefined && token !== '' ? { authorization: `Bearer ${token}` } : {}),
      ...(e.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(route.id === 'GetApplication' ? { 'x-query-code': known.queryCode } : {}),
    },
    ...(e.body !== undefined ? { body: jsonBytes(e.body) } : {}),
    note,
  };
}

// ---- 1. Forged tokens on every officer route ------------------------------------------------------------

function forgedTokens(): Record<string, () => Promise<string>> {
  const claims = { name: 'x', agencyId: 'jz', groups: ['officer', 'supervisor', 'admin'] };
  const signed = (payload: Record<string, unknown>) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256' }).setSubject('forger').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setIssuedAt().setExpirationTime('1h');
  return {
    'alg none': async () => new UnsecuredJWT(claims).setSubject('forger').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').encode(),
    'another key': async () => signed(claims).sign((await ephemeralKey()).privateKey),
    'HS256 with a guessable secret': async () =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('forger').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').sign(new TextEncoder().encode('gongkai')),
    expired: async () =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('forger').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setIssuedAt(1).setExpirationTime(2).sign(stack.key.privateKey),
    'not yet valid': async () => signed(claims).setNotBefore('2h').sign(stack.key.privateKey),
    'another issuer': async () => signed(claims).setIssuer('https://evil.example/').sign(stack.key.privateKey),
    'another audience': async () => signed(claims).setAudience('someone-else').sign(stack.key.privateKey),
    'a tampered payload (agency changed, signature kept)': async () => {
      const [header, , signature] = (await mintToken(stack.key, { sub: 'x@hz', name: 'x', agencyId: 'hz', roles: ['officer', 'supervisor', 'admin'] })).split('.');
      const payload = Buffer.from(JSON.stringify({ ...claims, sub: 'x@hz', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
    'no sub': async () => new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').sign(stack.key.privateKey),
    'no agency claim': async () => signed({ name: 'x', groups: ['officer', 'supervisor', 'admin'] }).sign(stack.key.privateKey),
    'no groups': async () => signed({ name: 'x', agencyId: 'jz' }).sign(stack.key.privateKey),
    'only unknown groups': async () => signed({ name: 'x', agencyId: 'jz', groups: ['root', 'superuser'] }).sign(stack.key.privateKey),
    'empty agency claim': async () => signed({ ...claims, agencyId: '' }).sign(stack.key.privateKey),
    garbage: async () => 'not.a.token',
    'a huge token': async () => `${'a'.repeat(6000)}.${'b'.repeat(2000)}.c`,
  };
}

describe('forged tokens on every officer route: 401, nothing written; another tree: not found', () => {
  for (const route of OFFICER_ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      for (const [kind, make] of Object.entries(forgedTokens())) {
        const request = exampleRequest(route, await make(), `forged token: ${kind}`);
        const { answer, defects } = await judge(route, request);
        expect(defects, describeRequest(request)).toEqual([]);
        expect(answer.status, `${kind}: ${answer.text.slice(0, 200)}`).toBe(401);
        expect(answer.headers['www-authenticate']).toBe('Bearer');
      }
      const noHeader = exampleRequest(route, undefined, 'no Authorization header');
      const missing = await judge(route, noHeader);
      expect(missing.defects).toEqual([]);
      expect(missing.answer.status).toBe(401);

      // A valid token of another tree, with every role: the 江州 case does not exist for it, the agency is unknown.
      const e = example(route);
      if (e.namesCase || e.namesAgency) {
        const request = exampleRequest(route, tokens.otherTree, 'another tree');
        const { answer, defects } = await judge(route, request);
        expect(defects, describeRequest(request)).toEqual([]);
        if (e.namesCase) expect(answer.status, answer.text).toBe(404);
        else expect([403, 404, 422], answer.text).toContain(answer.status);
      }
    });
  }
});

// ---- 2. Expression injection in every field that reaches the store ----------------------------------------

/** Every string leaf of a value, with its path. */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value);
  const parent = path.slice(0, -1).reduce<any>((node, step) => node[step], copy);
  parent[path.at(-1)!] = replacement;
  return copy;
}

async function storedVerbatim(text: string): Promise<boolean> {
  let startKey: Record<string, unknown> | undefined;
  const needle = JSON.stringify(text).slice(1, -1);
  do {
    const page = await stack.db.doc.send(new ScanCommand({ TableName: stack.db.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    if ((page.Items ?? []).some((item) => JSON.stringify(item).includes(needle))) return true;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return false;
}

describe('expression injection in every field that reaches DynamoDB: refused, or stored as plain text', () => {
  for (const route of routeList) {
    it(`${route.method} ${route.path}`, async () => {
      const e = example(route);
      const token = tokenForRoute(route);
      // Full: every payload in every slot; short: one payload per slot, taking turns through the list.
      const payloadsFor = (slot: number) => (FULL ? INJECTIONS : [INJECTIONS[slot % INJECTIONS.length]!]);
      const requests: { request: RawRequest; bodyLeaf: boolean; payload: string }[] = [];
      let slot = 0;
      const base = exampleRequest(route, token, '');
      // Path parameters.
      for (const name of Object.keys(route.params ?? {})) {
        for (const payload of payloadsFor(slot++)) {
          const path = fillPath(route, { ...e.params, [name]: payload });
          requests.push({ request: { ...base, path: `${path}${e.query ? `?${e.query}` : ''}`, note: `injection in path {${name}}` }, bodyLeaf: false, payload });
        }
      }
      // Query parameters: every one the schema knows, and one it does not.
      const queryNames = route.query ? Object.keys(jsonSchemaOf(route.query).properties ?? {}) : [];
      for (const name of [...queryNames, 'unknown']) {
        for (const payload of payloadsFor(slot++)) {
          const query = new URLSearchParams(e.query);
          query.set(name, payload);
          requests.push({ request: { ...base, path: `${fillPath(route, e.params)}?${query.toString()}`, note: `injection in query ${name}` }, bodyLeaf: false, payload });
        }
      }
      // The headers the route reads.
      for (const name of Object.keys(route.headers ?? {})) {
        for (const payload of payloadsFor(slot++)) {
          requests.push({ request: { ...base, headers: { ...base.headers, [name]: payload }, note: `injection in header ${name}` }, bodyLeaf: false, payload });
        }
      }
      // Every string of the body.
      if (e.body !== undefined) {
        for (const leaf of stringLeaves(e.body)) {
          for (const payload of payloadsFor(slot++)) {
            const body = setAt(e.body, leaf, payload);
            requests.push({ request: { ...base, body: jsonBytes(body), note: `injection in body ${leaf.join('.')}` }, bodyLeaf: true, payload });
          }
        }
      }
      for (const { request, bodyLeaf, payload } of requests) {
        const { answer, defects } = await judge(route, request);
        expect(defects, describeRequest(request)).toEqual([]);
        if (answer.status < 300 && bodyLeaf && route.tableAccess === 'readwrite' && route.method !== 'GET') {
          // Accepted: the text must be in the table as it was sent — data, not syntax.
          expect(await storedVerbatim(payload), `${request.note}: ${payload} stored as sent`).toBe(true);
        }
      }
      expect(requests.length).toBeGreaterThan(0);
    });
  }
});

// ---- 3. Cursors and query names that come back from a hostile client ------------------------------------

describe('forged cursors and prototype names in the query: refused with 422, never passed to DynamoDB as they are', () => {
  const withCursor = routeList.filter((r) => r.query && 'cursor' in (jsonSchemaOf(r.query).properties ?? {}));
  it('there is a route with a cursor to test', () => {
    expect(withCursor.map((r) => r.id)).toContain('ListCases');
  });
  for (const route of withCursor) {
    it(`${route.method} ${route.path}: forged cursors`, async () => {
      const e = example(route);
      for (const cursor of forgedCursors()) {
        const query = new URLSearchParams(e.query);
        query.set('cursor', cursor);
        const request: RawRequest = { ...exampleRequest(route, tokenForRoute(route), `forged cursor ${cursor}`), path: `${fillPath(route, e.params)}?${query.toString()}` };
        const { answer, defects } = await judge(route, request);
        expect(defects, describeRequest(request)).toEqual([]);
        if (route.id === 'ListCases') expect(answer.status, `${Buffer.from(cursor, 'base64url').toString()}: ${answer.text}`).toBe(cursor === known.cursor ? 200 : 422);
      }
      if (route.id === 'ListCases') {
        // A real cursor reused with a filter that ends before it (DynamoDB: the start key does not match the
        // range key predicate): refused as a cursor of another list.
        const request: RawRequest = { ...exampleRequest(route, tokenForRoute(route), 'a real cursor under another dueBefore'), path: `/cases?status=open&dueBefore=2000-01-01&cursor=${known.cursor}` };
        const { answer, defects } = await judge(route, request);
        expect(defects, describeRequest(request)).toEqual([]);
        expect(answer.status, answer.text).toBe(422);
      }
    });
  }
  for (const route of routeList.filter((r) => r.query)) {
    it(`${route.method} ${route.path}: __proto__ and constructor are unknown parameters`, async () => {
      const e = example(route);
      for (const name of ['__proto__', 'constructor', 'toString']) {
        const request: RawRequest = { ...exampleRequest(route, tokenForRoute(route), `query ${name}`), path: `${fillPath(route, e.params)}?${e.query}&${name}=x` };
        const { answer, defects } = await judge(route, request);
        expect(defects, describeRequest(request)).toEqual([]);
        expect(answer.status, answer.text).toBe(422);
        expect((answer.json.problems as { path: string[] }[]).map((p) => p.path.join('.'))).toContain(`query.${name}`);
      }
    });
  }
});

// ---- 4. Property-based fuzzing of every route --------------------------------------------------------------

function forgedCursors(): string[] {
  const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const open = 'AGENCY#jz-zjj#OPEN';
  return [
    known.cursor,
    b64({ which: 'open', key: { GSI1PK: open } }),
    b64({ which: 'open', key: { GSI1PK: open, GSI1SK: 'x', PK: 'CASE#x', SK: 'CASE', extra: 'y' } }),
    b64({ which: 'open', key: { GSI1PK: open, GSI1SK: ') OR attribute_exists(PK', PK: '#pk', SK: ':v' } }),
    b64({ which: 'open', key: { GSI1PK: open, GSI1SK: '', PK: '', SK: '' } }),
    b64({ which: 'closed', key: { GSI1PK: open, GSI1SK: 'x', PK: 'CASE#x', SK: 'CASE' } }),
    b64({ which: 'open', key: { GSI1PK: 'AGENCY#hz#OPEN', GSI1SK: 'x', PK: 'CASE#x', SK: 'CASE' } }),
    b64({ which: 'open', key: { GSI1PK: open, GSI1SK: 'x'.repeat(1500), PK: 'CASE#x', SK: 'CASE' } }),
    b64('{"which":"open","key":{"__proto__":{"GSI1PK":"x"},"GSI1PK":"AGENCY#jz-zjj#OPEN"}}'),
    b64({ which: 'open', key: [] }),
    b64('not json'),
    'not base64 at all!',
  ];
}

function hints(route: RouteDefinition): Hints {
  const agencies = fc.constantFrom('jz-zjj', 'jz', 'jz-fgw', 'jz-linxi', 'hz', 'no-such-agency', 'jz-fuzz');
  const dates = fc.constantFrom(today(), '2026-01-05', '2025-12-31', '2026-02-30', '2099-01-01', '2008-05-01');
  return {
    agencyId: agencies,
    parentId: fc.constantFrom('jz', 'jz-qingshan', 'jz-fuzz', 'hz', null),
    id: route.path.startsWith('/agencies') ? agencies : fc.constantFrom(...known.caseIds, '01KDVDNA00AAAAAAAAAAAAAAAA'),
    year: fc.constantFrom(lastYear(), today().slice(0, 4), '2004', '2008', '2099', '0000'),
    expectedVersion: fc.integer({ min: 1, max: 4 }),
    date: dates,
    receivedDate: dates,
    correctionDueDate: dates,
    dueBefore: dates,
    cursor: fc.constantFrom(...forgedCursors()),
    cellId: fc.constantFrom('cn-2021.new.total', 'cn-2021.disclosed.total', 'cn-2019.new.total', 'cn-2021.nope.nope'),
    region: fc.constantFrom('fuzz-region', null),
    calendarRegion: fc.constantFrom('fuzz-region', null),
    'x-query-code': fc.constantFrom(known.queryCode, 'AAAAAA-AAAAAA-AAAAAA-AAAAAA'),
    limit: fc.constantFrom('1', '5', '100', '101', '0', '-1', '1e3'),
    status: fc.constantFrom('open', 'closed', 'all'),
  };
}

/** A transmittable header value (node refuses CR, LF and NUL, and anything above U+00FF). */
function headerSafe(value: string): string {
  return value.replaceAll(/[^\t\x20-\x7e\x80-\xff]/g, '?').slice(0, 8000);
}

function requestFor(route: RouteDefinition): fc.Arbitrary<RawRequest> {
  const h = hints(route);
  const params = fc.record(
    Object.fromEntries(Object.entries(route.params ?? {}).map(([name, schema]) => [name, pathParameter(schema, h[name] as fc.Arbitrary<string> | undefined)])),
  ) as fc.Arbitrary<Record<string, string>>;
  const routeHeaders = fc.record(
    Object.fromEntries(
      Object.entries(route.headers ?? {}).map(([name, schema]) => [
        name,
        fc.oneof(fromSchema(jsonSchemaOf(schema), h, name).map(String), hostileString().filter((s) => s.length < 5000)).map(headerSafe),
      ]),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string>>;
  const authorization: fc.Arbitrary<string | undefined> =
    route.auth === 'public'
      ? fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.constant('Bearer junk'), weight: 1 })
      : fc.oneof(
          { arbitrary: fc.constant(`Bearer ${tokenForRoute(route)}`), weight: 8 },
          { arbitrary: fc.constantFrom(tokens.officer, tokens.supervisor, tokens.admin, tokens.otherTree).map((t) => `Bearer ${t}`), weight: 2 },
          { arbitrary: fc.constantFrom('Bearer', 'Basic dXNlcjpwYXNz', `bearer  ${tokenForRoute(route)}`, 'Bearer a.b.c', ''), weight: 1 },
        );
  const validBody = route.body ? fromSchema(jsonSchemaOf(route.body), h) : fc.constant(undefined);
  const body: fc.Arbitrary<{ bytes?: Buffer; contentType?: string; note: string }> = validBody.chain((valid) => {
    const json = fc.oneof(
      { arbitrary: fc.constant(valid).map((v) => ({ bytes: jsonBytes(v), note: 'from the schema' })), weight: route.body ? 4 : 0 },
      { arbitrary: mutated(valid ?? {}).map((v) => ({ bytes: jsonBytes(v), note: 'from the schema, mutated' })), weight: route.body ? 5 : 1 },
      { arbitrary: rawBody(valid ?? {}).map((r) => ({ bytes: r.bytes, note: r.note })), weight: route.body ? 3 : 1 },
      { arbitrary: fc.constant({ bytes: undefined as Buffer | undefined, note: 'no body' }), weight: route.body ? 1 : 10 },
    );
    const contentType = fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 6 },
      { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 },
      { arbitrary: fc.constant(undefined), weight: 1 },
    );
    return fc.tuple(json, contentType).map(([b, type]) => ({ ...(b.bytes ? { bytes: b.bytes } : {}), ...(type !== undefined ? { contentType: type } : {}), note: b.note }));
  });
  const method = fc.oneof({ arbitrary: fc.constant(route.method), weight: 19 }, { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), weight: 1 });
  return fc
    .record({ method, params, query: queryString(route, h), routeHeaders, extra: randomHeaders(), authorization, body })
    .map(({ method, params, query, routeHeaders, extra, authorization, body }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(extra)) headers[name] = headerSafe(value);
      Object.assign(headers, routeHeaders);
      if (authorization !== undefined) headers.authorization = headerSafe(authorization);
      if (body.contentType !== undefined) headers['content-type'] = body.contentType;
      const path = route.path.replaceAll(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x');
      return {
        method,
        path: `${path}${query ? `?${query}` : ''}`,
        headers,
        ...(body.bytes ? { body: body.bytes } : {}),
        note: `${body.note}; ${body.contentType ?? 'no content type'}`,
      };
    });
}

describe('fuzzing every route with fast-check: only 4xx problem+json or success, in time, nothing stored on refusal', () => {
  for (const route of routeList) {
    it(`${route.method} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (request) => {
          const { defects } = await judge(route, request);
          if (defects.length > 0) throw new Error(`${defects.join('; ')}\n  request: ${describeRequest(request)}`);
        }),
        { numRuns: size(25, 400), endOnFailure: true },
      );
    });
  }
});

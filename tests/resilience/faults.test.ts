/**
 * Faults under load (issue 7): the store goes away and comes back, and the SDK client meets throttling
 * and timeouts. The contract: a client gets 503 problem+json with Retry-After, never a 2xx for a write
 * that was not stored; every case stays whole (its version = its number of events, numbered 1..version);
 * a submission retried with its Idempotency-Key is never duplicated.
 *
 * This suite runs its own DynamoDB Local on disk in a temporary folder, so that it can stop it in the
 * middle of a load and start it again on the same port with the same data. The handlers run in this
 * process, so the SDK client they use (`db()` of shared/store/client.ts) is the one whose middleware
 * stack gets the injected faults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DeserializeMiddleware } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/stack.js';
import { beijingDate } from '../../shared/calendar/civil-date.js';
import { db } from '../../shared/store/client.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { tokenFor } from '../helpers/api.js';
import {
  brokenCases,
  callJson,
  FULL,
  nextOpenAction,
  pool,
  readTable,
  Recorder,
  size,
  unavailableDefect,
  type Answer,
} from '../helpers/resilience.js';

// Thousands of expected 503s would each log an ERROR line: keep this suite's output to its figures.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'SILENT';
});

const run = randomUUID().slice(0, 8);
let folder: string;
let database: DynamoDbLocal;
let stack: LocalEnvironment;
let officer: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gongkai-faults-'));
  database = await startDynamoDbLocal({ dbPath: join(folder, 'dynamodb') });
  stack = await startLocalEnvironment({ port: 0, tableName: `faults-${run}`, endpoint: database.endpoint, demoAgencies: true });
  officer = await tokenFor(stack, 'jz-zjj', 'officer');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await database?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function submission(marker: string) {
  const body = naturalPersonApplication(marker.length % 2 === 0 ? 'jz-zjj' : 'jz-fgw');
  return { ...body, request: { ...body.request, description: `faults ${marker}` } };
}

function registration(marker: string) {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  return { ...application, request: { description: `faults ${marker}` }, channel: 'mail', receivedDate: beijingDate(new Date()) };
}

/** What a run of requests left behind, for the checks every fault shares. */
interface Ledger {
  /** Every answer, by what was asked. */
  answers: { what: string; answer: Answer }[];
  /** Submissions and registrations with an Idempotency-Key: the key's marker and every answer it got. */
  keyed: Map<string, Answer[]>;
  /** Actions answered 200: the case, the version it produced and the action type. */
  actions: { caseId: string; version: number; type: string }[];
}

function newLedger(): Ledger {
  return { answers: [], keyed: new Map(), actions: [] };
}

/** Submits with an Idempotency-Key, retrying (with the same key and body) while the answer is 503. */
async function submitUntilStored(ledger: Ledger, marker: string, recorder: Recorder, options: { attempts: number; retryDelayMs: (a: Answer) => number }) {
  const answers: Answer[] = [];
  ledger.keyed.set(marker, answers);
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    const answer = await callJson(stack.url, 'POST', '/applications', { body: submission(marker), headers: { 'idempotency-key': marker } });
    answers.push(answer);
    ledger.answers.push({ what: 'submit', answer });
    recorder.add('submit', answer.status, answer.ms);
    if (answer.status !== 503) return;
    await new Promise((r) => setTimeout(r, options.retryDelayMs(answer)));
  }
}

/** One officer's actions on their own cases, re-reading the case after anything but a 200. */
async function actOn(ledger: Ledger, caseIds: string[], count: number, recorder: Recorder, deadline: number) {
  for (let i = 0; i < count && Date.now() < deadline; i++) {
    const id = caseIds[i % caseIds.length]!;
    const current = await callJson(stack.url, 'GET', `/cases/${id}`, { token: officer });
    ledger.answers.push({ what: 'read', answer: current });
    recorder.add('read', current.status, current.ms);
    if (current.status !== 200) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const action = nextOpenAction(current.json, beijingDate(new Date()));
    if (!action) continue;
    const answer = await callJson(stack.url, 'POST', `/cases/${id}/actions`, {
      token: officer,
      body: { ...action, expectedVersion: current.json.version },
    });
    ledger.answers.push({ what: 'act', answer });
    recorder.add('act', answer.status, answer.ms);
    if (answer.status === 200) ledger.actions.push({ caseId: id, version: answer.json.version, type: String(action.type) });
  }
}

/**
 * The checks every fault shares: only the statuses allowed; every 503 a proper problem with Retry-After;
 * every 2xx stored; every case whole; one case per Idempotency-Key, the one its 2xx named.
 */
async function checkLedger(ledger: Ledger, allowed: Record<string, number[]>) {
  const unexpected = ledger.answers.filter((a) => !(allowed[a.what] ?? []).includes(a.answer.status));
  expect(
    unexpected.map((a) => `${a.what} → ${a.answer.status} ${a.answer.text.slice(0, 300)}`),
    'statuses outside the contract',
  ).toEqual([]);
  const badUnavailable = ledger.answers.filter((a) => a.answer.status === 503).map((a) => unavailableDefect(a.answer)).filter(Boolean);
  expect(badUnavailable, '503 answers that are not problem+json with Retry-After').toEqual([]);

  const view = await readTable(stack.db);
  expect(brokenCases(view), 'cases that are not whole').toEqual([]);

  const acknowledged = ledger.answers.filter((a) => a.answer.status === 201).map((a) => a.answer.json.id as string);
  expect(acknowledged.filter((id) => !view.cases.has(id)), 'acknowledged (201) but not stored').toEqual([]);
  for (const done of ledger.actions) {
    const events = view.events.get(done.caseId) ?? [];
    expect(events.find((e) => e.seq === done.version)?.type, `action ${done.type} → v${done.version} on ${done.caseId}`).toBe(done.type);
  }

  const byMarker = new Map<string, string[]>();
  for (const c of view.cases.values()) {
    const marker = /^faults (.+)$/.exec(c.description ?? '')?.[1];
    if (marker) byMarker.set(marker, [...(byMarker.get(marker) ?? []), c.id]);
  }
  let duplicated = 0;
  for (const [marker, answers] of ledger.keyed) {
    const stored = byMarker.get(marker) ?? [];
    if (stored.length > 1) duplicated++;
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.json.id as string));
    if (ids.size > 0) {
      expect(stored, `cases stored under Idempotency-Key ${marker}`).toEqual([...ids]);
    } else {
      expect(stored.length, `cases stored under Idempotency-Key ${marker}`).toBeLessThanOrEqual(1);
    }
  }
  expect(duplicated, 'Idempotency-Keys with more than one case').toBe(0);
  return { view, acknowledged, byMarker };
}

describe('DynamoDB Local stops in the middle of a load and comes back on the same port', () => {
  it(
    'answers 503 with Retry-After while it is away, stores every acknowledged write whole, and a retry with the key never duplicates',
    async () => {
      const submissions = size(60, 1000);
      const concurrency = size(10, 30);
      const recorder = new Recorder();
      const ledger = newLedger();
      const deadline = Date.now() + size(150_000, 600_000);

      // The officers' cases, registered before the outage.
      const caseIds: string[] = [];
      for (let i = 0; i < size(6, 20); i++) {
        const created = await callJson(stack.url, 'POST', '/cases', { token: officer, body: registration(`${run}-reg-${i}`) });
        expect(created.status, created.text).toBe(201);
        caseIds.push(created.json.id);
      }

      let completed = 0;
      const outage = { startedAt: 0, endedAt: 0 };
      const port = database.port;
      const outageDone = (async () => {
        // Cut the store once a quarter of the submissions are through, and bring it back at once (the
        // JVM's start is the outage: a few seconds).
        while (completed < submissions / 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        outage.startedAt = Date.now();
        await database.stop();
        await new Promise((r) => setTimeout(r, size(0, 2000)));
        database = await startDynamoDbLocal({ dbPath: join(folder, 'dynamodb'), port });
        outage.endedAt = Date.now();
      })();

      const officers = Array.from({ length: 2 }, (_, w) =>
        actOn(
          ledger,
          caseIds.filter((_, i) => i % 2 === w),
          size(60, 400),
          recorder,
          deadline,
        ),
      );
      await pool(
        submissions,
        concurrency,
        async (i) => {
          await submitUntilStored(ledger, `${run}-sub-${i}`, recorder, {
            attempts: 30,
            // Retry-After says 2 s; a patient client waits that long (shortened here to keep the run brisk).
            retryDelayMs: (a) => Math.min(Number(a.headers.get('retry-after') ?? 1) * 1000, 500),
          });
          completed++;
        },
        deadline,
      );
      await outageDone;
      await Promise.all(officers);

      const { byMarker } = await checkLedger(ledger, { submit: [201, 503], read: [200, 503], act: [200, 503] });
      const unavailable = ledger.answers.filter((a) => a.answer.status === 503).length;
      expect(unavailable, 'the outage was seen by the clients').toBeGreaterThan(0);
      const retriedKeys = [...ledger.keyed.values()].filter((answers) => answers.length > 1).length;
      const neverStored = [...ledger.keyed.entries()].filter(([, answers]) => answers.at(-1)?.status !== 201).map(([m]) => m);
      expect(neverStored, 'submissions that never got through after the restart').toEqual([]);
      const stored = [...ledger.keyed.keys()].filter((m) => (byMarker.get(m) ?? []).length === 1).length;
      const f = recorder.figures();
      console.log(
        `faults/outage: ${submissions} submissions + officer actions, ${f.requests} requests in ${f.seconds.toFixed(1)} s, store away ${outage.endedAt - outage.startedAt} ms, ` +
          `2xx ${f.s2xx}, 503 ${unavailable} (all problem+json with Retry-After), other 4xx ${f.s4xx}, other 5xx ${f.s5xx - unavailable}, ` +
          `retried with their key ${retriedKeys}, stored ${stored}/${submissions}, lost 0, duplicated 0, broken cases 0`,
      );
    },
    FULL ? 900_000 : 180_000,
  );
});

// ---- Faults injected through the SDK client's middleware stack -------------------------------------

type Injected = 'throttled' | 'throttled-transaction' | 'conflict' | 'timeout' | 'answer-lost';

function timeoutError(): Error {
  const error = new Error('Request timed out (injected)');
  error.name = 'TimeoutError';
  return error;
}

/** What DynamoDB answers for each fault, thrown for the selected requests on every attempt. */
function faultFor(kind: Injected, transactItems: number): Error {
  switch (kind) {
    case 'throttled':
      return new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded (injected)', $metadata: { httpStatusCode: 400 } });
    case 'throttled-transaction':
      // A throttled transaction is cancelled, each item with ThrottlingError (DynamoDB API reference, TransactWriteItems).
      return new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons (injected)',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: Array.from({ length: transactItems }, () => ({ Code: 'ThrottlingError', Message: 'Throttling at the table or index level' })),
      });
    case 'conflict':
      // Another transaction on the same item was in flight: that item says TransactionConflict, the others None.
      return new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons (injected)',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: Array.from({ length: transactItems }, (_, i) =>
          i === 0 ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
        ),
      });
    case 'timeout':
    case 'answer-lost':
      return timeoutError();
  }
}

const OPERATIONS_HIT: Record<Injected, RegExp> = {
  throttled: /\.(TransactWriteItems|PutItem|UpdateItem|GetItem|Query|BatchGetItem)$/,
  'throttled-transaction': /\.TransactWriteItems$/,
  conflict: /\.TransactWriteItems$/,
  timeout: /\.(TransactWriteItems|PutItem|UpdateItem)$/,
  'answer-lost': /\.TransactWriteItems$/,
};

function stableHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Injects `kind` into every request whose first key hashes into the selected share — a deterministic,
 * sticky choice (the same case, or the same Idempotency-Key, fails on every attempt while the fault is
 * on, as a hot partition does), so that the retries of the SDK and of the store see it too.
 * 'answer-lost' lets the request reach the table and throws afterwards: the write is stored, the
 * answer never comes. Returns the counters and a function that removes the middleware.
 */
function inject(kind: Injected, share: number) {
  const counters = { seen: 0, injected: 0 };
  const name = `resilience-fault-${kind}`;
  const middleware: DeserializeMiddleware<any, any> = (next) => async (args) => {
    const request = args.request as { headers?: Record<string, string>; body?: unknown };
    const target = request.headers?.['x-amz-target'] ?? '';
    if (!OPERATIONS_HIT[kind].test(target)) return next(args);
    counters.seen++;
    const body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array);
    const parsed = JSON.parse(body) as { TransactItems?: Record<string, { Item?: Record<string, { S?: string }>; Key?: Record<string, { S?: string }> }>[]; Item?: Record<string, { S?: string }>; Key?: Record<string, { S?: string }>; ExpressionAttributeValues?: Record<string, { S?: string }> };
    const first = parsed.TransactItems?.[0];
    const part = first ? Object.values(first)[0] : undefined;
    const pk = part?.Item?.PK?.S ?? part?.Key?.PK?.S ?? parsed.Item?.PK?.S ?? parsed.Key?.PK?.S ?? JSON.stringify(parsed.ExpressionAttributeValues ?? {});
    if (stableHash(`${kind}|${pk}`) % 100 >= share * 100) return next(args);
    counters.injected++;
    if (kind === 'answer-lost') {
      await next(args);
      throw faultFor(kind, 0);
    }
    throw faultFor(kind, parsed.TransactItems?.length ?? 1);
  };
  db().doc.middlewareStack.add(middleware, { step: 'deserialize', name, priority: 'high' });
  return { counters, remove: () => db().doc.middlewareStack.remove(name) };
}

describe('throttling and timeouts injected into the SDK client take the 503 path, nothing half-written', () => {
  const faults: { kind: Injected; title: string; stored: 'never' | 'maybe' }[] = [
    { kind: 'throttled', title: 'a throttled request (ProvisionedThroughputExceededException, retried by the SDK)', stored: 'never' },
    { kind: 'throttled-transaction', title: 'a throttled transaction (TransactionCanceledException, ThrottlingError)', stored: 'never' },
    { kind: 'conflict', title: 'a transaction that keeps colliding with another one (TransactionCanceledException, TransactionConflict)', stored: 'never' },
    { kind: 'timeout', title: 'a timeout before the write reached the table (TimeoutError)', stored: 'never' },
    { kind: 'answer-lost', title: 'a timeout after the table stored the write (the answer lost)', stored: 'maybe' },
  ];

  for (const fault of faults) {
    it(
      fault.title,
      async () => {
        const recorder = new Recorder();
        const ledger = newLedger();
        const deadline = Date.now() + size(90_000, 300_000);
        const caseIds: string[] = [];
        for (let i = 0; i < size(4, 16); i++) {
          const created = await callJson(stack.url, 'POST', '/cases', { token: officer, body: registration(`${run}-${fault.kind}-reg-${i}`) });
          expect(created.status, created.text).toBe(201);
          caseIds.push(created.json.id);
        }
        const before = await readTable(stack.db);
        const unkeyed: { marker: string; answer: Answer }[] = [];

        // Throttled reads are retried by the SDK with its throttling back-off (seconds): a smaller share.
        const injection = inject(fault.kind, fault.kind === 'throttled' ? 0.25 : 0.4);
        try {
          const officers = Array.from({ length: 2 }, (_, w) =>
            actOn(
              ledger,
              caseIds.filter((_, i) => i % 2 === w),
              size(6, 60),
              recorder,
              deadline,
            ),
          );
          await pool(
            size(16, 200),
            size(4, 20),
            async (i) => {
              const marker = `${run}-${fault.kind}-${i}`;
              if (i % 2 === 0) {
                // With a key: one try now; a 503 is retried once the fault is gone.
                await submitUntilStored(ledger, marker, recorder, { attempts: 1, retryDelayMs: () => 0 });
              } else {
                const answer = await callJson(stack.url, 'POST', '/applications', { body: submission(marker) });
                recorder.add('submit', answer.status, answer.ms);
                ledger.answers.push({ what: 'submit', answer });
                unkeyed.push({ marker, answer });
              }
            },
            deadline,
          );
          await Promise.all(officers);
        } finally {
          injection.remove();
        }
        expect(injection.counters.injected, 'faults actually injected into the handlers’ client').toBeGreaterThan(0);

        // The fault is gone: every submission that got 503 is retried with its key and body.
        for (const [marker, answers] of ledger.keyed) {
          if (answers.at(-1)?.status !== 503) continue;
          const answer = await callJson(stack.url, 'POST', '/applications', { body: submission(marker), headers: { 'idempotency-key': marker } });
          answers.push(answer);
          ledger.answers.push({ what: 'submit', answer });
          recorder.add('retry', answer.status, answer.ms);
          expect(answer.status, answer.text).toBe(201);
        }

        const { view, byMarker } = await checkLedger(ledger, { submit: [201, 503], read: [200, 503], act: [200, 503] });
        const unavailable = ledger.answers.filter((a) => a.answer.status === 503).length;
        expect(unavailable, 'some requests met the fault').toBeGreaterThan(0);

        if (fault.stored === 'never') {
          // Nothing of a refused write was stored: no case for an unkeyed 503, no event for a refused action.
          const leaked = unkeyed.filter((u) => u.answer.status === 503 && (byMarker.get(u.marker) ?? []).length > 0);
          expect(leaked.map((u) => u.marker), 'unkeyed submissions answered 503 but stored').toEqual([]);
          for (const id of caseIds) {
            const acted = ledger.actions.filter((a) => a.caseId === id).length;
            expect(view.cases.get(id)?.version, `case ${id}: registered at v1, then ${acted} actions answered 200`).toBe(1 + acted);
          }
        }
        // No case appeared that no request asked for.
        const newCases = [...view.cases.keys()].filter((id) => !before.cases.has(id));
        const askedFor = new Set([...ledger.keyed.keys(), ...unkeyed.map((u) => u.marker)]);
        expect(newCases.filter((id) => !askedFor.has(/^faults (.+)$/.exec(view.cases.get(id)!.description)?.[1] ?? '')), 'cases nobody asked for').toEqual([]);

        const f = recorder.figures();
        console.log(
          `faults/${fault.kind}: ${f.requests} requests, ${injection.counters.injected} of ${injection.counters.seen} store calls failed on purpose, ` +
            `2xx ${f.s2xx}, 503 ${unavailable} (all problem+json with Retry-After), other 5xx ${f.s5xx - unavailable}, ` +
            `retried with their key afterwards ${recorder.count((x) => x.label === 'retry')} (all 201), lost 0, duplicated 0, half-written 0`,
        );
      },
      FULL ? 600_000 : 120_000,
    );
  }
});

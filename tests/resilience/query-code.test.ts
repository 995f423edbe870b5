/**
 * Query-code guessing over HTTP (issue 7; docs/architecture.md: a wrong id and a wrong code give the same 404; the
 * limits of shared/services/applications.ts QUERY_CODE_LIMITS): failed look-ups are counted per client and
 * per application, and past either limit the answer is 429 problem+json with Retry-After.
 *
 * The local server takes the client's address from the socket, so every request of this file comes from
 * one client (127.0.0.1); and the counters live in the table. This file therefore has its own stack and
 * table (its own process, as every test file), and runs its steps in order: first the application limit
 * (well under the client's), then the client limit.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { QUERY_CODE_LIMITS } from '../../shared/services/applications.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { callJson, countStoredItems, expectProblem, Recorder, type Answer } from '../helpers/resilience.js';
import { startTestStack } from '../helpers/stack.js';

vi.hoisted(() => {
  process.env.LOG_LEVEL ??= 'WARN';
  // The real per-client limits (vitest.config.ts lifts them for the other suites).
  delete process.env.SUBMISSIONS_PER_CLIENT_HOUR;
  delete process.env.LOOKUPS_PER_CLIENT_MINUTE;
});

const { perClient, perApplication } = QUERY_CODE_LIMITS;
let stack: LocalEnvironment;
const recorder = new Recorder();
let failures = 0;

async function lookUp(id: string, code: string | undefined): Promise<Answer> {
  const answer = await callJson(stack.url, 'GET', `/applications/${encodeURIComponent(id)}`, { headers: code === undefined ? {} : { 'x-query-code': code } });
  recorder.add('look-up', answer.status, answer.ms);
  if (answer.status === 404) failures++;
  return answer;
}

async function submit(): Promise<{ id: string; queryCode: string }> {
  // A distinct application each time: an identical body without a key is one application (issue 10).
  const answer = await callJson(stack.url, 'POST', '/applications', { body: naturalPersonApplication('jz-zjj'), headers: { 'idempotency-key': randomUUID() } });
  expect(answer.status, answer.text).toBe(201);
  return answer.json;
}

/** A well-formed application number that no application has (its own subject for the per-application count). */
function unknownId(i: number): string {
  return `01KDVDNA00${String(i).padStart(16, '0')}`;
}

/** The problem without `instance` (which names the request). */
function withoutInstance(answer: Answer): Record<string, unknown> {
  const { instance: _i, ...rest } = answer.json as Record<string, unknown>;
  return rest;
}

function expectTooMany(answer: Answer, windowSeconds: number): void {
  expectProblem(answer, 429);
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter), `Retry-After ${answer.headers.get('retry-after')}`).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

beforeAll(async () => {
  // The outbox is not polled: the poller's bookkeeping would move the item counts these tests compare.
  stack = await startTestStack({ pollOutbox: false });
  // The limits count in fixed windows (the per-application window is a multiple of the per-client one):
  // start well inside a window, so that none ends half-way through these steps.
  const inWindow = (Date.now() / 1000) % perClient.windowSeconds;
  if (perClient.windowSeconds - inWindow < 45) await new Promise((r) => setTimeout(r, (perClient.windowSeconds - inWindow + 1) * 1000));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  const f = recorder.figures();
  console.log(
    `query codes: ${f.requests} look-ups, ${failures} failed (404), 429 ${recorder.count((s) => s.status === 429)}, ` +
      `limits ${perApplication.limit}/application/${perApplication.windowSeconds} s and ${perClient.limit}/client/${perClient.windowSeconds} s held, 5xx ${f.s5xx}`,
  );
});

describe('query-code guessing', () => {
  let target: { id: string; queryCode: string };
  let other: { id: string; queryCode: string };

  it('a wrong code, a wrong id, a malformed id and a missing code give the same 404 body (apart from instance)', async () => {
    target = await submit();
    other = await submit();
    const answers = [
      await lookUp(target.id, 'AAAAAA-AAAAAA-AAAAAA-AAAAAA'),
      await lookUp(unknownId(1), target.queryCode),
      await lookUp('not-an-application-number', target.queryCode),
      await lookUp(other.id, undefined),
      await lookUp(target.id, target.queryCode.toLowerCase().replaceAll('-', '').slice(0, 23)),
    ];
    for (const answer of answers) expectProblem(answer, 404);
    const bodies = answers.map(withoutInstance);
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(new Set(answers.map((a) => a.json.instance)).size).toBe(answers.length);
    // The code is case- and hyphen-insensitive, and a right one still opens the application.
    expect((await lookUp(target.id, target.queryCode.toLowerCase())).status).toBe(200);
  });

  it(`after ${perApplication.limit} failures on one application: 429 with Retry-After for a wrong code, the right code still opens it (issue 13), the others unaffected`, async () => {
    const before = await countStoredItems(stack.db);
    // Two failures on `target` so far (the wrong code, the truncated code).
    for (let i = 2; i < perApplication.limit; i++) expectProblem(await lookUp(target.id, `WRONG${i}-AAAAAA-AAAAAA-AAAAAA`), 404);
    expectTooMany(await lookUp(target.id, 'AAAAAA-AAAAAA-AAAAAA-AAAAAA'), perApplication.windowSeconds);
    failures++; // a wrong code answered 429 still counts against this client
    expect((await lookUp(target.id, target.queryCode)).status).toBe(200);
    // Another application, with its code: the client is still under its own limit.
    expect(failures).toBeLessThan(perClient.limit);
    const fine = await lookUp(other.id, other.queryCode);
    expect(fine.status, fine.text).toBe(200);
    // Counting failures writes only counters: no case, event or other item appeared.
    expect(await countStoredItems(stack.db)).toBe(before);
  });

  it(`after ${perClient.limit} failures from one client: 429 with Retry-After for every application`, async () => {
    const fresh = await submit();
    // Spread the guesses over many applications, as a guesser would, so that only the client limit bites.
    for (let i = 0; failures < perClient.limit && i < perClient.limit * 2; i++) {
      const answer = await lookUp(unknownId(100 + i), 'AAAAAA-AAAAAA-AAAAAA-AAAAAA');
      expect(answer.status, answer.text).toBe(404);
    }
    expect(failures).toBe(perClient.limit);
    expectTooMany(await lookUp(fresh.id, fresh.queryCode), perClient.windowSeconds);
    expectTooMany(await lookUp(unknownId(999), 'AAAAAA-AAAAAA-AAAAAA-AAAAAA'), perClient.windowSeconds);
    expectTooMany(await lookUp('not-an-application-number', undefined), perClient.windowSeconds);
  });
});

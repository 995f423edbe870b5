/**
 * The query-code lock-out redesigned (issue 13, item 9): failures are counted per application atomically
 * and only failures count; the right code always opens the application, so strangers cannot lock the
 * rightful applicant out; the per-client counters key on the client address as the edge reports it (here
 * the viewer-address header CloudFront adds, configured by CLIENT_ADDRESS_HEADER); and the public routes
 * carry per-client limits of their own.
 */
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { config } from '../../shared/config.js';
import { publicRequestLimits, QUERY_CODE_LIMITS } from '../../shared/services/applications.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { callJson, type Answer } from '../helpers/resilience.js';
import { startTestStack } from '../helpers/stack.js';

vi.hoisted(() => {
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.CLIENT_ADDRESS_HEADER = 'cloudfront-viewer-address';
  // The real limits (vitest.config.ts lifts them for the other suites).
  delete process.env.SUBMISSIONS_PER_CLIENT_HOUR;
  delete process.env.LOOKUPS_PER_CLIENT_MINUTE;
});
// The defaults (config({}) reads no variable, and caches nothing).
const PUBLIC_REQUEST_LIMITS = publicRequestLimits(config({}));

const { perClient, perApplication } = QUERY_CODE_LIMITS;
let stack: LocalEnvironment;
let clientSerial = 0;

/** A fresh client address as CloudFront reports it (`ip:port`). */
function newClient(): string {
  clientSerial++;
  return `198.51.${Math.floor(clientSerial / 250)}.${(clientSerial % 250) + 1}:${40000 + clientSerial}`;
}

function lookUp(id: string, code: string, client: string): Promise<Answer> {
  return callJson(stack.url, 'GET', `/applications/${id}`, { headers: { 'x-query-code': code, 'cloudfront-viewer-address': client } });
}

async function submit(client = newClient()): Promise<{ id: string; queryCode: string }> {
  const answer = await callJson(stack.url, 'POST', '/applications', {
    body: naturalPersonApplication('jz-zjj'),
    // A distinct application each time: an identical body without a key is one application (issue 10).
    headers: { 'cloudfront-viewer-address': client, 'idempotency-key': randomUUID() },
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json;
}

async function counter(subject: string): Promise<number> {
  const page = await stack.db.doc.send(
    new ScanCommand({ TableName: stack.db.tableName, FilterExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `RATE#${subject}` }, ConsistentRead: true }),
  );
  return (page.Items ?? []).reduce((sum, item) => sum + Number(item.count), 0);
}

const wrong = (i: number) => `WRONG${String(i).padStart(1, '0')}-AAAAAA-AAAAAA-AAAAAA`.slice(0, 27);

beforeAll(async () => {
  stack = await startTestStack();
  // Fixed windows: start well inside one, so that none ends half-way through these steps.
  const inWindow = (Date.now() / 1000) % perClient.windowSeconds;
  if (perClient.windowSeconds - inWindow < 60) await new Promise((r) => setTimeout(r, (perClient.windowSeconds - inWindow + 1) * 1000));
}, 180_000);
afterAll(async () => stack?.stop());

describe('per application', () => {
  it(`60 concurrent wrong guesses from 60 clients: exactly 60 failures counted, ${perApplication.limit} answered 404 and the rest 429`, async () => {
    const target = await submit();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => lookUp(target.id, wrong(i), newClient())));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(perApplication.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - perApplication.limit);
    expect(await counter(`app:${target.id}`)).toBe(60);
    for (const a of answers.filter((x) => x.status === 429)) expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // The rightful applicant, from anywhere, still opens it — and a right code is not counted.
    const opened = await lookUp(target.id, target.queryCode, newClient());
    expect(opened.status, opened.text).toBe(200);
    expect(await counter(`app:${target.id}`)).toBe(60);
  });
});

describe('per client', () => {
  it(`60 concurrent wrong guesses from one client: exactly ${perClient.limit} evaluated and counted, the rest 429 unevaluated`, async () => {
    const client = newClient();
    const ids = await Promise.all(Array.from({ length: 3 }, () => submit()));
    // Spread over applications, each well under its own limit.
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => lookUp(ids[i % 3]!.id, wrong(i), client)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 404).length + statuses.filter((s) => s === 429).length).toBe(60);
    const clientKey = client.slice(0, client.lastIndexOf(':'));
    expect(await counter(`client:${clientKey}`)).toBe(perClient.limit);
    // Only the evaluated guesses reached the applications' counters.
    const perApp = await Promise.all(ids.map((x) => counter(`app:${x.id}`)));
    expect(perApp.reduce((a, b) => a + b, 0)).toBe(perClient.limit);
    // The client is now refused even with a right code; another client (the applicant elsewhere) is not.
    expect((await lookUp(ids[0]!.id, ids[0]!.queryCode, client)).status).toBe(429);
    expect((await lookUp(ids[0]!.id, ids[0]!.queryCode, newClient())).status).toBe(200);
  });

  it('right codes do not use up the failure budget', async () => {
    const client = newClient();
    const mine = await submit(client);
    for (let i = 0; i < perClient.limit + 5; i++) expect((await lookUp(mine.id, mine.queryCode, client)).status).toBe(200);
    const clientKey = client.slice(0, client.lastIndexOf(':'));
    expect(await counter(`client:${clientKey}`)).toBe(0);
  });

  it('the address comes from the configured viewer-address header: port dropped, an IPv6 client counted by its /64', async () => {
    const target = await submit();
    const a = await lookUp(target.id, 'AAAAAA-AAAAAA-AAAAAA-AAAAAA', '2001:db8:abcd:12:1111:2222:3333:4444:50000');
    const b = await lookUp(target.id, 'AAAAAA-AAAAAA-AAAAAA-AAAAAA', '2001:db8:abcd:12::9:50001');
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(await counter('client:2001:db8:abcd:12::/64')).toBe(2);
  });
});

describe('per-client limits of the public routes', () => {
  it(`POST /applications: ${PUBLIC_REQUEST_LIMITS.submissions.limit} per client and window, then 429 with Retry-After`, async () => {
    const client = newClient();
    const answers = await Promise.all(
      Array.from({ length: PUBLIC_REQUEST_LIMITS.submissions.limit + 5 }, () =>
        callJson(stack.url, 'POST', '/applications', { body: naturalPersonApplication('jz-zjj'), headers: { 'cloudfront-viewer-address': client } }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(PUBLIC_REQUEST_LIMITS.submissions.limit);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(5);
    for (const a of refused) expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another client is unaffected.
    await submit();
  });

  it(`GET /applications/{id}: ${PUBLIC_REQUEST_LIMITS.lookUps.limit} look-ups per client and window, right codes included`, async () => {
    const client = newClient();
    const mine = await submit();
    // A one-minute window: start well inside one.
    const inMinute = (Date.now() / 1000) % 60;
    if (inMinute > 30) await new Promise((r) => setTimeout(r, (61 - inMinute) * 1000));
    // One after another (the atomicity under concurrency is the 60-guesses test's): 63 concurrent updates of
    // one counter item can meet transaction conflicts (503, retry is safe) on a busy machine.
    const answers: Answer[] = [];
    for (let i = 0; i < PUBLIC_REQUEST_LIMITS.lookUps.limit + 3; i++) answers.push(await lookUp(mine.id, mine.queryCode, client));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(PUBLIC_REQUEST_LIMITS.lookUps.limit);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(3);
  });
});

/**
 * End to end over real HTTP: the local server (the same handler modules Lambda loads) on a free port,
 * over DynamoDB Local. A new user's first path, and every kind of bad input answered with
 * problem+json naming each bad field, with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { postJson, startTestStack } from '../helpers/stack.js';
import { countItems } from '../helpers/table.js';

let stack: LocalEnvironment;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack?.stop());

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as { status: number; title: string; problems?: { path: string[]; message: string }[] };
  expect(problem.status).toBe(status);
  expect(problem.title).toBeTruthy();
  return problem;
}

describe('the first path: submit, then follow with the query code', () => {
  it('gives an id and a query code, then shows the application to whoever holds both', async () => {
    const response = await postJson(`${stack.url}/applications`, naturalPersonApplication());
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const created = (await response.json()) as { id: string; queryCode: string; status: string; receivedDate?: string };
    expect(response.headers.get('location')).toBe(`/applications/${created.id}`);
    expect(created.status).toBe('received');

    const view = await fetch(`${stack.url}/applications/${created.id}`, { headers: { 'x-query-code': created.queryCode } });
    expect(view.status).toBe(200);
    const body = (await view.json()) as { id: string; status: string; receivedDate: string; timeline: unknown[] };
    expect(body).toMatchObject({ id: created.id, status: 'received', receivedDate: created.receivedDate });
    expect(body.timeline).toHaveLength(2);

    const wrongCode = await fetch(`${stack.url}/applications/${created.id}`, { headers: { 'x-query-code': 'AAAAAA-AAAAAA-AAAAAA-AAAAAA' } });
    const wrongId = await fetch(`${stack.url}/applications/01KDVDNA00AAAAAAAAAAAAAAAA`, { headers: { 'x-query-code': created.queryCode } });
    const p1 = await expectProblem(wrongCode, 404);
    const p2 = await expectProblem(wrongId, 404);
    expect({ ...p1, instance: undefined }).toEqual({ ...p2, instance: undefined });
  });
});

describe('bad input: a clear problem, and nothing written', () => {
  const cases: { name: string; send: () => Promise<Response>; status: number; paths?: string[] }[] = [
    {
      name: 'no name and no contact',
      send: () => {
        const body = naturalPersonApplication() as Record<string, any>;
        delete body.applicant.name;
        delete body.applicant.phone;
        return postJson(`${stack.url}/applications`, body);
      },
      status: 422,
      paths: ['body.applicant.name', 'body.applicant.phone'],
    },
    {
      name: 'a legal person without organizationType',
      send: () => {
        const body = naturalPersonApplication() as Record<string, any>;
        body.applicant.type = 'legal_person';
        return postJson(`${stack.url}/applications`, body);
      },
      status: 422,
      paths: ['body.applicant.organizationType'],
    },
    {
      name: 'wrong types and unknown fields',
      send: () => {
        const body = naturalPersonApplication() as Record<string, any>;
        body.delivery = { form: 1, method: 'carrier-pigeon', speed: 'fast' };
        body.isUrgent = true;
        return postJson(`${stack.url}/applications`, body);
      },
      status: 422,
      paths: ['body.delivery.form', 'body.delivery.method', 'body.delivery.speed', 'body.isUrgent'],
    },
    {
      name: 'an unknown agency',
      send: () => postJson(`${stack.url}/applications`, naturalPersonApplication('no-such-agency')),
      status: 422,
      paths: ['body.agencyId'],
    },
    { name: 'not JSON', send: () => postJson(`${stack.url}/applications`, '{"agencyId": '), status: 400 },
    {
      name: 'a wrong content type',
      send: () => fetch(`${stack.url}/applications`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(naturalPersonApplication()) }),
      status: 415,
    },
    {
      name: 'an oversize body',
      send: () => {
        const body = naturalPersonApplication();
        body.request.description = '信'.repeat(30_000); // 90,000 bytes of UTF-8
        return postJson(`${stack.url}/applications`, body);
      },
      status: 413,
    },
    { name: 'an empty body', send: () => postJson(`${stack.url}/applications`, ''), status: 422, paths: ['body'] },
    {
      name: 'a bad Idempotency-Key',
      send: () => postJson(`${stack.url}/applications`, naturalPersonApplication(), { 'idempotency-key': 'has spaces in it' }),
      status: 422,
      paths: ['headers.idempotency-key'],
    },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const before = { cases: await countItems(stack.db, 'case'), events: await countItems(stack.db, 'event') };
      const problem = await expectProblem(await c.send(), c.status);
      if (c.paths) {
        const paths = (problem.problems ?? []).map((p) => p.path.join('.'));
        for (const path of c.paths) expect(paths).toContain(path);
        for (const p of problem.problems ?? []) expect(p.message).toMatch(/\S/);
      }
      expect(await countItems(stack.db, 'case')).toBe(before.cases);
      expect(await countItems(stack.db, 'event')).toBe(before.events);
    });
  }

  it('answers an unknown route with 404 and a wrong method with 405, as problem+json', async () => {
    await expectProblem(await fetch(`${stack.url}/nowhere`), 404);
    const wrongMethod = await fetch(`${stack.url}/applications`, { method: 'GET' });
    await expectProblem(wrongMethod, 405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});

/**
 * The contract (issue 10 item 3): every answer of the end-to-end suites is checked against the OpenAPI
 * document the stack serves (tests/helpers/stack.ts, tests/helpers/contract.ts). Here: that the checker
 * runs and catches each kind of drift, and that the typed client generated from the document
 * (tests/client/) submits and tracks an application against the running stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractChecker, type ContractChecker, type Exchange } from '../helpers/contract.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';
import { submitAndTrack } from '../client/submit-and-track.js';

let stack: TestStack;
let checker: ContractChecker;
let document: Record<string, unknown>;

beforeAll(async () => {
  stack = await startTestStack();
  document = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
  checker = await contractChecker(document);
});
afterAll(async () => stack?.stop());

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r-1', 'content-language': 'en' };
const PROBLEM_HEADERS = { 'content-type': 'application/problem+json', 'x-request-id': 'r-2', 'content-language': 'en' };

describe('the typed client generated from the document', () => {
  it('submits an application and tracks it with its query code; every answer matches the document', async () => {
    const tracked = await submitAndTrack(stack.url, 'jz-zjj');
    expect(tracked.submitted.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(tracked.view.id).toBe(tracked.submitted.id);
    expect(tracked.view.timeline.length).toBeGreaterThan(0);
    expect(tracked.wrongCode).toBe(404);
    // The answers so far (the document, the two agencies list, submit, view, the wrong code) were checked.
    expect(stack.contractChecked()).toBeGreaterThanOrEqual(4);
  });
});

describe('the checker catches drift', () => {
  let view: Exchange;

  beforeAll(async () => {
    const { submitted } = await submitAndTrack(stack.url, 'jz-zjj');
    const response = await fetch(`${stack.url}/applications/${submitted.id}`, { headers: { 'x-query-code': submitted.queryCode } });
    view = {
      method: 'GET',
      url: `/applications/${submitted.id}`,
      status: 200,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  });

  it('passes a real answer', () => {
    expect(checker.check(view)).toEqual([]);
  });

  it('a field the document does not have', () => {
    const body = JSON.stringify({ ...JSON.parse(view.body), internalNote: 'x' });
    expect(checker.check({ ...view, body }).join('\n')).toMatch(/additional properties.*internalNote/);
  });

  it('a field of the wrong type, and a required field missing', () => {
    const { timeline: _timeline, ...rest } = JSON.parse(view.body) as Record<string, unknown>;
    const problems = checker.check({ ...view, body: JSON.stringify({ ...rest, provisional: 'no' }) }).join('\n');
    expect(problems).toMatch(/provisional must be boolean/);
    expect(problems).toMatch(/timeline/);
  });

  it('a status the operation does not declare', () => {
    const problem = JSON.stringify({ type: 'https://gongkai.dev/problems/version-conflict', title: 'Version conflict', status: 409 });
    expect(checker.check({ ...view, status: 409, headers: PROBLEM_HEADERS, body: problem })).toEqual([
      expect.stringMatching(/status not declared for GetApplication/),
    ]);
  });

  it('a media type the status does not declare', () => {
    expect(checker.check({ ...view, headers: { ...JSON_HEADERS, 'content-type': 'text/html' } })).toEqual([
      expect.stringMatching(/media type text\/html not declared/),
    ]);
  });

  it('a 429 without Retry-After, and a problem that is not a problem', () => {
    const problems = checker.check({ ...view, status: 429, headers: PROBLEM_HEADERS, body: JSON.stringify({ title: 'Too many' }) });
    expect(problems.join('\n')).toMatch(/required header Retry-After missing/);
    expect(problems.join('\n')).toMatch(/must have required property 'type'/);
    const fine = JSON.stringify({ type: 'https://gongkai.dev/problems/too-many-requests', title: 'Too many requests', status: 429 });
    expect(checker.check({ ...view, status: 429, headers: { ...PROBLEM_HEADERS, 'retry-after': 'soon' }, body: fine }).join('\n')).toMatch(
      /header.*retry-after.*must be integer/,
    );
  });

  it('a report as CSV and HTML is declared; JSON without X-Report-Published is not', () => {
    const report = { method: 'GET', url: '/reports/2025?format=csv', status: 200, body: '\ufeffa,b\n' };
    const csv = { ...report, headers: { ...JSON_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'x-report-published': 'false' } };
    expect(checker.check(csv)).toEqual([]);
    expect(checker.check({ ...csv, headers: { ...csv.headers, 'content-type': 'text/html; charset=utf-8' } })).toEqual([]);
    expect(checker.check({ ...csv, headers: JSON_HEADERS }).join('\n')).toMatch(/required header X-Report-Published missing/);
  });
});

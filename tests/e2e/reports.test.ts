/**
 * The year-end statistics over real HTTP (docs/architecture.md "The API": GET /reports/{year}, POST
 * /reports/{year}/generate, and the drill-down GET /reports/{year}/cells/{cellId}): JSON, CSV with a BOM and
 * HTML; published or generated on the fly; who may ask for what (an officer their own agency's own report,
 * a supervisor their subtree, nobody another tree); 422 naming the broken identity.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { putAgency } from '../../shared/store/agencies.js';
import { getReportRecord, putReportRecord } from '../../shared/store/reports.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { call, tokenFor } from '../helpers/api.js';
import { startTestStack } from '../helpers/stack.js';

let stack: LocalEnvironment;
let folder: string;
const tokens = { officer: '', supervisor: '', fgwOfficer: '', otherTree: '' };
const created: string[] = [];
let fgwCase = '';

async function register(token: string, receivedDate: string, replyDate?: string): Promise<string> {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  const response = await call(stack, 'POST', '/cases', { token, body: { ...application, channel: 'in_person', receivedDate } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  if (replyDate) {
    const reply = await call(stack, 'POST', `/cases/${response.body.id}/actions`, {
      token,
      body: { type: 'reply', outcome: 'disclosed', date: replyDate, expectedVersion: response.body.version },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
  return response.body.id as string;
}

/** A raw GET (the report may not be JSON). */
async function get(path: string, token: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gongkai-e2e-reports-'));
  // The handlers choose the report storage from the environment (no REPORT_BUCKET: this folder).
  process.env.REPORTS_DIR = folder;
  stack = await startTestStack();
  const now = new Date().toISOString();
  await putAgency(stack.db, { id: 'hz', name: '海州市人民政府', parentId: null, autoConfirmOnline: true, calendarRegion: null, updatedAt: now, updatedBy: 'test' });
  tokens.officer = await tokenFor(stack, 'jz-zjj', 'officer');
  tokens.supervisor = await tokenFor(stack, 'jz', 'supervisor');
  tokens.fgwOfficer = await tokenFor(stack, 'jz-fgw', 'officer');
  tokens.otherTree = await tokenFor(stack, 'hz', 'supervisor');
  created.push(await register(tokens.officer, '2025-03-03', '2025-03-12'));
  created.push(await register(tokens.officer, '2025-06-02', '2025-06-16'));
  created.push(await register(tokens.officer, '2025-12-30'));
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  delete process.env.REPORTS_DIR;
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('GET /reports/{year}', () => {
  it('generates the report on the fly, not stored, as JSON', async () => {
    const response = await call(stack, 'GET', '/reports/2025', { token: tokens.officer });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('x-report-published')).toBe('false');
    expect(response.body).toMatchObject({ published: false, templateId: 'cn-2021', year: 2025, agencyId: 'jz-zjj', scope: 'self', agencyName: '江州市住房和城乡建设局' });
    expect(response.body.identityCheck).toMatchObject({ passed: true, identities: [1, 2, 3, 5], previousYear: null });
    expect(response.body.cells['cn-2021.new.natural_person'].value).toBe(3);
    expect(response.body.cells['cn-2021.disclosed.total'].value).toBe(2);
    expect(response.body.cells['cn-2021.carried_out.total'].value).toBe(1);
  });

  it('as CSV with a byte-order mark and a file name, and as HTML', async () => {
    const csv = await get('/reports/2025?format=csv', tokens.officer);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="2025-cn-2021-self-jz-zjj.csv"');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('江州市住房和城乡建设局2025年政府信息公开工作年度报告');
    expect(text).toContain('一、本年新收政府信息公开申请数量,,,3,0,0,0,0,0,3');

    const html = await get('/reports/2025?format=html&template=cn-2008', tokens.officer);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('x-report-published')).toBe('false');
    const page = html.bytes.toString('utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<td class="num" data-cell="cn-2008.received_in_person.count">3</td>');
  });

  it('lets an officer see only their own agency, own report; another tree does not exist', async () => {
    const subtree = await call(stack, 'GET', '/reports/2025?scope=subtree', { token: tokens.officer });
    expect(subtree.status).toBe(403);
    const sibling = await call(stack, 'GET', '/reports/2025?agencyId=jz-zjj', { token: tokens.fgwOfficer });
    expect(sibling.status).toBe(422);
    expect(sibling.body.problems).toEqual([{ path: ['query', 'agencyId'], message: 'is not a known agency' }]);
    const otherTree = await call(stack, 'GET', '/reports/2025?agencyId=jz-zjj', { token: tokens.otherTree });
    expect(otherTree.status).toBe(422);
    expect(otherTree.body.problems).toEqual([{ path: ['query', 'agencyId'], message: 'is not a known agency' }]);
    const consolidated = await call(stack, 'GET', '/reports/2025?agencyId=jz&scope=subtree', { token: tokens.supervisor });
    expect(consolidated.status).toBe(200);
    expect(consolidated.body.cells['cn-2021.new.total'].value).toBe(3);
    expect(consolidated.body.identityCheck.identities).toContain(8);
  });

  it('refuses a year that has not begun, and a bad template or format, naming the field', async () => {
    const future = await call(stack, 'GET', `/reports/${new Date().getUTCFullYear() + 2}`, { token: tokens.officer });
    expect(future.status).toBe(422);
    expect(future.body.problems[0].path).toEqual(['params', 'year']);
    const bad = await call(stack, 'GET', '/reports/2025?template=cn-2030&format=pdf', { token: tokens.officer });
    expect(bad.status).toBe(422);
    expect(bad.body.problems.map((p: { path: string[] }) => p.path.join('.')).sort()).toEqual(['query.format', 'query.template']);
  });
});

describe('POST /reports/{year}/generate', () => {
  it('is for supervisors only', async () => {
    const response = await call(stack, 'POST', '/reports/2025/generate', { token: tokens.officer, body: {} });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses another tree and a year that is not over', async () => {
    const other = await call(stack, 'POST', '/reports/2025/generate', { token: tokens.otherTree, body: { agencyId: 'jz-zjj' } });
    expect(other.status).toBe(422);
    expect(other.body.problems).toEqual([{ path: ['body', 'agencyId'], message: 'is not a known agency' }]);
    const current = await call(stack, 'POST', `/reports/${new Date().getUTCFullYear()}/generate`, { token: tokens.supervisor, body: {} });
    expect(current.status).toBe(422);
    expect(current.body.problems[0].path).toEqual(['params', 'year']);
  });

  it('publishes: 201 with where the files are; then GET serves the published report', async () => {
    const response = await call(stack, 'POST', '/reports/2025/generate', { token: tokens.supervisor, body: { agencyId: 'jz-zjj' } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.headers.get('location')).toBe('/reports/2025?agencyId=jz-zjj&scope=self&template=cn-2021');
    expect(response.body).toMatchObject({
      published: true,
      publishedBy: 'supervisor@jz',
      storage: folder,
      files: { json: 'reports/2025/cn-2021/self/jz-zjj.json', csv: 'reports/2025/cn-2021/self/jz-zjj.csv', html: 'reports/2025/cn-2021/self/jz-zjj.html' },
    });
    const again = await call(stack, 'GET', '/reports/2025', { token: tokens.officer });
    expect(again.headers.get('x-report-published')).toBe('true');
    expect(again.body.published).toBe(true);
    expect(again.body.cells).toEqual(response.body.cells);
    const csv = await get('/reports/2025?format=csv', tokens.officer);
    expect(csv.headers.get('x-report-published')).toBe('true');
  });

  it('answers 422 naming the broken identity and its cells, and publishes nothing', async () => {
    const fgw = await tokenFor(stack, 'jz-fgw', 'officer');
    fgwCase = await register(fgw, '2024-12-16', '2025-01-06');
    const published = await call(stack, 'POST', '/reports/2024/generate', { token: tokens.supervisor, body: { agencyId: 'jz-fgw' } });
    expect(published.status).toBe(201);
    const record = (await getReportRecord(stack.db, { agencyId: 'jz-fgw', year: 2024, templateId: 'cn-2021', scope: 'self' }))!;
    record.values['cn-2021.carried_out.natural_person'] = 0;
    record.values['cn-2021.carried_out.total'] = 0;
    await putReportRecord(stack.db, record);
    const response = await call(stack, 'POST', '/reports/2025/generate', { token: tokens.supervisor, body: { agencyId: 'jz-fgw' } });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.type).toBe('https://gongkai.dev/problems/report-identities');
    expect(response.body.violations).toEqual([
      expect.objectContaining({ identity: 6, cellIds: ['cn-2021.carried_in.natural_person', 'cn-2021.carried_out.natural_person'] }),
      expect.objectContaining({ identity: 6, cellIds: ['cn-2021.carried_in.total', 'cn-2021.carried_out.total'] }),
    ]);
    expect(await getReportRecord(stack.db, { agencyId: 'jz-fgw', year: 2025, templateId: 'cn-2021', scope: 'self' })).toBeUndefined();
  });
});

describe('GET /reports/{year}/cells/{cellId}', () => {
  it('lists the cases behind a figure, within the caller’s scope', async () => {
    const own = await call(stack, 'GET', '/reports/2025/cells/cn-2021.new.total', { token: tokens.officer });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ year: 2025, agencyId: 'jz-zjj', scope: 'self', cellId: 'cn-2021.new.total' });
    expect([...own.body.caseIds].sort()).toEqual([...created].sort());
    expect(own.body.cursor).toBeUndefined();

    // Disclosed in 2025 across the city: jz-zjj's two and 发改委's case of December 2024.
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await call(stack, 'GET', `/reports/2025/cells/cn-2021.disclosed.total?agencyId=jz&scope=subtree&limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
        token: tokens.supervisor,
      });
      expect(page.status).toBe(200);
      pages.push(page.body.caseIds);
      cursor = page.body.cursor;
    } while (cursor);
    expect(pages.slice(0, 3).map((p) => p.length)).toEqual([1, 1, 1]);
    expect(pages.flat().sort()).toEqual([created[0], created[1], fgwCase].sort());

    const otherTree = await call(stack, 'GET', '/reports/2025/cells/cn-2021.new.total?agencyId=jz-zjj', { token: tokens.otherTree });
    expect(otherTree.status).toBe(422);
    const unknownCell = await call(stack, 'GET', '/reports/2025/cells/cn-2021.nope.total', { token: tokens.officer });
    expect(unknownCell.status).toBe(422);
    expect(unknownCell.body.problems[0].path).toEqual(['params', 'cellId']);
  });

  it('is in the OpenAPI document with the other report routes', async () => {
    const document = await call(stack, 'GET', '/openapi.json');
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/reports/{year}', '/reports/{year}/generate', '/reports/{year}/cells/{cellId}']));
    expect(document.body.paths['/reports/{year}/generate'].post['x-roles']).toEqual(['supervisor']);
  });
});

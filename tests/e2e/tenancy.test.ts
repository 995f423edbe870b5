/**
 * Tenants (issue 13, items 1–3): no agency touches another tenant's deadlines or cases.
 * - the national calendar is written by the platform administrator only; a region's overrides by an admin
 *   whose tree uses the region; the recomputation counts in an answer cover the caller's tree only;
 * - officer + admin is not a supervisor: case access follows the officer and supervisor roles only;
 * - tenant roots are created by the platform administrator only; a tenant admin works inside its tree;
 * - the public list of agencies shows each agency's tree path, and public submissions go only to agencies
 *   that accept online applications.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { mintToken } from '../../infra/local/tokens.js';
import { putAgency } from '../../shared/store/agencies.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { call, platformToken, tokenFor } from '../helpers/api.js';
import { startTestStack } from '../helpers/stack.js';
import { countItems } from '../helpers/table.js';

let stack: LocalEnvironment;
const tokens: Record<string, string> = {};
let jzCase = '';
let jzCaseDue = '';

function registration(receivedDate = '2026-11-20') {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  return { ...application, channel: 'in_person', receivedDate };
}

beforeAll(async () => {
  stack = await startTestStack();
  const now = new Date().toISOString();
  const agency = (id: string, name: string, parentId: string | null, calendarRegion: string | null = null) =>
    putAgency(stack.db, { id, name, parentId, autoConfirmOnline: true, calendarRegion, updatedAt: now, updatedBy: 'test' });
  // Another tenant: 海州市, with a department that uses the calendar region `hz-region`; and a region both
  // trees use (`shared-region`).
  await agency('hz', '海州市人民政府', null);
  await agency('hz-zjj', '海州市住房和城乡建设局', 'hz', 'hz-region');
  await agency('hz-mzj', '海州市民族宗教事务局', 'hz', 'shared-region');
  await agency('jz-mzj', '江州市民族宗教事务局', 'jz', 'shared-region');
  tokens.jzAdmin = await tokenFor(stack, 'jz', 'admin');
  tokens.hzAdmin = await tokenFor(stack, 'hz', 'admin');
  tokens.platform = await platformToken(stack);
  const officer = await tokenFor(stack, 'jz-zjj', 'officer');
  const created = await call(stack, 'POST', '/cases', { token: officer, body: registration() });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  jzCase = created.body.id;
  jzCaseDue = created.body.dueDate;
  // A case of 江州市 in the shared region, open, whose deadline a regional override could move.
  const mzjOfficer = await tokenFor(stack, 'jz-mzj', 'officer');
  expect((await call(stack, 'POST', '/cases', { token: mzjOfficer, body: { ...registration(), agencyId: 'jz-mzj' } })).status).toBe(201);
});
afterAll(async () => stack?.stop());

async function nationalYear(year: number) {
  const current = await call(stack, 'GET', `/calendar/${year}`, { token: tokens.jzAdmin });
  expect(current.status).toBe(200);
  const { holidays, workdays, source } = current.body.national;
  return { holidays, workdays, source };
}

describe('the national calendar and the regional overrides', () => {
  it("an admin of another tree cannot add holidays to the national calendar (403), and a city bureau's deadline stays", async () => {
    const year = await nationalYear(2026);
    const forged = {
      ...year,
      holidays: [...year.holidays, ...['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map((date) => ({ date, name: '伪造' }))],
    };
    for (const token of [tokens.hzAdmin!, tokens.jzAdmin!]) {
      const answer = await call(stack, 'PUT', '/calendar/2026', { token, body: forged });
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
    }
    const officer = await tokenFor(stack, 'jz-zjj', 'officer');
    expect((await call(stack, 'GET', `/cases/${jzCase}`, { token: officer })).body.dueDate).toBe(jzCaseDue);
    expect((await nationalYear(2026)).holidays).toEqual(year.holidays);
  });

  it('the platform administrator writes the national calendar', async () => {
    const year = await nationalYear(2026);
    const answer = await call(stack, 'PUT', '/calendar/2026', { token: tokens.platform, body: { ...year, source: `${year.source} (re-loaded)` } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.recomputed.examined).toBeGreaterThanOrEqual(2);
  });

  it("a region's overrides only by an admin whose tree uses the region", async () => {
    const body = { region: 'hz-region', holidays: [{ date: '2026-12-24', name: '海州地方节日' }], workdays: [], source: '海州市人民政府通知' };
    expect((await call(stack, 'PUT', '/calendar/2026', { token: tokens.jzAdmin, body })).status).toBe(403);
    expect((await call(stack, 'PUT', '/calendar/2026', { token: tokens.hzAdmin, body })).status).toBe(200);
    const unused = { ...body, region: 'nobody-uses-this' };
    expect((await call(stack, 'PUT', '/calendar/2026', { token: tokens.hzAdmin, body: unused })).status).toBe(403);
  });

  it("the recomputation counts cover the caller's tree only", async () => {
    const body = { region: 'shared-region', holidays: [{ date: '2026-12-24', name: '民族节日' }], workdays: [], source: '地方通知' };
    // 海州市 has no open case in the shared region; 江州市 has one.
    const hz = await call(stack, 'PUT', '/calendar/2026', { token: tokens.hzAdmin, body });
    expect(hz.status).toBe(200);
    expect(hz.body.recomputed.examined).toBe(0);
    const jz = await call(stack, 'PUT', '/calendar/2026', { token: tokens.jzAdmin, body });
    expect(jz.status).toBe(200);
    expect(jz.body.recomputed.examined).toBe(1);
  });
});

describe('an admin manages agencies and calendars, not cases', () => {
  it('officer + admin of 江州市 is not a supervisor: a case of a department is 404, the worklist 422', async () => {
    const both = await mintToken(stack.key, { sub: 'both', name: 'both', agencyId: 'jz', roles: ['officer', 'admin'] });
    expect((await call(stack, 'GET', `/cases/${jzCase}`, { token: both })).status).toBe(404);
    expect((await call(stack, 'GET', '/cases?agencyId=jz-zjj', { token: both })).status).toBe(422);
    const action = { type: 'start_consultation', date: '2026-11-23', party: 'other_agency', name: '江州市自然资源和规划局', expectedVersion: 1 };
    expect((await call(stack, 'POST', `/cases/${jzCase}/actions`, { token: both, body: action })).status).toBe(404);
    // Its own agency's cases it sees as an officer.
    expect((await call(stack, 'GET', '/cases?agencyId=jz', { token: both })).status).toBe(200);
  });
});

describe('tenant roots', () => {
  it('a tenant admin cannot create a root, not even its own id: the platform creates roots', async () => {
    const squatter = await tokenFor(stack, 'sh-gov', 'admin');
    const before = await countItems(stack.db, 'agency');
    const squat = await call(stack, 'PUT', '/agencies/sh-gov', { token: squatter, body: { name: '上海市人民政府', parentId: null } });
    expect(squat.status).toBe(403);
    const other = await call(stack, 'PUT', '/agencies/sh-other', { token: tokens.jzAdmin, body: { name: '某市人民政府', parentId: null } });
    expect(other.status).toBe(403);
    expect(await countItems(stack.db, 'agency')).toBe(before);

    const root = await call(stack, 'PUT', '/agencies/sh-gov', { token: tokens.platform, body: { name: '上海市人民政府', parentId: null } });
    expect(root.status, JSON.stringify(root.body)).toBe(200);
    // The tenant's admin then builds its tree; 江州市's admin cannot put anything under it.
    const shAdmin = await tokenFor(stack, 'sh-gov', 'admin');
    expect((await call(stack, 'PUT', '/agencies/sh-fgw', { token: shAdmin, body: { name: '上海市发展和改革委员会', parentId: 'sh-gov' } })).status).toBe(200);
    expect((await call(stack, 'PUT', '/agencies/sh-fake', { token: tokens.jzAdmin, body: { name: '上海市某局', parentId: 'sh-gov' } })).status).toBe(422);
  });

  it('the platform cannot turn an existing agency of a tree into a root', async () => {
    const answer = await call(stack, 'PUT', '/agencies/jz-zjj', { token: tokens.platform, body: { name: '江州市住房和城乡建设局', parentId: null } });
    expect(answer.status).toBe(422);
    expect(answer.body.problems[0].path).toEqual(['body', 'parentId']);
  });

  it('the platform has no agency of its own: no case route lets it in', async () => {
    expect((await call(stack, 'GET', '/cases', { token: tokens.platform })).status).toBe(403);
    expect((await call(stack, 'GET', `/cases/${jzCase}`, { token: tokens.platform })).status).toBe(403);
  });
});

describe('the public list of agencies and online submissions', () => {
  it('lists every agency that accepts online applications with its tree path, without a token', async () => {
    const answer = await call(stack, 'GET', '/public/agencies');
    expect(answer.status).toBe(200);
    const zjj = answer.body.items.find((a: { id: string }) => a.id === 'jz-zjj');
    expect(zjj).toEqual({
      id: 'jz-zjj',
      name: '江州市住房和城乡建设局',
      path: ['江州市人民政府', '江州市住房和城乡建设局'],
      pathText: '江州市人民政府 / 江州市住房和城乡建设局',
    });
    // No officer's identity or internal setting in the public list.
    expect(JSON.stringify(answer.body)).not.toContain('updatedBy');
  });

  it('an agency that does not accept online applications is not listed and refuses submissions (422 naming agencyId)', async () => {
    const change = await call(stack, 'PUT', '/agencies/jz-gaj', {
      token: tokens.jzAdmin,
      body: { name: '江州市公安局', parentId: 'jz', acceptsOnlineApplications: false },
    });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    expect(change.body.acceptsOnlineApplications).toBe(false);
    const list = await call(stack, 'GET', '/public/agencies');
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain('jz-gaj');
    const before = await countItems(stack.db, 'case');
    const submitted = await call(stack, 'POST', '/applications', { body: naturalPersonApplication('jz-gaj') });
    expect(submitted.status).toBe(422);
    expect(submitted.body.problems).toEqual([expect.objectContaining({ path: ['body', 'agencyId'] })]);
    expect(await countItems(stack.db, 'case')).toBe(before);
    // An officer still registers a paper application for it (in person and by mail may never be refused).
    const officer = await tokenFor(stack, 'jz-gaj', 'officer');
    expect((await call(stack, 'POST', '/cases', { token: officer, body: registration() })).status).toBe(201);
  });
});

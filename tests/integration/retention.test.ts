/**
 * Retention and erasure of applicants' personal data (#13 item 8) over DynamoDB Local, with cases made
 * through the services. Today is 2026-11-29 (Beijing); jz-fgw's administrator set its retention to 30 years.
 *
 * | case | agency (retention) | received   | what happens                                      | the job on 2026-11-29    |
 * |------|--------------------|------------|---------------------------------------------------|--------------------------|
 * | R1   | jz-zjj (10)        | 2015-03-02 | disclosed 2015-03-16                              | anonymised (> 10 years)  |
 * | R2   | jz-zjj             | 2015-06-01 | withheld 2015-06-15; lawsuit 2015-07-01, pending  | held: the lawsuit pends  |
 * | R3   | jz-zjj             | 2016-12-01 | disclosed 2016-12-05 (10 years on 2026-12-05)     | kept; anonymised 12-05   |
 * | R4   | jz-fgw (30)        | 2015-03-02 | disclosed 2015-03-16                              | kept (30 years)          |
 * | R5   | jz-zjj             | 2015-04-01 | withdrawn 2015-04-03                              | anonymised               |
 * | R6   | jz-zjj             | 2016-11-28 | disclosed 2016-11-29 (exactly 10 years)           | anonymised (on the day)  |
 *
 * The 2015 and 2016 statistics of jz-zjj, and of the whole tree, are the same report before and after.
 */
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import { IllegalActionError } from '../../shared/domain/errors.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Caller } from '../../shared/caller.js';
import type { CaseActionBody } from '../../shared/http/schemas.js';
import { listCases } from '../../shared/services/cases.js';
import { upsertAgency } from '../../shared/services/admin.js';
import { actOnCase, registerCase } from '../../shared/services/cases.js';
import { readReport } from '../../shared/services/reports.js';
import { anonymiseExpiredCases, eraseApplicantData, retentionCutoff } from '../../shared/services/retention.js';
import { clearAgencyTreeCache } from '../../shared/services/visibility.js';
import { clearAgencyCache, getAgency } from '../../shared/store/agencies.js';
import { getCase, listEvents } from '../../shared/store/cases.js';
import { caseKey } from '../../shared/store/keys.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const NOW = at('2026-11-29');
const ID_NUMBER = '110101199003077774';
const officer = (agencyId: string): Caller => ({ sub: `officer@${agencyId}`, name: `officer of ${agencyId}`, agencyId, roles: ['officer'] });
const supervisor = (agencyId: string): Caller => ({ sub: `supervisor@${agencyId}`, name: `supervisor of ${agencyId}`, agencyId, roles: ['supervisor'] });
const admin = (agencyId: string): Caller => ({ sub: `admin@${agencyId}`, name: `admin of ${agencyId}`, agencyId, roles: ['admin'] });

/** Everything that names the applicant in the fixture, the name included. */
const IDENTIFYING = ['张三', ID_NUMBER, '13800000000', 'applicant@example.com', '湖滨路8号', '100010', '江州示例厂', '保障性住房', '江建〔2025〕12号', '核实本人排序'];

async function register(agencyId: string, receivedDate: string): Promise<string> {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  application.applicant.email = 'applicant@example.com';
  application.applicant.address = '江州市青山区湖滨路8号';
  application.applicant.postalCode = '100010';
  application.applicant.workUnit = '江州示例厂';
  const view = await registerCase(db, officer(agencyId), { ...application, agencyId, channel: 'mail', receivedDate }, { now: at(receivedDate) });
  return view.id;
}

async function act(id: string, date: string, action: Record<string, unknown>): Promise<void> {
  const record = (await getCase(db, id))!;
  await actOnCase(db, officer(record.agencyId), id, { ...action, date, expectedVersion: record.version } as CaseActionBody, at(date));
}

/** Every item of the case's partition (the case, its events, its appeal markers), as a table export holds them. */
async function partition(id: string): Promise<Record<string, unknown>[]> {
  const out = await db.doc.send(
    new QueryCommand({ TableName: db.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': caseKey(id).PK }, ConsistentRead: true }),
  );
  return out.Items!;
}

async function caseItem(id: string): Promise<Record<string, unknown>> {
  return (await partition(id)).find((item) => item.SK === 'CASE')!;
}

const reports = async (years: readonly number[] = [2015, 2016]) =>
  Promise.all(
    years.flatMap((year) => [
      readReport(db, { year, agencyId: 'jz-zjj', scope: 'self', now: NOW }),
      readReport(db, { year, agencyId: 'jz', scope: 'subtree', now: NOW }),
    ]),
  );

const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
  const fgw = (await getAgency(db, 'jz-fgw', { fresh: true }))!;
  await upsertAgency(db, admin('jz'), 'jz-fgw', { name: fgw.name, parentId: fgw.parentId, retentionYears: 30 }, NOW);
  clearAgencyCache();
  clearAgencyTreeCache();
  ids.R1 = await register('jz-zjj', '2015-03-02');
  await act(ids.R1, '2015-03-16', { type: 'reply', outcome: 'disclosed' });
  ids.R2 = await register('jz-zjj', '2015-06-01');
  await act(ids.R2, '2015-06-15', { type: 'reply', outcome: 'withheld.privacy' });
  await act(ids.R2, '2015-07-01', { type: 'file_lawsuit', afterReconsideration: false });
  ids.R3 = await register('jz-zjj', '2016-12-01');
  await act(ids.R3, '2016-12-05', { type: 'reply', outcome: 'disclosed' });
  ids.R4 = await register('jz-fgw', '2015-03-02');
  await act(ids.R4, '2015-03-16', { type: 'reply', outcome: 'disclosed' });
  ids.R5 = await register('jz-zjj', '2015-04-01');
  await act(ids.R5, '2015-04-03', { type: 'withdraw' });
  ids.R6 = await register('jz-zjj', '2016-11-28');
  await act(ids.R6, '2016-11-29', { type: 'reply', outcome: 'disclosed' });
}, 180_000);
afterAll(async () => db?.drop());

describe('the retention period', () => {
  it('counts whole years back from today (29 February as 28 in a common year)', () => {
    expect(retentionCutoff('2026-11-29', 10)).toBe('2016-11-29');
    expect(retentionCutoff('2026-01-01', 10)).toBe('2016-01-01');
    expect(retentionCutoff('2034-02-28', 10)).toBe('2024-02-28');
    expect(retentionCutoff('2028-02-29', 1)).toBe('2027-02-28');
    expect(retentionCutoff('2028-02-29', 4)).toBe('2024-02-29');
  });

  it('is 10 years unless the agency sets its own, and only whole years from 1 to 100', async () => {
    expect((await getAgency(db, 'jz-zjj', { fresh: true }))!.retentionYears).toBe(10);
    expect((await getAgency(db, 'jz-fgw', { fresh: true }))!.retentionYears).toBe(30);
    // Changing another field keeps the agency's period.
    const fgw = (await getAgency(db, 'jz-fgw', { fresh: true }))!;
    await upsertAgency(db, admin('jz'), 'jz-fgw', { name: fgw.name, parentId: fgw.parentId, autoConfirmOnline: true }, NOW);
    expect((await getAgency(db, 'jz-fgw', { fresh: true }))!.retentionYears).toBe(30);
  });
});

describe('the retention job', () => {
  it('anonymises exactly the cases past their agency period, keeps every statistic, and records why', async () => {
    const before = await reports();
    // The reports count these cases (R1, R2, R5 received in 2015 by jz-zjj; R4 too in the tree's).
    expect(before[0]!.report.cells['cn-2008.received.count']!.value).toBe(3);
    expect(before[1]!.report.cells['cn-2008.received.count']!.value).toBe(4);
    const summary = await anonymiseExpiredCases(db, NOW);
    expect(summary).toMatchObject({ today: '2026-11-29', anonymised: 3, heldForAppeal: 1, conflicts: 0 });

    // The same reports, cell for cell (the statistics never read an identity).
    expect(await reports()).toEqual(before);

    for (const id of [ids.R1!, ids.R5!, ids.R6!]) {
      const item = await caseItem(id);
      const exported = JSON.stringify(await partition(id));
      for (const gone of IDENTIFYING) expect(exported, gone).not.toContain(gone);
      for (const attribute of ['applicantSealed', 'identityIndex', 'queryCodeHash', 'applicantName']) expect(item).not.toHaveProperty(attribute);
      expect(item.anonymisedAt).toBe(NOW.toISOString());
      expect(item.applicant).toEqual({ type: 'natural_person', name: '', idDocument: { type: 'resident_id' } });
      expect(item.request).toEqual({ description: '' });
      const events = await listEvents(db, id);
      expect(events.at(-1)).toMatchObject({ type: 'anonymise', reason: 'retention', retentionYears: 10, actor: { role: 'system' }, effectiveDate: '2026-11-29' });
      const record = (await getCase(db, id))!;
      expect(record.version).toBe(events.length);
      expect(record.applicant.idDocument.number).toBe('');
    }
    for (const id of [ids.R2!, ids.R3!, ids.R4!]) {
      expect((await getCase(db, id))!.applicant.idDocument.number).toBe(ID_NUMBER);
      expect((await listEvents(db, id)).some((e) => e.type === 'anonymise')).toBe(false);
    }

    // Again the same day (a retry): nothing left to do, no second event.
    expect(await anonymiseExpiredCases(db, NOW)).toMatchObject({ anonymised: 0, heldForAppeal: 1, conflicts: 0 });
    expect((await listEvents(db, ids.R1!)).filter((e) => e.type === 'anonymise')).toHaveLength(1);
    // A run whose time is up stops before it reads a page, and says so; the next run does the work.
    expect(await anonymiseExpiredCases(db, at('2026-12-05'), { stopAt: Date.now() - 1 })).toMatchObject({ anonymised: 0, unfinished: true });
    // R3 falls due on 2026-12-05; R2 once its lawsuit is decided.
    expect(await anonymiseExpiredCases(db, at('2026-12-05'))).toMatchObject({ anonymised: 1, heldForAppeal: 1, unfinished: false });
    await act(ids.R2!, '2026-12-07', { type: 'decide_lawsuit', result: 'upheld' });
    expect(await anonymiseExpiredCases(db, at('2026-12-08'))).toMatchObject({ anonymised: 1, heldForAppeal: 0 });
    expect((await getCase(db, ids.R2!))!.anonymisedAt).toBe(at('2026-12-08').toISOString());
  });

  it('leaves the closed worklist listing the anonymised cases, last and without a name', async () => {
    const page = await listCases(db, supervisor('jz-zjj'), { status: 'closed', limit: 100 });
    const rows = page.items as { id: string; applicantName: string }[];
    const anonymised = [ids.R1!, ids.R5!, ids.R6!, ids.R3!, ids.R2!];
    expect(rows.slice(-anonymised.length).map((r) => r.id).sort()).toEqual([...anonymised].sort());
    for (const row of rows.filter((r) => anonymised.includes(r.id))) expect(row.applicantName).toBe('');
  });
});

describe('erasure on a lawful deletion request (PIPL Art. 47)', () => {
  it("lets an administrator of the agency's tree erase a closed case at once, recorded as an event", async () => {
    const id = await register('jz-zjj', '2026-03-02');
    await act(id, '2026-03-10', { type: 'reply', outcome: 'disclosed' });
    // The 2026 statistics (cn-2021) count the erased case: the same report before and after.
    const before = await reports([2026]);
    expect(before[0]!.report.cells['cn-2021.new.natural_person']!.value).toBeGreaterThan(0);
    const note = '删除申请 2026-017，个人信息保护法第四十七条';
    const result = await eraseApplicantData(db, admin('jz'), id, { note }, NOW);
    expect(result).toEqual({ id, version: 3, anonymisedAt: NOW.toISOString() });
    expect((await listEvents(db, id)).at(-1)).toMatchObject({ type: 'anonymise', reason: 'erasure_request', note, actor: { sub: 'admin@jz', role: 'admin' } });
    const exported = JSON.stringify(await partition(id));
    for (const gone of IDENTIFYING) expect(exported, gone).not.toContain(gone);
    expect(await reports([2026])).toEqual(before);
    // Again: answered as it is, no second event.
    expect(await eraseApplicantData(db, admin('jz'), id, { note }, at('2026-11-30'))).toEqual(result);
    expect(await listEvents(db, id)).toHaveLength(3);
    // The job finds nothing to do with it either.
    expect(await anonymiseExpiredCases(db, at('2036-03-10'))).toMatchObject({ conflicts: 0 });
    expect(await listEvents(db, id)).toHaveLength(3);
  });

  it('refuses an open case and one with a pending appeal, and answers 404 to anyone but an admin of the tree', async () => {
    const open = await register('jz-zjj', '2026-11-02');
    const rule = (id: string) => (e: unknown) => e instanceof IllegalActionError && e.rule === id;
    await expect(eraseApplicantData(db, admin('jz'), open, { note: 'x' }, NOW)).rejects.toSatisfy(rule('erasure.case_open'));
    const appealed = await register('jz-zjj', '2026-06-01');
    await act(appealed, '2026-06-10', { type: 'reply', outcome: 'withheld.privacy' });
    await act(appealed, '2026-07-01', { type: 'file_reconsideration' });
    await expect(eraseApplicantData(db, admin('jz'), appealed, { note: 'x' }, NOW)).rejects.toSatisfy(rule('erasure.appeal_pending'));
    await expect(eraseApplicantData(db, officer('jz-fgw'), ids.R4!, { note: 'x' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(eraseApplicantData(db, supervisor('jz'), ids.R4!, { note: 'x' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(eraseApplicantData(db, admin('jz-qingshan'), ids.R4!, { note: 'x' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    for (const id of [open, appealed, ids.R4!]) {
      expect((await getCase(db, id))!.anonymisedAt).toBeUndefined();
      expect((await getCase(db, id))!.applicant.idDocument.number).toBe(ID_NUMBER);
    }
  });

  it('leaves no identity of an erased or anonymised case anywhere in the table', async () => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const anonymised = new Set(items.filter((i) => i.SK === 'CASE' && i.anonymisedAt).map((i) => i.PK));
    expect(anonymised.size).toBe(6);
    const theirs = items.filter((i) => anonymised.has(i.PK as string));
    const text = JSON.stringify(theirs);
    for (const gone of IDENTIFYING) expect(text, gone).not.toContain(gone);
  });
});

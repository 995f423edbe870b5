/**
 * Retention and erasure (#13 item 8) over DynamoDB Local, with cases made through the services:
 *
 * | case | agency (retention)      | received   | what happens                                        | on 2026-11-29          |
 * |------|-------------------------|------------|-----------------------------------------------------|------------------------|
 * | R1   | jz-zjj (10, default)    | 2015-03-02 | disclosed 2015-03-16                                | anonymised (> 10 years) |
 * | R2   | jz-zjj                  | 2015-06-01 | withheld 2015-06-15; lawsuit 2015-07-01, pending    | held: appeal pending    |
 * | R3   | jz-zjj                  | 2016-12-01 | disclosed 2016-12-05 (10 years on 2026-12-05)       | kept (not yet due)      |
 * | R4   | jz-fgw (set to 30)      | 2015-03-02 | disclosed 2015-03-16                                | kept (30 years)         |
 * | R5   | jz-zjj                  | 2015-04-01 | withdrawn 2015-04-03                                | anonymised              |
 *
 * The 2015 statistics of jz-zjj are the same report before and after.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import { IllegalActionError, NotFoundError } from '../../shared/domain/errors.js';
import type { Caller } from '../../shared/http/auth.js';
import type { CaseActionBody } from '../../shared/http/schemas.js';
import { upsertAgency } from '../../shared/services/admin.js';
import { actOnCase, registerCase } from '../../shared/services/cases.js';
import { readReport } from '../../shared/services/reports.js';
import { anonymiseExpiredCases, eraseApplicantData, retentionCutoff } from '../../shared/services/retention.js';
import { clearAgencyCache, getAgency } from '../../shared/store/agencies.js';
import { getCase, listEvents } from '../../shared/store/cases.js';
import { caseKey } from '../../shared/store/keys.js';
import { clearAgencyTreeCache } from '../../shared/services/scope.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const NOW = at('2026-11-29');
const officer = (agencyId: string): Caller => ({ sub: `officer@${agencyId}`, name: `officer of ${agencyId}`, agencyId, roles: ['officer'] });
const admin = (agencyId: string): Caller => ({ sub: `admin@${agencyId}`, name: `admin of ${agencyId}`, agencyId, roles: ['admin'] });

async function register(agencyId: string, receivedDate: string): Promise<string> {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  application.applicant.email = 'applicant@example.com';
  application.applicant.address = '江州市青山区湖滨路8号';
  return (await registerCase(db, officer(agencyId), { ...application, agencyId, channel: 'mail', receivedDate }, { now: at(receivedDate) })).id;
}

async function act(id: string, date: string, action: Record<string, unknown>): Promise<void> {
  const record = (await getCase(db, id))!;
  await actOnCase(db, officer(record.agencyId), id, { ...action, date, expectedVersion: record.version } as CaseActionBody, at(date));
}

async function rawItem(id: string): Promise<Record<string, unknown>> {
  const out = await db.doc.send(new QueryCommand({ TableName: db.tableName, KeyConditionExpression: 'PK = :pk AND SK = :sk', ExpressionAttributeValues: { ':pk': caseKey(id).PK, ':sk': 'CASE' } }));
  return out.Items![0]!;
}

const report2015 = async () =>
  (await readReport(db, { year: 2015, agencyId: 'jz-zjj', scope: 'self', now: NOW })).report;

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
}, 120_000);
afterAll(async () => db?.drop());

describe('the retention period', () => {
  it('counts whole years back from today (29 February as 28 in a common year)', () => {
    expect(retentionCutoff('2026-11-29', 10)).toBe('2016-11-29');
    expect(retentionCutoff('2028-02-29', 1)).toBe('2027-02-28');
    expect(retentionCutoff('2028-02-29', 4)).toBe('2024-02-29');
  });

  it('is 10 years unless the agency sets its own', async () => {
    expect((await getAgency(db, 'jz-zjj', { fresh: true }))!.retentionYears).toBe(10);
    expect((await getAgency(db, 'jz-fgw', { fresh: true }))!.retentionYears).toBe(30);
  });
});

describe('the retention job', () => {
  it('anonymises exactly the cases past their agency period, leaves the statistics identical, and records why', async () => {
    const before = await report2015();
    // The four 2015 cases of jz-zjj are counted (R1, R2, R5 received and closed in 2015; R2's lawsuit filed).
    expect(Object.values(before.cells).some((cell) => JSON.stringify(cell).includes('"value":3'))).toBe(true);
    const summary = await anonymiseExpiredCases(db, NOW);
    expect(summary).toMatchObject({ today: '2026-11-29', anonymised: 2, heldForAppeal: 1, conflicts: 0 });

    expect(await report2015()).toEqual(before);

    for (const id of [ids.R1!, ids.R5!]) {
      const item = await rawItem(id);
      const text = JSON.stringify(item);
      for (const gone of ['张三', '110101199003077777', '13800000000', 'applicant@example.com', '湖滨路', '保障性住房']) expect(text).not.toContain(gone);
      expect(item).not.toHaveProperty('applicantSealed');
      expect(item).not.toHaveProperty('identityIndex');
      expect(item).not.toHaveProperty('queryCodeHash');
      expect(item.anonymisedAt).toBe(NOW.toISOString());
      expect(item.applicant).toEqual({ type: 'natural_person', name: '', idDocument: { type: 'resident_id' } });
      const events = await listEvents(db, id);
      expect(events.at(-1)).toMatchObject({ type: 'anonymise', reason: 'retention', retentionYears: 10, actor: { role: 'system' }, effectiveDate: '2026-11-29' });
      const record = (await getCase(db, id))!;
      expect(record.version).toBe(events.length);
    }
    for (const id of [ids.R2!, ids.R3!, ids.R4!]) {
      expect((await getCase(db, id))!.applicant.idDocument.number).toBe('110101199003077777');
      expect((await listEvents(db, id)).some((e) => e.type === 'anonymise')).toBe(false);
    }
    // Run again: nothing left to do.
    expect(await anonymiseExpiredCases(db, NOW)).toMatchObject({ anonymised: 0, heldForAppeal: 1 });
    // R3 falls due on 2026-12-05.
    expect(await anonymiseExpiredCases(db, at('2026-12-05'))).toMatchObject({ anonymised: 1 });
  });
});

describe('erasure on a lawful deletion request (PIPL Art. 47)', () => {
  it("lets an administrator of the agency's tree erase a closed case, recorded as an event", async () => {
    const id = await register('jz-zjj', '2026-03-02');
    await act(id, '2026-03-10', { type: 'reply', outcome: 'disclosed' });
    const note = '删除申请 2026-017，个人信息保护法第四十七条';
    const result = await eraseApplicantData(db, admin('jz'), id, { note }, NOW);
    expect(result).toEqual({ id, version: 3, anonymisedAt: NOW.toISOString() });
    expect((await listEvents(db, id)).at(-1)).toMatchObject({ type: 'anonymise', reason: 'erasure_request', note, actor: { sub: 'admin@jz', role: 'admin' } });
    expect(JSON.stringify(await rawItem(id))).not.toContain('110101199003077777');
    // Again: answered as it is, no second event.
    expect(await eraseApplicantData(db, admin('jz'), id, { note }, NOW)).toEqual(result);
    expect(await listEvents(db, id)).toHaveLength(3);
  });

  it('refuses an open case, and answers 404 to an officer or an administrator of another tree', async () => {
    const open = await register('jz-zjj', '2026-11-02');
    await expect(eraseApplicantData(db, admin('jz'), open, { note: 'x' }, NOW)).rejects.toSatisfy(
      (e: unknown) => e instanceof IllegalActionError && e.rule === 'erasure.case_open',
    );
    await expect(eraseApplicantData(db, admin('jz'), ids.R2!, { note: 'x' }, NOW)).rejects.toSatisfy(
      (e: unknown) => e instanceof IllegalActionError && e.rule === 'erasure.appeal_pending',
    );
    await expect(eraseApplicantData(db, officer('jz-zjj'), ids.R4!, { note: 'x' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(eraseApplicantData(db, admin('jz-qingshan'), ids.R4!, { note: 'x' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCase(db, ids.R4!))!.anonymisedAt).toBeUndefined();
  });
});

/**
 * The daily deadline sweep as units (one per agency, shared/services/sweep.ts), run by the local runner as
 * the state machine runs them in AWS: each agency's open cases due within 3 working days get `due_soon`,
 * those past their deadline `overdue`, one event each; a second run changes nothing; an agency's failure is
 * named and does not stop the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import type { Caller } from '../../shared/caller.js';
import { actOnCase, registerCase, type CaseView } from '../../shared/services/cases.js';
import { runJobLocally } from '../../shared/services/job-runs.js';
import { planSweep, sweepAgency } from '../../shared/services/sweep.js';
import { getCase, listEvents } from '../../shared/store/cases.js';
import { folderReportStorage } from '../../shared/store/report-storage.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
const storage = folderReportStorage('.data/never-written-by-the-sweep');
const officer = (agencyId: string): Caller => ({ sub: `officer@${agencyId}`, name: `officer of ${agencyId}`, agencyId, roles: ['officer'] });
const at = (date: string) => new Date(`${date}T02:00:00Z`);

let registered = 0;
async function register(agencyId: string, receivedDate: string): Promise<CaseView> {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  // A distinct application each time: an identical body without a key is one application (issue 10).
  const request = { ...application.request, description: `${application.request.description}（第${++registered}件）` };
  return registerCase(db, officer(agencyId), { ...application, request, agencyId, channel: 'in_person', receivedDate }, { now: at(receivedDate) });
}

let late: CaseView;
let soon: CaseView;
let later: CaseView;
let replied: CaseView;
/** 06:00 Beijing on the day before `soon` is due. */
let runAt: Date;

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
  late = await register('jz-zjj', '2025-03-03');
  soon = await register('jz-linxi-nyj', '2025-03-24');
  later = await register('jz-linxi-nyj', '2025-04-14');
  const closed = await register('jz-zjj', '2025-03-03');
  replied = await actOnCase(db, officer('jz-zjj'), closed.id, { type: 'reply', outcome: 'disclosed', date: '2025-03-10', expectedVersion: closed.version }, at('2025-03-10'));
  const dayBefore = new Date(Date.parse(`${soon.dueDate}T00:00:00+08:00`) - 24 * 3600_000);
  runAt = new Date(dayBefore.getTime() + 6 * 3600_000);
  expect(late.dueDate! < soon.dueDate!).toBe(true);
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

describe('the deadline sweep, one unit per agency', () => {
  it('plans one unit per agency, with the run instant', async () => {
    const plan = await planSweep(db, runAt);
    expect(plan.agencies).toHaveLength(11);
    expect(plan.agencies.every((u) => u.runAt === runAt.toISOString())).toBe(true);
    expect(plan.agencies.map((u) => u.agencyId)).toContain('jz-linxi-nyj');
  });

  it('flags the overdue case and the one due soon, each once, and not the others', async () => {
    const summary = await runJobLocally('deadline-sweep', db, storage, runAt, { concurrency: 4 });
    expect(summary.failures).toEqual([]);
    expect(summary.phases).toEqual([{ name: 'agencies', planned: 11, succeeded: 11, failed: 0 }]);
    expect(summary.totals).toEqual({ examined: 2, dueSoon: 1, overdue: 1, lapsed: 0, unconfirmed: 0, conflicts: 0 });
    expect((await getCase(db, late.id))!.state.flags).toMatchObject({ overdue: true });
    expect((await getCase(db, soon.id))!.state.flags).toMatchObject({ dueSoon: true });
    expect((await getCase(db, later.id))!.state.flags).toEqual({});
    expect((await getCase(db, replied.id))!.version).toBe(replied.version);
    const flags = (await listEvents(db, soon.id)).filter((e) => e.type === 'deadline_flag');
    expect(flags).toEqual([expect.objectContaining({ flag: 'due_soon', dueDate: soon.dueDate, recordedAt: runAt.toISOString() })]);
  });

  it('changes nothing when run again (a retried unit is harmless)', async () => {
    const again = await sweepAgency(db, { runAt: runAt.toISOString(), agencyId: 'jz-linxi-nyj' });
    expect(again).toEqual({ agencyId: 'jz-linxi-nyj', examined: 1, dueSoon: 0, overdue: 0, lapsed: 0, unconfirmed: 0, conflicts: 0 });
    const summary = await runJobLocally('deadline-sweep', db, storage, runAt, { concurrency: 2 });
    expect(summary.totals).toEqual({ examined: 2, dueSoon: 0, overdue: 0, lapsed: 0, unconfirmed: 0, conflicts: 0 });
    expect((await listEvents(db, late.id)).filter((e) => e.type === 'deadline_flag')).toHaveLength(1);
  });

  it("names an agency whose unit failed, and still sweeps the others", async () => {
    const summary = await runJobLocally('deadline-sweep', db, storage, runAt, {
      concurrency: 3,
      sleep: async () => undefined,
      runUnit: async (unit) => {
        if (unit.agencyId === 'jz-gaj') throw Object.assign(new Error('DynamoDB did not answer'), { name: 'ServiceUnavailableError' });
        return sweepAgency(db, unit as { runAt: string; agencyId: string }) as unknown as Promise<Record<string, unknown>>;
      },
    });
    expect(summary.failures).toEqual([{ unit: 'jz-gaj', phase: 'agencies', error: 'ServiceUnavailableError', cause: 'DynamoDB did not answer' }]);
    expect(summary.phases).toEqual([{ name: 'agencies', planned: 11, succeeded: 10, failed: 1 }]);
    expect(summary.message).toMatch(/1 unit\(s\) failed \(agencies 10\/11\): jz-gaj: ServiceUnavailableError: DynamoDB did not answer$/);
  });
});

/**
 * The per-item fee count over a real DynamoDB Local (国办函〔2020〕109号 Art. 4; policy P14 in docs/domain.md):
 * the same applicant's applications at the same agency in the natural month of receipt, read from the cases;
 * a refused fee notice writes nothing; and plain letters (Art. 31(2)) registered with their arrival and confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import type { Caller } from '../../shared/caller.js';
import { IllegalActionError, ValidationError } from '../../shared/domain/errors.js';
import type { CaseActionBody } from '../../shared/http/schemas.js';
import { actOnCase, registerCase } from '../../shared/services/cases.js';
import { getCase, listEvents } from '../../shared/store/cases.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const officer = (agencyId: string): Caller => ({ sub: `officer@${agencyId}`, name: `officer of ${agencyId}`, agencyId, roles: ['officer'] });
const HOW = '通过非税收入缴款平台缴纳';
let registered = 0;

async function register(agencyId: string, receivedDate: string, idNumber = '110101199003077774'): Promise<string> {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  application.applicant.idDocument = { type: 'resident_id', number: idNumber };
  // A distinct request each time (the same body again is an idempotent retry of the same case).
  application.request.description = `保障性住房分配材料 第${String(++registered)}项`;
  const view = await registerCase(db, officer(agencyId), { ...application, agencyId, channel: 'mail', receivedDate }, { now: at(receivedDate) });
  return view.id;
}

async function act(id: string, date: string, action: Record<string, unknown>) {
  const record = (await getCase(db, id))!;
  return actOnCase(db, officer(record.agencyId), id, { ...action, date, expectedVersion: record.version } as CaseActionBody, at(date));
}

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
});
afterAll(async () => db?.drop());

describe('the per-item count of the month (P14)', () => {
  it('counts the applicant’s earlier applications at the agency that month, each 1 or its own items', async () => {
    // Counted: 11 applications of the applicant to jz-zjj received 2026-06-01 … 06-05.
    for (const day of ['01', '01', '02', '02', '03', '03', '03', '04', '04', '05', '05']) await register('jz-zjj', `2026-06-${day}`);
    // Not counted: May, another agency, another person.
    await register('jz-zjj', '2026-05-29');
    await register('jz-fgw', '2026-06-02');
    await register('jz-zjj', '2026-06-03', '11010519491231002X');

    // The 12th application (06-08), split into 2 items: items 12–13 at 100 元 = 200 元.
    const twelfth = await register('jz-zjj', '2026-06-08');
    const first = await act(twelfth, '2026-06-08', { type: 'fee_notice', method: 'per_item', items: 2, howToPay: HOW });
    expect(first.state.fee).toMatchObject({ priorUnits: 11, units: 2, amountFen: 200_00, paymentDueDate: '2026-07-07' });

    // The next (06-09): 11 + 2 earlier items → item 14 at 100 元.
    const next = await register('jz-zjj', '2026-06-09');
    const second = await act(next, '2026-06-09', { type: 'fee_notice', method: 'per_item', howToPay: HOW });
    expect(second.state.fee).toMatchObject({ priorUnits: 13, units: 1, amountFen: 100_00 });
    const events = await listEvents(db, next);
    expect(events.at(-1)).toMatchObject({ type: 'fee_notice', priorUnits: 13, amountFen: 100_00, breakdown: [{ from: 14, to: 14, units: 1, rateFen: 100_00, amountFen: 100_00 }] });
  });

  it('a refused notice (free allowance) writes nothing', async () => {
    const id = await register('jz-zjj', '2026-07-01');
    const before = (await getCase(db, id))!.version;
    await expect(act(id, '2026-07-01', { type: 'fee_notice', method: 'per_item', howToPay: HOW })).rejects.toSatisfy(
      (error: unknown) => error instanceof IllegalActionError && error.rule === 'fee.nothing_due',
    );
    expect((await getCase(db, id))!.version).toBe(before);
    expect(await listEvents(db, id)).toHaveLength(before);
  });
});

describe('Art. 31(2) plain letters at registration (policy P15)', () => {
  const letter = (fields: Record<string, unknown>) => {
    const { agencyId: _a, ...application } = naturalPersonApplication();
    application.request.description = `平常信函申请 第${String(++registered)}项`;
    return { ...application, agencyId: 'jz-zjj', channel: 'mail', receivedDate: '2026-08-17', ...fields } as Parameters<typeof registerCase>[2];
  };
  const problemPaths = async (body: Parameters<typeof registerCase>[2]) => {
    try {
      await registerCase(db, officer('jz-zjj'), body, { now: at('2026-08-17') });
    } catch (error) {
      if (error instanceof ValidationError) return error.problems.map((p) => p.path.join('.'));
      throw error;
    }
    throw new Error('not refused');
  };

  it('keeps the arrival apart from the receipt (the confirmation), refuses what cannot be, and flags a late confirmation', async () => {
    expect(await problemPaths(letter({ channel: 'in_person', letterArrivedOn: '2026-08-14' }))).toEqual(['body.letterArrivedOn']);
    expect(await problemPaths(letter({ letterArrivedOn: '2026-08-18' }))).toEqual(['body.letterArrivedOn']);
    expect(await problemPaths(letter({ letterArrivedOn: '2026-08-14' }))).toEqual(['body.lateReason']);

    const onTheDay = await registerCase(db, officer('jz-zjj'), letter({ letterArrivedOn: '2026-08-17' }), { now: at('2026-08-17') });
    expect(onTheDay.state).toMatchObject({ receivedDate: '2026-08-17', letterArrivedOn: '2026-08-17', dueDate: '2026-09-14', flags: {} });
    const late = await registerCase(db, officer('jz-zjj'), letter({ letterArrivedOn: '2026-08-14', lateReason: '到达当日无法联系申请人' }), { now: at('2026-08-17') });
    expect(late.state).toMatchObject({ receivedDate: '2026-08-17', letterArrivedOn: '2026-08-14', flags: { receiptConfirmedLate: true }, receiptLateReason: '到达当日无法联系申请人' });
    expect((await listEvents(db, late.id))[0]).toMatchObject({ type: 'register', letterArrivedOn: '2026-08-14', receivedDate: '2026-08-17' });
  });
});

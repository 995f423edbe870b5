/**
 * Document numbers under concurrency (docs/domain.md §9) over DynamoDB Local: 50 replies at one agency at
 * the same moment, each from its own "officer" (no shared process state helps: every request reads the
 * counter and writes its transaction like a separate Lambda would). Every number is taken in the
 * transaction of its event, so the numbers are exactly 1..50, none twice, and each reply event records
 * the number and HTML hash of its document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import type { Caller } from '../../shared/caller.js';
import { ServiceUnavailableError, VersionConflictError } from '../../shared/errors.js';
import { upsertAgency } from '../../shared/services/admin.js';
import { actOnCase, registerCase } from '../../shared/services/cases.js';
import { createNewCase } from '../../shared/services/new-case.js';
import { applicantColumn } from '../../shared/services/applications.js';
import { calendarOfAgency } from '../../shared/services/calendars.js';
import { getAgency, clearAgencyCache } from '../../shared/store/agencies.js';
import { listEvents } from '../../shared/store/cases.js';
import { listDocuments, listVoidNumbers, readCounter } from '../../shared/store/documents.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { ValidationError } from '../../shared/domain/errors.js';

let db: TestDb;
const CASES = 50;
const officer = (i: number): Caller => ({ sub: `officer-${i}`, name: `办事员${i}`, agencyId: 'jz-zjj', roles: ['officer'] });
const admin = { sub: 'admin', name: '管理员', agencyId: 'jz', roles: ['admin'] } as unknown as Caller;

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
});
afterAll(async () => db?.drop());

/** Opens `n` received cases directly (no receipt: the race under test is the replies'). */
async function receivedCases(n: number, keyPrefix = 'numbering'): Promise<string[]> {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  const calendar = await calendarOfAgency(db, 'jz-zjj');
  const now = new Date('2026-03-02T02:00:00Z');
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const opened = await createNewCase(db, {
        agencyId: 'jz-zjj',
        application,
        calendar,
        now,
        events: [
          {
            seq: 1,
            type: 'register',
            channel: 'mail',
            receivedDate: '2026-03-02',
            applicantColumn: applicantColumn(application.applicant),
            actor: { sub: 'o', name: 'o', role: 'officer' },
            recordedAt: now.toISOString(),
            effectiveDate: '2026-03-02',
          },
        ],
        // A key of its own for each: an identical body without one would be the same application.
        idempotency: { key: `${keyPrefix}-${i}`, keyOwner: 'officer', contentOwner: 'jz-zjj', request: { i } },
        respond: (record) => ({ id: record.id }),
      });
      return opened.id;
    }),
  );
}

describe('numbering', () => {
  it('refuses a number pattern without {year} or {seq}, naming the field', async () => {
    const agency = (await getAgency(db, 'jz-zjj'))!;
    const error = await upsertAgency(db, admin, 'jz-zjj', { name: agency.name, parentId: agency.parentId, documents: { numberPattern: '第{seq}号' } }, new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([{ path: ['body', 'documents', 'numberPattern'], message: 'must contain {year}' }]);
  });

  it(`50 concurrent replies at one agency: numbers 1..50, no gap, no duplicate`, async () => {
    const agency = (await getAgency(db, 'jz-zjj'))!;
    await upsertAgency(db, admin, 'jz-zjj', { name: agency.name, parentId: agency.parentId, documents: { numberPattern: '江住建依申请公开〔{year}〕第{seq}号' } }, new Date());
    clearAgencyCache();
    const ids = await receivedCases(CASES);
    const started = Date.now();
    let unavailable = 0;
    const replies = await Promise.all(
      ids.map(async (id, i) => {
        // A reply that could not get its number within its time answers 503 with nothing written; its
        // client sends it again, as clients do on a 503.
        for (;;) {
          try {
            return await actOnCase(db, officer(i), id, { type: 'reply', date: '2026-03-20', outcome: 'disclosed', expectedVersion: 1 }, new Date('2026-03-20T02:00:00Z'));
          } catch (error) {
            if (!(error instanceof ServiceUnavailableError)) throw error;
            unavailable++;
          }
        }
      }),
    );
    console.log(`${CASES} concurrent replies numbered in ${Date.now() - started} ms (${unavailable} answered 503 first and were sent again)`);
    const numbers = replies.map((r) => r.documents![0]!.number);
    const seqs = numbers.map((n) => Number(/^江住建依申请公开〔2026〕第(\d+)号$/.exec(n)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: CASES }, (_, i) => i + 1));
    expect(await readCounter(db, 'jz-zjj', 2026, 'all')).toBe(CASES);
    for (const id of ids) {
      const [documents, events] = await Promise.all([listDocuments(db, id), listEvents(db, id)]);
      expect(documents).toHaveLength(1);
      const reply = documents[0]!;
      expect(reply).toMatchObject({ kind: 'reply', caseId: id, year: 2026, series: 'all', eventSeq: 2, issuedOn: '2026-03-20' });
      expect(events[1]!.documents).toEqual([{ id: reply.id, kind: 'reply', number: reply.number, sha256: reply.sha256 }]);
      expect(reply.sha256.html).toMatch(/^[0-9a-f]{64}$/);
    }
  }, 600_000);

  it('records a number void when its event is refused, so the register has no gap; an idempotent replay takes none', async () => {
    const [id] = await receivedCases(1, 'void');
    const counter = await readCounter(db, 'jz-zjj', 2026, 'all');
    // Two officers reply to the same case at once: one reply is written, the other is refused (409) and
    // the number it took is recorded void with the reason.
    const results = await Promise.allSettled(
      [0, 1].map((i) => actOnCase(db, officer(i), id!, { type: 'reply', date: '2026-03-20', outcome: 'disclosed', expectedVersion: 1 }, new Date('2026-03-20T02:00:00Z'))),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    const issued = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ documents?: { number: string }[] }>).value.documents![0]!;
    expect(await readCounter(db, 'jz-zjj', 2026, 'all')).toBe(counter + 2);
    const voids = (await listVoidNumbers(db, 'jz-zjj', 2026)).filter((v) => v.caseId === id);
    expect(voids).toEqual([expect.objectContaining({ seq: expect.any(Number), caseId: id, reason: 'VersionConflictError' })]);
    // Every number up to the counter is a document or a void entry: the two of this race are both accounted for.
    expect([issued.number, voids[0]!.number].sort()).toEqual([`江住建依申请公开〔2026〕第${counter + 1}号`, `江住建依申请公开〔2026〕第${counter + 2}号`].sort());

    // A registration sent twice with the same key: the second is the same case and takes no number.
    const { agencyId: _a, ...application } = naturalPersonApplication();
    const register = () =>
      registerCase(db, officer(9), { ...application, channel: 'mail', receivedDate: '2026-03-02' }, { now: new Date('2026-03-02T03:00:00Z'), idempotencyKey: 'numbers-replay' });
    const first = await register();
    const after = await readCounter(db, 'jz-zjj', 2026, 'all');
    expect((await register()).id).toBe(first.id);
    expect(await readCounter(db, 'jz-zjj', 2026, 'all')).toBe(after);
  });
});

/**
 * The citizen's path over a real DynamoDB Local: submit, receipt per docs/domain.md §3, idempotency,
 * the query-code view, and "nothing written" on refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors.js';
import { getApplicationView, QUERY_CODE_LIMITS, submitApplication } from '../../shared/services/applications.js';
import { putAgency } from '../../shared/store/agencies.js';
import { getCase, listEvents } from '../../shared/store/cases.js';
import { bootstrap } from '../../infra/local/bootstrap.js';
import { naturalPersonApplication, legalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { countItems } from '../helpers/table.js';
import { IdempotencyKeyReuseError, NotFoundError, TooManyRequestsError } from '../../shared/errors.js';

let db: TestDb;
let viewers = 0;
/** A fresh client address per look-up, so the per-client limit never interferes with these tests. */
const viewer = () => ({ clientIp: `198.51.100.${++viewers}`, now: new Date() });

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
});
afterAll(async () => db?.drop());

describe('POST /applications (service)', () => {
  it('receives an online application on the first working day on or after its Beijing date (autoConfirmOnline on)', async () => {
    // 2025-12-31T23:30Z is 07:30 on 1 January 2026 in Beijing: a 2026 application. 1–3 January 2026
    // are the New Year holiday, Sunday 4 January a make-up working day (国务院办公厅 2026 notice).
    const { body } = await submitApplication(db, naturalPersonApplication('jz-zjj'), { now: new Date('2025-12-31T23:30:00Z') });
    expect(body.status).toBe('received');
    expect(body.submittedAt).toBe('2025-12-31T23:30:00.000Z');
    expect(body.receivedDate).toBe('2026-01-04');
    expect(body.queryCode).toMatch(/^[0-9A-Z]{6}(-[0-9A-Z]{6}){3}$/);
    const stored = await getCase(db, body.id);
    expect(stored?.state.status).toBe('received');
    expect(stored?.queryCodeHash).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(body.queryCode);
    const events = await listEvents(db, body.id);
    expect(events.map((e) => [e.seq, e.type, e.actor.role])).toEqual([
      [1, 'submit', 'applicant'],
      [2, 'confirm_receipt', 'system'],
    ]);
    expect(stored?.version).toBe(2);
  });

  it('leaves the application submitted, without a receipt date, when the agency confirms by hand', async () => {
    const { body } = await submitApplication(db, naturalPersonApplication('jz-linxi'), { now: new Date('2026-03-02T02:00:00Z') });
    expect(body.status).toBe('submitted');
    expect(body.receivedDate).toBeUndefined();
    expect(body.dueDate).toBeUndefined();
  });

  it('refuses an unknown agency naming the field, and writes nothing', async () => {
    const before = await countItems(db, 'case');
    await expect(submitApplication(db, naturalPersonApplication('no-such-agency'), { now: new Date() })).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof ValidationError &&
        error.problems.some((p) => p.path.join('.') === 'body.agencyId' && p.message === 'is not a known agency'),
    );
    expect(await countItems(db, 'case')).toBe(before);
    expect(await countItems(db, 'event')).toBeGreaterThanOrEqual(0);
  });

  it('answers the same Idempotency-Key and body with the same answer, and another body with 422', async () => {
    const now = new Date('2026-03-03T01:00:00Z');
    const first = await submitApplication(db, legalPersonApplication('jz-fgw'), { now, idempotencyKey: 'retry-me-1' });
    const again = await submitApplication(db, legalPersonApplication('jz-fgw'), {
      now: new Date('2026-03-03T05:00:00Z'),
      idempotencyKey: 'retry-me-1',
    });
    expect(again).toEqual(first);
    const other = legalPersonApplication('jz-fgw');
    other.request.description = '另一项信息';
    const before = await countItems(db, 'case');
    await expect(submitApplication(db, other, { now, idempotencyKey: 'retry-me-1' })).rejects.toBeInstanceOf(IdempotencyKeyReuseError);
    expect(await countItems(db, 'case')).toBe(before);
    // The code returned on the retry opens the application.
    const view = await getApplicationView(db, again.body.id, again.body.queryCode, viewer());
    expect(view.id).toBe(first.body.id);
    // A day later the key has expired: the same request is a new application.
    const later = await submitApplication(db, legalPersonApplication('jz-fgw'), {
      now: new Date('2026-03-04T01:00:01Z'),
      idempotencyKey: 'retry-me-1',
    });
    expect(later.body.id).not.toBe(first.body.id);
    expect(later.body.queryCode).not.toBe(first.body.queryCode);
  });

  it('creates exactly one application from fifty concurrent submissions with one Idempotency-Key', async () => {
    const before = await countItems(db, 'case');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        submitApplication(db, naturalPersonApplication('jz-qingshan'), { now: new Date(), idempotencyKey: 'fifty-at-once' }),
      ),
    );
    expect(await countItems(db, 'case')).toBe(before + 1);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.queryCode)).size).toBe(1);
    expect((await listEvents(db, results[0]!.body.id)).length).toBe(2);
  });
});

describe('GET /applications/{id} (service)', () => {
  it('shows the applicant view with the right code and nothing personal', async () => {
    const { body } = await submitApplication(db, naturalPersonApplication('jz-zjj'), { now: new Date('2026-03-04T03:00:00Z') });
    const view = await getApplicationView(db, body.id, body.queryCode.toLowerCase().replaceAll('-', ''), viewer());
    expect(view).toMatchObject({ id: body.id, status: 'received', receivedDate: '2026-03-04' });
    expect(view.timeline.map((t) => t.type)).toEqual(['submit', 'confirm_receipt']);
    const text = JSON.stringify(view);
    for (const secret of ['张三', '110101199003077774', '13800000000', body.queryCode]) expect(text).not.toContain(secret);
  });

  it('gives the same NotFoundError for a wrong code, a wrong id, a malformed id and no code', async () => {
    const { body } = await submitApplication(db, naturalPersonApplication('jz-zjj'), { now: new Date() });
    const attempts = [
      getApplicationView(db, body.id, 'AAAAAA-AAAAAA-AAAAAA-AAAAAA', viewer()),
      getApplicationView(db, '01KDVDNA00AAAAAAAAAAAAAAAA', body.queryCode, viewer()),
      getApplicationView(db, 'not-an-id', body.queryCode, viewer()),
      getApplicationView(db, body.id, undefined, viewer()),
    ];
    const errors = await Promise.all(attempts.map((p) => p.then(() => undefined, (e: unknown) => e)));
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe('No application matches this number and query code.');
    }
  });
});

describe('query-code guessing', () => {
  it('after 10 failed codes within the hour a wrong code answers 429, the right code still opens it (issue 13: no lock-out of the applicant), then it lets go', async () => {
    const now = new Date('2026-05-06T02:10:00Z');
    const { body } = await submitApplication(db, naturalPersonApplication('jz-zjj'), { now });
    for (let i = 0; i < QUERY_CODE_LIMITS.perApplication.limit; i++) {
      await expect(getApplicationView(db, body.id, `WRONG${i}`, { clientIp: `203.0.113.${i}`, now })).rejects.toBeInstanceOf(NotFoundError);
    }
    const locked = await getApplicationView(db, body.id, 'WRONG-AGAIN', { clientIp: '203.0.113.199', now }).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(TooManyRequestsError);
    // The window is the clock hour 02:00–03:00Z: 50 minutes left.
    expect((locked as TooManyRequestsError).retryAfterSeconds).toBe(50 * 60);
    expect((await getApplicationView(db, body.id, body.queryCode, { clientIp: '203.0.113.200', now })).id).toBe(body.id);
    const nextHour = new Date('2026-05-06T03:00:01Z');
    await expect(getApplicationView(db, body.id, 'WRONG-NEXT-HOUR', { clientIp: '203.0.113.201', now: nextHour })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stops one client after 30 failures in 15 minutes, whatever numbers it tries', async () => {
    const now = new Date('2026-05-06T04:01:00Z');
    const clientIp = '192.0.2.77';
    for (let i = 0; i < QUERY_CODE_LIMITS.perClient.limit; i++) {
      await expect(getApplicationView(db, `guess-${i}`, 'AAAA', { clientIp, now })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(getApplicationView(db, 'guess-x', 'AAAA', { clientIp, now })).rejects.toBeInstanceOf(TooManyRequestsError);
    // Another client is not affected.
    await expect(getApplicationView(db, 'guess-x', 'AAAA', { clientIp: '192.0.2.78', now })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('agencies', () => {
  it('uses a freshly added agency', async () => {
    await putAgency(db, { id: 'jz-new', name: '江州市新设局', parentId: 'jz', autoConfirmOnline: true, calendarRegion: null, updatedAt: new Date().toISOString(), updatedBy: 'test' });
    const { body } = await submitApplication(db, naturalPersonApplication('jz-new'), { now: new Date('2026-03-05T03:00:00Z') });
    expect(body.receivedDate).toBe('2026-03-05');
  });
});

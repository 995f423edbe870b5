/**
 * `npm run seed` (infra/local/seed-cases.ts) over DynamoDB Local: demo cases played through the services
 * are all accepted by the domain (a refused step throws), reach every closing state, file appeals, and
 * give statistics that pass every identity — received in the year or, submitted online on New Year's Eve,
 * in the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import { DEMO_AGENCIES } from '../../infra/local/demo-data.js';
import { seedCases, type SeedSummary } from '../../infra/local/seed-cases.js';
import { readReport } from '../../shared/services/reports.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
let summary: SeedSummary;
const NOW = new Date('2026-07-01T02:00:00Z');

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
  summary = await seedCases(db, {
    year: 2025,
    count: 160,
    seed: 11,
    agencies: DEMO_AGENCIES.map((a) => ({ id: a.id, weight: 1 })),
    today: '2026-06-30',
  });
}, 120_000);
afterAll(async () => db?.drop());

describe('seedCases', () => {
  it('creates every case through the services, in every closing state, with appeals', () => {
    expect(summary.created).toBe(160);
    expect(summary.notYetArrived).toBe(0);
    expect(Object.keys(summary.byStatus)).toEqual(expect.arrayContaining(['replied', 'withdrawn', 'abandoned']));
    expect(summary.appealsFiled).toBeGreaterThan(0);
    expect(summary.actions).toBeGreaterThan(160);
  });

  it('gives a city report that passes its identities and counts every case once', async () => {
    const [y2025, y2026] = await Promise.all(
      [2025, 2026].map((year) => readReport(db, { year, agencyId: 'jz', scope: 'subtree', now: NOW })),
    );
    expect(y2025!.identityCheck.identities).toEqual([1, 2, 3, 5, 8]);
    const received = (y2025!.report.cells['cn-2021.new.total']?.value ?? 0) + (y2026!.report.cells['cn-2021.new.total']?.value ?? 0);
    expect(received).toBe(160);
    expect(y2025!.report.cells['cn-2021.total.total']?.value).toBeGreaterThan(100);
    expect(y2025!.report.cells['cn-2021.other_1.total']?.value).toBeGreaterThan(0); // abandoned
  });
});

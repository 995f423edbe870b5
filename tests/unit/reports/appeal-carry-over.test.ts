/**
 * Law audit item 8: an appeal still pending on 31 December is carried into the next year's section 四
 * (cn-2019 / cn-2021), where its result is counted once decided; the tables of consecutive years agree.
 * cn-2008 keeps counting an appeal in its filing year only. Counted by hand below.
 */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../shared/reports/aggregate.js';
import { checkReport } from '../../../shared/reports/identities.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { carriedOnly } from '../../../shared/store/report-source.js';
import { mk } from './report-fixtures.js';

const CASES: ReportCase[] = [
  // Replied in 2025; reconsideration filed 2025-11-10, decided (upheld) 2026-02-01; a direct lawsuit filed
  // 2025-12-01, decided (corrected) 2027-05-20.
  mk('a1', {
    receivedDate: '2025-03-01',
    closedDate: '2025-03-20',
    closingAction: 'reply',
    outcome: 'withheld.privacy',
    timing: 'on_time',
    appeals: [
      { kind: 'reconsideration', filedDate: '2025-11-10', decidedDate: '2026-02-01', result: 'upheld' },
      { kind: 'lawsuit', afterReconsideration: false, filedDate: '2025-12-01', decidedDate: '2027-05-20', result: 'corrected' },
    ],
  }),
  // Decided in its own year: counted once, in 2025.
  mk('a2', {
    receivedDate: '2025-04-01',
    closedDate: '2025-04-20',
    closingAction: 'reply',
    outcome: 'disclosed',
    timing: 'on_time',
    appeals: [{ kind: 'reconsideration', filedDate: '2025-05-01', decidedDate: '2025-06-30', result: 'corrected' }],
  }),
  // Still open in 2026 and appealed against silence on 2026-03-01, pending at the end of 2026.
  mk('a3', { receivedDate: '2026-01-05', appeals: [{ kind: 'lawsuit', afterReconsideration: false, filedDate: '2026-03-01' }] }),
];

const section4 = async (year: number, templateId: 'cn-2021' | 'cn-2008' = 'cn-2021') => {
  const report = await aggregate(CASES, { year, agencyId: 'A', templateId, generatedAt: `${year + 1}-01-10T00:00:00.000Z` });
  expect(checkReport(report)).toEqual([]);
  const v = (id: string) => report.cells[`${templateId}.appeals.${id}`]?.value;
  return {
    reconsideration: [v('reconsideration_upheld'), v('reconsideration_corrected'), v('reconsideration_other'), v('reconsideration_pending'), v('reconsideration_total')],
    direct: [v('lawsuit_direct_upheld'), v('lawsuit_direct_corrected'), v('lawsuit_direct_other'), v('lawsuit_direct_pending'), v('lawsuit_direct_total')],
    report,
  };
};

describe('section 四 over consecutive years (维持, 纠正, 其他, 尚未审结, 总计)', () => {
  it('2025: a1’s two appeals pending, a2 corrected', async () => {
    const t = await section4(2025);
    expect(t.reconsideration).toEqual([0, 1, 0, 1, 2]);
    expect(t.direct).toEqual([0, 0, 0, 1, 1]);
  });

  it('2026: a1’s reconsideration carried over and upheld, its lawsuit carried over still pending, a3’s new lawsuit pending', async () => {
    const t = await section4(2026);
    expect(t.reconsideration).toEqual([1, 0, 0, 0, 1]);
    expect(t.direct).toEqual([0, 0, 0, 2, 2]);
  });

  it('2027: a1’s lawsuit carried again and corrected; a3’s still pending', async () => {
    const t = await section4(2027);
    expect(t.reconsideration).toEqual([0, 0, 0, 0, 0]);
    expect(t.direct).toEqual([0, 1, 0, 1, 2]);
  });

  it('each year’s 尚未审结 is the next year’s carried-over appeals: nothing is lost between tables', async () => {
    for (const year of [2025, 2026]) {
      const thisYear = await section4(year);
      const next = await section4(year + 1);
      const pending = (thisYear.reconsideration[3] ?? 0) + (thisYear.direct[3] ?? 0);
      // Carried into next year = next year's units filed before it.
      const carriedIn = CASES.flatMap((c) => c.appeals).filter(
        (a) => a.filedDate < `${year + 1}-01-01` && (a.decidedDate === undefined || a.decidedDate >= `${year + 1}-01-01`),
      ).length;
      expect(pending).toBe(carriedIn);
      expect((next.reconsideration[4] ?? 0) + (next.direct[4] ?? 0)).toBeGreaterThanOrEqual(carriedIn);
    }
  });

  it('cn-2008 counts an appeal in its filing year only (pending = 其他情形)', async () => {
    const report = await aggregate(CASES, { year: 2026, agencyId: 'A', templateId: 'cn-2008' });
    expect(report.cells['cn-2008.reconsideration.count']?.value).toBe(0);
    expect(report.cells['cn-2008.lawsuit.count']?.value).toBe(1);
  });

  it('the store’s set (d) keeps a case once, in the partition of its latest filing year before Y', () => {
    const a1 = CASES[0]!;
    expect(carriedOnly(a1, 2026, 2025)).toBe(true);
    expect(carriedOnly(a1, 2026, 2024)).toBe(false);
    expect(carriedOnly(a1, 2027, 2025)).toBe(true);
    expect(carriedOnly(a1, 2028, 2025)).toBe(false);
    // With a filing in Y itself the case is in set (c), not (d).
    expect(carriedOnly({ ...a1, complaints: [{ filedDate: '2026-04-01' }] }, 2026, 2025)).toBe(false);
  });
});

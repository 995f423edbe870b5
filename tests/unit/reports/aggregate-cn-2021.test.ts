import { describe, expect, it } from 'vitest';
import { ReportAccumulator, aggregate, classifyCase } from '../../../shared/reports/aggregate.js';
import { checkReport } from '../../../shared/reports/identities.js';
import { ReportInputError } from '../../../shared/reports/report-case.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { expectTable, mk } from './report-fixtures.js';

const GENERATED_AT = '2026-01-10T02:00:00.000Z';

/** Twenty cases around 2025, chosen so each counting rule of docs/domain.md §7 shows; counted by hand below. */
const CASES_2025: ReportCase[] = [
  mk('c01', { receivedDate: '2025-02-10', closedDate: '2025-03-01', closingAction: 'reply', outcome: 'disclosed' }),
  mk('c02', { channel: 'in_person', receivedDate: '2025-03-05', closedDate: '2025-04-01', closingAction: 'reply', outcome: 'already_public' }),
  mk('c03', { applicantColumn: 'commercial', channel: 'mail', receivedDate: '2025-04-01', closedDate: '2025-05-10', closingAction: 'reply', outcome: 'partially_disclosed' }),
  mk('c04', { applicantColumn: 'research', channel: 'email', receivedDate: '2025-05-06', closedDate: '2025-06-01', closingAction: 'reply', outcome: 'withheld.privacy' }),
  mk('c05', { channel: 'fax', receivedDate: '2025-06-02', closedDate: '2025-06-20', closingAction: 'reply', outcome: 'withheld.trade_secret' }),
  // received in 2024, concluded in 2025: 上年结转 and an outcome row
  mk('c06', { applicantColumn: 'legal_services', receivedDate: '2024-12-20', closedDate: '2025-01-15', closingAction: 'reply', outcome: 'unavailable.not_responsible' }),
  // concluded in 2024: only its 2025 reconsideration counts
  mk('c07', {
    receivedDate: '2024-11-01',
    closedDate: '2024-12-01',
    closingAction: 'reply',
    outcome: 'withheld.state_secret',
    appeals: [{ kind: 'reconsideration', filedDate: '2025-01-10', decidedDate: '2025-03-01', result: 'upheld' }],
  }),
  mk('c08', { applicantColumn: 'social_welfare', channel: 'other', receivedDate: '2025-07-01', closedDate: '2025-07-15', closingAction: 'withdraw' }),
  mk('c09', { applicantColumn: 'other', receivedDate: '2025-08-01', closedDate: '2025-09-01', closingAction: 'close_no_correction' }),
  mk('c10', { receivedDate: '2025-09-01', closedDate: '2025-09-30', closingAction: 'reply', outcome: 'other.fee_unpaid' }),
  // received on 31 Dec, answered in January: 本年新收 and 结转下年度
  mk('c11', { channel: 'mail', receivedDate: '2025-12-31', closedDate: '2026-01-05', closingAction: 'reply', outcome: 'disclosed' }),
  // received in 2024, still open
  mk('c12', { applicantColumn: 'commercial', receivedDate: '2024-06-01' }),
  // never received (still submitted): counts nowhere, appeal or not
  mk('c13', { appeals: [{ kind: 'reconsideration', filedDate: '2025-05-05' }] }),
  // all in 2023: ignored
  mk('c14', { receivedDate: '2023-01-01', closedDate: '2023-02-01', closingAction: 'reply', outcome: 'disclosed' }),
  mk('c15', {
    receivedDate: '2025-10-10',
    closedDate: '2025-11-01',
    closingAction: 'reply',
    outcome: 'not_processed.duplicate',
    // decided in 2026: 尚未审结 at 31 Dec 2025
    appeals: [{ kind: 'lawsuit', afterReconsideration: false, filedDate: '2025-11-20', decidedDate: '2026-01-10', result: 'corrected' }],
    // complaints have no column in cn-2021
    complaints: [{ filedDate: '2025-12-01' }],
  }),
  mk('c16', {
    receivedDate: '2025-01-02',
    closedDate: '2025-02-01',
    closingAction: 'reply',
    outcome: 'withheld.process_info',
    appeals: [
      { kind: 'reconsideration', filedDate: '2025-03-01', decidedDate: '2025-05-01', result: 'corrected' },
      { kind: 'lawsuit', afterReconsideration: true, filedDate: '2025-06-01', decidedDate: '2025-09-01', result: 'other' },
    ],
  }),
  // its reconsideration is filed in 2026: not a 2025 figure
  mk('c17', {
    receivedDate: '2025-03-03',
    closedDate: '2025-03-20',
    closingAction: 'reply',
    outcome: 'unavailable.not_held',
    appeals: [{ kind: 'reconsideration', filedDate: '2026-01-20' }],
  }),
  mk('c18', { receivedDate: '2026-01-03' }),
  mk('c19', { applicantColumn: 'commercial', receivedDate: '2025-11-11' }),
  mk('c20', { receivedDate: '2025-02-02', closedDate: '2025-02-28', closingAction: 'reply', outcome: 'partially_disclosed' }),
];

describe('cn-2021 aggregation, 2025, counted by hand', () => {
  it('gives every cell of sections 三 and 四', async () => {
    const report = await aggregate(CASES_2025, { year: 2025, agencyId: 'A', templateId: 'cn-2021', generatedAt: GENERATED_AT });
    // columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    expectTable(report, {
      new: [9, 2, 1, 1, 0, 1, 14], // c01 c02 c05 c10 c11 c15 c16 c17 c20 | c03 c19 | c04 | c08 | - | c09
      carried_in: [0, 1, 0, 0, 1, 0, 2], // c12 | c06
      disclosed: [2, 0, 0, 0, 0, 0, 2], // c01, c02 (already_public)
      partial: [1, 1, 0, 0, 0, 0, 2], // c20 | c03
      withheld_4: [1, 0, 1, 0, 0, 0, 2], // c05 trade secret | c04 privacy
      withheld_6: [1, 0, 0, 0, 0, 0, 1], // c16
      unavailable_1: [1, 0, 0, 0, 1, 0, 2], // c17 not held | c06 not responsible
      not_processed_2: [1, 0, 0, 0, 0, 0, 1], // c15
      other_1: [0, 0, 0, 0, 0, 1, 1], // c09 close_no_correction
      other_2: [1, 0, 0, 0, 0, 0, 1], // c10 fee unpaid
      other_3: [0, 0, 0, 1, 0, 0, 1], // c08 withdrawn
      total: [8, 1, 1, 1, 1, 1, 13],
      carried_out: [1, 2, 0, 0, 0, 0, 3], // c11 | c12 c19
      // 行政复议: 维持 纠正 其他 尚未审结 总计 | 直接起诉 ×5 | 复议后起诉 ×5
      appeals: [1, 1, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1], // c07 c16 | c15 | c16
    });
    expect(report).toMatchObject({ templateId: 'cn-2021', year: 2025, agencyId: 'A', scope: 'self', generatedAt: GENERATED_AT });
    expect(checkReport(report)).toEqual([]);
  });

  it('carries a case received on 31 Dec 2025 and answered on 5 Jan 2026 into both years', async () => {
    const cases = [mk('late', { receivedDate: '2025-12-31', closedDate: '2026-01-05', closingAction: 'reply', outcome: 'disclosed' })];
    const y2025 = await aggregate(cases, { year: 2025, agencyId: 'A', templateId: 'cn-2021' });
    const y2026 = await aggregate(cases, { year: 2026, agencyId: 'A', templateId: 'cn-2021' });
    expectTable(y2025, { new: [1, 0, 0, 0, 0, 0, 1], carried_out: [1, 0, 0, 0, 0, 0, 1] });
    expectTable(y2026, {
      carried_in: [1, 0, 0, 0, 0, 0, 1],
      disclosed: [1, 0, 0, 0, 0, 0, 1],
      total: [1, 0, 0, 0, 0, 0, 1],
    });
    expect(checkReport(y2026, { previousYear: y2025 })).toEqual([]);
  });

  it('carries a case concluded on New Year’s Day into that year (not concluded before it)', async () => {
    const cases = [mk('ny', { applicantColumn: 'research', receivedDate: '2024-12-30', closedDate: '2025-01-01', closingAction: 'reply', outcome: 'other.misc' })];
    const y2024 = await aggregate(cases, { year: 2024, agencyId: 'A', templateId: 'cn-2021' });
    const y2025 = await aggregate(cases, { year: 2025, agencyId: 'A', templateId: 'cn-2021' });
    expectTable(y2024, { new: [0, 0, 1, 0, 0, 0, 1], carried_out: [0, 0, 1, 0, 0, 0, 1] });
    expectTable(y2025, { carried_in: [0, 0, 1, 0, 0, 0, 1], other_3: [0, 0, 1, 0, 0, 0, 1], total: [0, 0, 1, 0, 0, 0, 1] });
    expectTable(await aggregate(cases, { year: 2026, agencyId: 'A', templateId: 'cn-2021' }), {});
  });

  it('uses the template of the year when none is named, and reads synchronous iterables too', async () => {
    const report = await aggregate(CASES_2025, { year: 2025, agencyId: 'A' });
    expect(report.templateId).toBe('cn-2021');
    expect(report.cells['cn-2021.total.total']?.value).toBe(13);
  });

  it('streams an AsyncIterable, as paginated Queries deliver it', async () => {
    async function* pages(): AsyncIterable<ReportCase> {
      for (let start = 0; start < CASES_2025.length; start += 7) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield* CASES_2025.slice(start, start + 7);
      }
    }
    const report = await aggregate(pages(), { year: 2025, agencyId: 'A', templateId: 'cn-2021' });
    expect(report.cells['cn-2021.new.total']?.value).toBe(14);
    expect(report.cells['cn-2021.carried_out.total']?.value).toBe(3);
  });
});

describe('identity 4: every concluded case in exactly one outcome row', () => {
  it('puts a partially disclosed reply in （二） only, not also in a withholding row', () => {
    const ids = classifyCase('cn-2021', 2025, mk('p', { receivedDate: '2025-01-05', closedDate: '2025-01-20', closingAction: 'reply', outcome: 'partially_disclosed' }));
    expect(ids.sort()).toEqual(
      ['cn-2021.new.natural_person', 'cn-2021.new.total', 'cn-2021.partial.natural_person', 'cn-2021.partial.total', 'cn-2021.total.natural_person', 'cn-2021.total.total'].sort(),
    );
  });

  it('lists a case once per appeal filed in the year', () => {
    const c = mk('twice', {
      receivedDate: '2024-01-05',
      closedDate: '2024-01-20',
      closingAction: 'reply',
      outcome: 'disclosed',
      appeals: [
        { kind: 'reconsideration', filedDate: '2025-02-01' },
        { kind: 'reconsideration', filedDate: '2025-03-01', decidedDate: '2025-12-31', result: 'other' },
      ],
    });
    expect(classifyCase('cn-2021', 2025, c).sort()).toEqual(
      [
        'cn-2021.appeals.reconsideration_pending',
        'cn-2021.appeals.reconsideration_total',
        'cn-2021.appeals.reconsideration_other',
        'cn-2021.appeals.reconsideration_total',
      ].sort(),
    );
  });
});

describe('input the statistics refuse', () => {
  it('rejects a case of another agency', async () => {
    await expect(aggregate([mk('x', { agencyId: 'B', receivedDate: '2025-01-02' })], { year: 2025, agencyId: 'A' })).rejects.toThrow(ReportInputError);
  });

  it('rejects an inconsistent case even when it is outside the year', () => {
    const accumulator = new ReportAccumulator('cn-2021', 2025, 'A');
    expect(() => accumulator.add(mk('bad', { receivedDate: '2020-02-01', closedDate: '2020-01-01', closingAction: 'withdraw' }))).toThrow(
      /closedDate is before receivedDate/,
    );
  });

  it('rejects a year that is not a four-digit year', () => {
    expect(() => new ReportAccumulator('cn-2021', 25, 'A')).toThrow(RangeError);
    expect(() => classifyCase('cn-2021', 2025.5, mk('x'))).toThrow(RangeError);
  });
});

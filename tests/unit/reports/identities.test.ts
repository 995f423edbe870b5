import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, classifyCase } from '../../../shared/reports/aggregate.js';
import type { Report } from '../../../shared/reports/aggregate.js';
import { consolidate } from '../../../shared/reports/consolidate.js';
import { checkReport } from '../../../shared/reports/identities.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { TEMPLATES, TEMPLATE_IDS } from '../../../shared/reports/templates/registry.js';
import type { TemplateId } from '../../../shared/reports/templates/template-types.js';
import { arbitraryCases, arbitraryYear, bump, copy, mk } from './report-fixtures.js';

const GENERATED_AT = '2026-01-10T02:00:00.000Z';
const COLUMNS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_services', 'other'];

/** A small valid 2025 year: two cases per applicant column, an appeal of each kind, one case carried over. */
const CASES: ReportCase[] = [
  ...COLUMNS.map((column, i) =>
    mk(`r${i}`, { applicantColumn: column as ReportCase['applicantColumn'], receivedDate: '2025-03-02', closedDate: '2025-03-20', closingAction: 'reply', outcome: 'withheld.privacy', timing: 'extended' }),
  ),
  ...COLUMNS.map((column, i) => mk(`o${i}`, { applicantColumn: column as ReportCase['applicantColumn'], receivedDate: '2024-12-02' })),
  mk('ap', {
    receivedDate: '2024-01-02',
    closedDate: '2024-02-01',
    closingAction: 'reply',
    outcome: 'disclosed',
    timing: 'on_time',
    appeals: [
      { kind: 'reconsideration', filedDate: '2025-01-02', decidedDate: '2025-02-02', result: 'upheld' },
      { kind: 'lawsuit', filedDate: '2025-03-02' },
      { kind: 'lawsuit', afterReconsideration: true, filedDate: '2025-04-02', decidedDate: '2025-05-02', result: 'corrected' },
    ],
  }),
];

async function report2025(templateId: TemplateId): Promise<Report> {
  return aggregate(CASES, { year: 2025, agencyId: 'A', templateId, generatedAt: GENERATED_AT });
}

describe('a deliberately broken report fails the named identity, naming its cells', () => {
  it('identity 1 and 3: one more 本年新收 for 商业企业', async () => {
    const report = copy(await report2025('cn-2021'));
    expect(checkReport(report)).toEqual([]);
    bump(report, 'cn-2021.new.commercial', 1);
    const violations = checkReport(report);
    expect(violations.map((v) => [v.identity, v.cellIds])).toEqual([
      [1, ['cn-2021.new.commercial', 'cn-2021.carried_in.commercial', 'cn-2021.total.commercial', 'cn-2021.carried_out.commercial']],
      [3, ['cn-2021.new.total', ...COLUMNS.map((c) => `cn-2021.new.${c}`)]],
    ]);
    expect(violations[0]?.message).toContain('商业企业');
    expect(violations[0]?.message).toContain('商业企业: 2 + 1 = 3 but 1 + 1 = 2');
  });

  it('identity 2: an outcome row that does not add up to （七）总计', async () => {
    const report = copy(await report2025('cn-2021'));
    bump(report, 'cn-2021.withheld_8.research', 1);
    bump(report, 'cn-2021.withheld_8.total', 1);
    const violations = checkReport(report);
    expect(violations.map((v) => v.identity)).toEqual([2, 2]);
    expect(violations[0]?.cellIds[0]).toBe('cn-2021.total.research');
    expect(violations[0]?.cellIds).toContain('cn-2021.withheld_8.research');
    expect(violations[0]?.cellIds).toHaveLength(1 + 2 + 8 + 3 + 5 + 3);
    expect(violations[1]?.cellIds[0]).toBe('cn-2021.total.total');
  });

  it('identity 2 on cn-2019 counts its single （六） row', async () => {
    const report = copy(await report2025('cn-2019'));
    bump(report, 'cn-2019.other.natural_person', 1);
    bump(report, 'cn-2019.other.total', 1);
    expect(checkReport(report).map((v) => [v.identity, v.cellIds.length, v.cellIds[0]])).toEqual([
      [2, 1 + 2 + 8 + 3 + 5 + 1, 'cn-2019.total.natural_person'],
      [2, 1 + 2 + 8 + 3 + 5 + 1, 'cn-2019.total.total'],
    ]);
  });

  it('identity 5: a section 四 group whose 总计 is not 维持 + 纠正 + 其他 + 尚未审结', async () => {
    const report = copy(await report2025('cn-2021'));
    bump(report, 'cn-2021.appeals.lawsuit_direct_total', 1);
    expect(checkReport(report)).toEqual([
      {
        identity: 5,
        message: expect.stringContaining('2 = 2 but 0 + 0 + 0 + 1 = 1'),
        cellIds: [
          'cn-2021.appeals.lawsuit_direct_total',
          'cn-2021.appeals.lawsuit_direct_upheld',
          'cn-2021.appeals.lawsuit_direct_corrected',
          'cn-2021.appeals.lawsuit_direct_other',
          'cn-2021.appeals.lawsuit_direct_pending',
        ],
      },
    ]);
  });

  it('identity 7: cn-2008 channels, 按时 + 延期 and the reasons of 不同意公开', async () => {
    const report = copy(await report2025('cn-2008'));
    expect(checkReport(report)).toEqual([]);
    bump(report, 'cn-2008.received_fax.count', 1);
    bump(report, 'cn-2008.concluded_extended.count', -1);
    bump(report, 'cn-2008.withheld_trade_secret.count', 1);
    expect(checkReport(report).map((v) => [v.identity, v.cellIds])).toEqual([
      [
        7,
        [
          'cn-2008.received.count',
          'cn-2008.received_in_person.count',
          'cn-2008.received_fax.count',
          'cn-2008.received_online.count',
          'cn-2008.received_mail.count',
          'cn-2008.received_other.count',
        ],
      ],
      [7, ['cn-2008.concluded.count', 'cn-2008.concluded_on_time.count', 'cn-2008.concluded_extended.count', 'cn-2008.concluded_overdue.count']],
      [
        7,
        [
          'cn-2008.answered_withheld.count',
          'cn-2008.withheld_state_secret.count',
          'cn-2008.withheld_trade_secret.count',
          'cn-2008.withheld_privacy.count',
          'cn-2008.withheld_security_stability.count',
          'cn-2008.withheld_not_government_information.count',
          'cn-2008.withheld_other_law.count',
        ],
      ],
    ]);
  });

  it('identity 6: this year’s 上年结转 differs from last year’s 结转下年度', async () => {
    const y2024 = await aggregate(CASES, { year: 2024, agencyId: 'A', templateId: 'cn-2021' });
    const y2025 = await report2025('cn-2021');
    expect(checkReport(y2025, { previousYear: y2024 })).toEqual([]);
    const broken = copy(y2024);
    bump(broken, 'cn-2021.carried_out.legal_services', 1);
    const violations = checkReport(y2025, { previousYear: broken });
    expect(violations.map((v) => [v.identity, v.cellIds])).toEqual([
      [6, ['cn-2021.carried_in.legal_services', 'cn-2021.carried_out.legal_services']],
    ]);
    expect(violations[0]?.message).toContain('法律服务机构');
  });

  it('identity 8: a consolidated figure that is not the sum of the children', async () => {
    const a = await aggregate(CASES, { year: 2025, agencyId: 'A', templateId: 'cn-2021' });
    const b = await aggregate(CASES.map((c) => ({ ...c, agencyId: 'B' })), { year: 2025, agencyId: 'B', templateId: 'cn-2021' });
    const city = consolidate('CITY', [a, b]);
    expect(checkReport(city, { children: [a, b] })).toEqual([]);
    const broken = copy(city);
    bump(broken, 'cn-2021.carried_in.research', 1);
    bump(broken, 'cn-2021.carried_out.research', 1);
    bump(broken, 'cn-2021.carried_in.total', 1);
    bump(broken, 'cn-2021.carried_out.total', 1);
    // identities 1–3 still hold; only 8 sees it
    expect(checkReport(broken, { children: [a, b] }).map((v) => [v.identity, v.cellIds])).toEqual([
      [8, ['cn-2021.carried_in.research']],
      [8, ['cn-2021.carried_in.total']],
      [8, ['cn-2021.carried_out.research']],
      [8, ['cn-2021.carried_out.total']],
    ]);
  });

  it('refuses a context that does not belong to the report, and a malformed report', async () => {
    const y2025 = await report2025('cn-2021');
    const y2023 = await aggregate(CASES, { year: 2023, agencyId: 'A', templateId: 'cn-2021' });
    expect(() => checkReport(y2025, { previousYear: y2023 })).toThrow(RangeError);
    const other = await aggregate([], { year: 2025, agencyId: 'A', templateId: 'cn-2019' });
    expect(() => checkReport(y2025, { children: [other] })).toThrow(RangeError);
    const missing = copy(y2025);
    delete missing.cells['cn-2021.new.total'];
    expect(() => checkReport(missing)).toThrow(TypeError);
    const negative = copy(y2025);
    bump(negative, 'cn-2021.new.other', -5);
    expect(() => checkReport(negative)).toThrow(/not a count/);
  });

  it('skips identity 6 when last year’s template has no carry-over rows (cn-2008 → cn-2019)', async () => {
    const y2018 = await aggregate(CASES, { year: 2018, agencyId: 'A', templateId: 'cn-2008' });
    const y2019 = await aggregate([mk('x', { receivedDate: '2018-05-05' })], { year: 2019, agencyId: 'A', templateId: 'cn-2019' });
    expect(checkReport(y2019, { previousYear: y2018 })).toEqual([]);
  });
});

describe('random case histories always satisfy the identities', () => {
  it('1, 2, 3, 5 and 7 hold for every template and year', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCases(), arbitraryYear, fc.constantFrom(...TEMPLATE_IDS), async (cases, year, templateId) => {
        const report = await aggregate(cases, { year, agencyId: 'A', templateId });
        expect(checkReport(report)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('4: a case concluded in the year is in exactly one outcome row (per column), one not concluded in none', () => {
    fc.assert(
      fc.property(arbitraryCases(undefined, 5), arbitraryYear, fc.constantFrom<TemplateId>('cn-2019', 'cn-2021'), (cases, year, templateId) => {
        const outcomeRows = new Set(TEMPLATES[templateId].identities.find((i) => i.identity === 2)?.rhs);
        for (const c of cases) {
          const inOutcomeRows = classifyCase(templateId, year, c).filter((id) => outcomeRows.has(id.split('.')[1] ?? ''));
          const concluded = c.closedDate !== undefined && c.closedDate.startsWith(`${year}-`);
          const rows = new Set(inOutcomeRows.map((id) => id.split('.')[1]));
          expect(rows.size).toBe(concluded ? 1 : 0);
          expect(inOutcomeRows.map((id) => id.split('.')[2]).sort()).toEqual(concluded ? [c.applicantColumn, 'total'].sort() : []);
          if (concluded && c.outcome === 'partially_disclosed') expect([...rows]).toEqual(['partial']);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('6: next year’s 上年结转 equals this year’s 结转下年度', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCases(), fc.integer({ min: 2019, max: 2026 }), async (cases, year) => {
        const before = await aggregate(cases, { year: year - 1, agencyId: 'A', templateId: year - 1 >= 2021 ? 'cn-2021' : 'cn-2019' });
        const after = await aggregate(cases, { year, agencyId: 'A' });
        expect(checkReport(after, { previousYear: before })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('8: a consolidated report of random agencies sums its children and obeys 1–5, 7', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCases(fc.constantFrom('A', 'B', 'C'), 60), arbitraryYear, fc.constantFrom(...TEMPLATE_IDS), async (cases, year, templateId) => {
        const children = await Promise.all(
          ['A', 'B', 'C'].map((agencyId) => aggregate(cases.filter((c) => c.agencyId === agencyId), { year, agencyId, templateId })),
        );
        const city = consolidate('CITY', children);
        expect(checkReport(city, { children })).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

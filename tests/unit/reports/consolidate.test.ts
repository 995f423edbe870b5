import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../shared/reports/aggregate.js';
import { consolidate } from '../../../shared/reports/consolidate.js';
import { TEMPLATE_IDS } from '../../../shared/reports/templates/registry.js';
import { arbitraryCases, arbitraryYear, mk } from './report-fixtures.js';

describe('consolidate', () => {
  it('sums the children cell by cell (hand-counted)', async () => {
    const district = await aggregate(
      [
        mk('a1', { agencyId: 'D1', receivedDate: '2025-01-05', closedDate: '2025-01-20', closingAction: 'reply', outcome: 'disclosed' }),
        mk('a2', { agencyId: 'D1', applicantColumn: 'research', receivedDate: '2025-12-30' }),
      ],
      { year: 2025, agencyId: 'D1', templateId: 'cn-2021' },
    );
    const bureau = await aggregate(
      [
        mk('b1', { agencyId: 'B7', receivedDate: '2024-12-30', closedDate: '2025-01-04', closingAction: 'reply', outcome: 'disclosed' }),
        mk('b2', { agencyId: 'B7', receivedDate: '2023-03-01', closedDate: '2023-04-01', closingAction: 'reply', outcome: 'disclosed', appeals: [{ kind: 'lawsuit', filedDate: '2025-02-02' }] }),
      ],
      { year: 2025, agencyId: 'B7', templateId: 'cn-2021' },
    );
    const city = consolidate('CITY', [district, bureau], { generatedAt: '2026-01-31T00:00:00.000Z' });
    expect(city).toMatchObject({ templateId: 'cn-2021', year: 2025, agencyId: 'CITY', scope: 'subtree', generatedAt: '2026-01-31T00:00:00.000Z' });
    const figures = Object.fromEntries(Object.values(city.cells).filter((c) => c.value !== 0).map((c) => [c.id, c.value]));
    expect(figures).toEqual({
      'cn-2021.new.natural_person': 1,
      'cn-2021.new.research': 1,
      'cn-2021.new.total': 2,
      'cn-2021.carried_in.natural_person': 1,
      'cn-2021.carried_in.total': 1,
      'cn-2021.disclosed.natural_person': 2,
      'cn-2021.disclosed.total': 2,
      'cn-2021.total.natural_person': 2,
      'cn-2021.total.total': 2,
      'cn-2021.carried_out.research': 1,
      'cn-2021.carried_out.total': 1,
      'cn-2021.appeals.lawsuit_direct_pending': 1,
      'cn-2021.appeals.lawsuit_direct_total': 1,
    });
  });

  it('equals, cell by cell, the sum of the children and the aggregation of all their cases', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCases(fc.constantFrom('A', 'B', 'C')), arbitraryYear, fc.constantFrom(...TEMPLATE_IDS), async (cases, year, templateId) => {
        const children = await Promise.all(
          ['A', 'B', 'C'].map((agencyId) => aggregate(cases.filter((c) => c.agencyId === agencyId), { year, agencyId, templateId })),
        );
        const city = consolidate('CITY', children);
        const everything = await aggregate(cases.map((c) => ({ ...c, agencyId: 'ALL' })), { year, agencyId: 'ALL', templateId });
        for (const [id, cell] of Object.entries(city.cells)) {
          expect(cell.value).toBe(children.reduce((sum, child) => sum + (child.cells[id]?.value ?? Number.NaN), 0));
          expect(cell.value).toBe(everything.cells[id]?.value);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('consolidates consolidated reports (a province of cities)', async () => {
    const c = (agencyId: string, receivedDate: string) => mk(`${agencyId}-1`, { agencyId, receivedDate });
    const [a, b, d] = await Promise.all(
      [c('A', '2025-02-01'), c('B', '2025-03-01'), c('D', '2024-03-01')].map((x) => aggregate([x], { year: 2025, agencyId: x.agencyId })),
    );
    if (a === undefined || b === undefined || d === undefined) throw new Error('three reports expected');
    const province = consolidate('P', [consolidate('CITY', [a, b]), d]);
    expect(province.cells['cn-2021.new.total']?.value).toBe(2);
    expect(province.cells['cn-2021.carried_in.total']?.value).toBe(1);
    expect(province.cells['cn-2021.carried_out.total']?.value).toBe(3);
  });

  it('refuses reports that do not go together', async () => {
    const a2025 = await aggregate([], { year: 2025, agencyId: 'A' });
    const b2024 = await aggregate([], { year: 2024, agencyId: 'B' });
    const b2019 = await aggregate([], { year: 2025, agencyId: 'B', templateId: 'cn-2019' });
    expect(() => consolidate('P', [])).toThrow(RangeError);
    expect(() => consolidate('P', [a2025, b2024])).toThrow(RangeError);
    expect(() => consolidate('P', [a2025, b2019])).toThrow(RangeError);
    expect(() => consolidate('P', [a2025, a2025])).toThrow(/given twice/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../shared/reports/aggregate.js';
import { cellMembers } from '../../../shared/reports/drill-down.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { TEMPLATE_IDS } from '../../../shared/reports/templates/registry.js';
import { arbitraryCases, arbitraryYear, mk } from './report-fixtures.js';

async function collect(members: AsyncIterable<string>): Promise<string[]> {
  const ids: string[] = [];
  for await (const id of members) ids.push(id);
  return ids;
}

const CASES: ReportCase[] = [
  mk('k1', { receivedDate: '2025-01-05', closedDate: '2025-01-20', closingAction: 'reply', outcome: 'withheld.trade_secret', timing: 'on_time' }),
  mk('k2', { applicantColumn: 'commercial', receivedDate: '2025-02-05', closedDate: '2025-02-20', closingAction: 'reply', outcome: 'withheld.privacy', timing: 'on_time' }),
  mk('k3', { receivedDate: '2024-12-31', closedDate: '2025-01-02', closingAction: 'reply', outcome: 'withheld.privacy', timing: 'extended' }),
  mk('k4', { receivedDate: '2025-12-31' }),
  mk('k5', {
    receivedDate: '2024-01-05',
    closedDate: '2024-01-20',
    closingAction: 'reply',
    outcome: 'disclosed',
    appeals: [
      { kind: 'reconsideration', filedDate: '2025-01-10' },
      { kind: 'reconsideration', filedDate: '2025-06-10', decidedDate: '2026-01-03', result: 'upheld' },
    ],
  }),
];

describe('cellMembers', () => {
  it('lists the cases behind a figure (hand-picked)', async () => {
    expect(await collect(cellMembers('cn-2021.withheld_4.total', 2025, CASES))).toEqual(['k1', 'k2', 'k3']);
    expect(await collect(cellMembers('cn-2021.withheld_4.natural_person', 2025, CASES))).toEqual(['k1', 'k3']);
    expect(await collect(cellMembers('cn-2021.carried_in.total', 2025, CASES))).toEqual(['k3']);
    expect(await collect(cellMembers('cn-2021.carried_out.total', 2025, CASES))).toEqual(['k4']);
    expect(await collect(cellMembers('cn-2021.new.total', 2026, CASES))).toEqual([]);
    expect(await collect(cellMembers('cn-2021.carried_in.total', 2026, CASES))).toEqual(['k4']);
    // two appeals of one case, both pending at 31 Dec: the case once per appeal, as the figure counts
    expect(await collect(cellMembers('cn-2021.appeals.reconsideration_pending', 2025, CASES))).toEqual(['k5', 'k5']);
    expect(await collect(cellMembers('cn-2008.withheld_trade_secret.count', 2025, CASES))).toEqual(['k1']);
    expect(await collect(cellMembers('cn-2008.concluded_extended.count', 2025, CASES))).toEqual(['k3']);
  });

  it('refuses an unknown cell id', async () => {
    await expect(collect(cellMembers('cn-2021.nope.total', 2025, CASES))).rejects.toThrow(RangeError);
    await expect(collect(cellMembers('cn-2030.new.total', 2025, CASES))).rejects.toThrow(RangeError);
    await expect(collect(cellMembers('new.total', 2025, CASES))).rejects.toThrow(RangeError);
  });

  it('agrees with the aggregation for every cell of random histories', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCases(undefined, 25), arbitraryYear, fc.constantFrom(...TEMPLATE_IDS), async (cases, year, templateId) => {
        const report = await aggregate(cases, { year, agencyId: 'A', templateId });
        for (const cell of Object.values(report.cells)) {
          const members = await collect(cellMembers(cell.id, year, cases));
          expect(members.length, cell.id).toBe(cell.value);
        }
      }),
      { numRuns: 40 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../shared/reports/aggregate.js';
import { checkReport } from '../../../shared/reports/identities.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { expectTable, mk } from './report-fixtures.js';

/** Eleven cases around 2020, counted by hand below. */
const CASES_2020: ReportCase[] = [
  mk('d01', { receivedDate: '2020-01-06', closedDate: '2020-01-20', closingAction: 'reply', outcome: 'disclosed' }),
  // 2008 regime (received before 2019-05-15), answered in 2020 with its 2008-only code: （六）其他处理
  mk('d02', { receivedDate: '2019-05-10', closedDate: '2020-01-03', closingAction: 'reply', outcome: 'correction_requested' }),
  mk('d03', { applicantColumn: 'commercial', channel: 'mail', receivedDate: '2020-02-03', closedDate: '2020-02-10', closingAction: 'withdraw' }),
  mk('d04', { applicantColumn: 'research', channel: 'fax', receivedDate: '2020-03-02', closedDate: '2020-03-30', closingAction: 'reply', outcome: 'other.misc' }),
  mk('d05', { channel: 'in_person', receivedDate: '2020-04-01', closedDate: '2020-04-20', closingAction: 'reply', outcome: 'withheld.state_secret' }),
  mk('d06', { receivedDate: '2020-05-06', closedDate: '2020-06-01', closingAction: 'reply', outcome: 'unavailable.needs_creation' }),
  mk('d07', { receivedDate: '2020-12-30' }),
  mk('d08', { applicantColumn: 'legal_services', channel: 'email', receivedDate: '2019-12-25', closedDate: '2020-01-08', closingAction: 'reply', outcome: 'withheld.security_stability' }),
  mk('d09', {
    receivedDate: '2019-10-10',
    closedDate: '2019-11-01',
    closingAction: 'reply',
    outcome: 'not_processed.petition',
    appeals: [
      { kind: 'reconsideration', filedDate: '2020-01-05' },
      { kind: 'lawsuit', filedDate: '2020-06-01', decidedDate: '2020-10-01', result: 'upheld' },
    ],
  }),
  mk('d10', { applicantColumn: 'social_welfare', receivedDate: '2020-07-01', closedDate: '2020-08-01', closingAction: 'close_no_correction', outcome: 'other.no_correction' }),
  mk('d11', {
    receivedDate: '2020-08-03',
    closedDate: '2020-09-01',
    closingAction: 'reply',
    outcome: 'unavailable.still_unclear',
    appeals: [
      { kind: 'reconsideration', filedDate: '2020-09-10', decidedDate: '2020-09-30', result: 'other' },
      // decided on 31 Dec: decided, not pending
      { kind: 'lawsuit', afterReconsideration: true, filedDate: '2020-10-01', decidedDate: '2020-12-31', result: 'corrected' },
    ],
  }),
];

describe('cn-2019 aggregation, 2020, counted by hand', () => {
  it('gives every cell, with （六）其他处理 as one row', async () => {
    const report = await aggregate(CASES_2020, { year: 2020, agencyId: 'A', generatedAt: '2021-01-05T00:00:00.000Z' });
    expect(report.templateId).toBe('cn-2019');
    // columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    expectTable(report, {
      new: [5, 1, 1, 1, 0, 0, 8], // d01 d05 d06 d07 d11 | d03 | d04 | d10
      carried_in: [1, 0, 0, 0, 1, 0, 2], // d02 | d08
      disclosed: [1, 0, 0, 0, 0, 0, 1], // d01
      withheld_1: [1, 0, 0, 0, 0, 0, 1], // d05
      withheld_3: [0, 0, 0, 0, 1, 0, 1], // d08
      unavailable_2: [1, 0, 0, 0, 0, 0, 1], // d06
      unavailable_3: [1, 0, 0, 0, 0, 0, 1], // d11
      other: [1, 1, 1, 1, 0, 0, 4], // d02 correction_requested | d03 withdrawn | d04 misc | d10 no correction
      total: [5, 1, 1, 1, 1, 0, 9],
      carried_out: [1, 0, 0, 0, 0, 0, 1], // d07
      appeals: [0, 0, 1, 1, 2, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1], // d11 d09 | d09 | d11
    });
    expect(checkReport(report)).toEqual([]);
  });

  it('has no （六） items: cn-2019 cell ids name the single row', async () => {
    const report = await aggregate(CASES_2020, { year: 2020, agencyId: 'A', templateId: 'cn-2019' });
    expect(report.cells['cn-2019.other.total']?.value).toBe(4);
    expect(report.cells['cn-2019.other_1.total']).toBeUndefined();
  });

  it('counts the same cases into cn-2021 for 2020 when asked, splitting （六）', async () => {
    const report = await aggregate(CASES_2020, { year: 2020, agencyId: 'A', templateId: 'cn-2021' });
    expectTable(report, {
      new: [5, 1, 1, 1, 0, 0, 8],
      carried_in: [1, 0, 0, 0, 1, 0, 2],
      disclosed: [1, 0, 0, 0, 0, 0, 1],
      withheld_1: [1, 0, 0, 0, 0, 0, 1],
      withheld_3: [0, 0, 0, 0, 1, 0, 1],
      unavailable_2: [1, 0, 0, 0, 0, 0, 1],
      unavailable_3: [1, 0, 0, 0, 0, 0, 1],
      other_1: [0, 0, 0, 1, 0, 0, 1], // d10
      other_3: [1, 1, 1, 0, 0, 0, 3], // d02 | d03 | d04
      total: [5, 1, 1, 1, 1, 0, 9],
      carried_out: [1, 0, 0, 0, 0, 0, 1],
      appeals: [0, 0, 1, 1, 2, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { aggregate, classifyCase } from '../../../shared/reports/aggregate.js';
import { checkReport } from '../../../shared/reports/identities.js';
import { ReportInputError } from '../../../shared/reports/report-case.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { expectTable, mk } from './report-fixtures.js';

/** Thirteen cases of the 2008 regime around 2018, counted by hand below. */
const CASES_2018: ReportCase[] = [
  mk('e01', { channel: 'in_person', receivedDate: '2018-01-08', closedDate: '2018-01-20', closingAction: 'reply', outcome: 'disclosed', timing: 'on_time' }),
  mk('e02', { applicantColumn: 'commercial', channel: 'fax', receivedDate: '2018-02-01', closedDate: '2018-02-10', closingAction: 'reply', outcome: 'already_public', timing: 'on_time' }),
  mk('e03', { receivedDate: '2018-03-01', closedDate: '2018-04-10', closingAction: 'reply', outcome: 'partially_disclosed', timing: 'extended' }),
  mk('e04', { channel: 'email', receivedDate: '2018-03-05', closedDate: '2018-03-20', closingAction: 'reply', outcome: 'withheld.process_info', timing: 'on_time' }),
  // overdue is also after the original deadline: 延期办结
  mk('e05', { channel: 'mail', receivedDate: '2018-04-02', closedDate: '2018-05-30', closingAction: 'reply', outcome: 'withheld.enforcement_file', timing: 'overdue' }),
  mk('e06', { channel: 'other', receivedDate: '2018-05-02', closedDate: '2018-05-20', closingAction: 'reply', outcome: 'unavailable.not_responsible', timing: 'on_time' }),
  mk('e07', { receivedDate: '2018-06-01', closedDate: '2018-06-15', closingAction: 'reply', outcome: 'correction_requested', timing: 'on_time' }),
  // withdrawn: concluded (申请办结数) but answered in no row
  mk('e08', { receivedDate: '2018-07-02', closedDate: '2018-07-05', closingAction: 'withdraw', timing: 'on_time' }),
  // received in 2017, concluded in 2018
  mk('e09', { applicantColumn: 'research', receivedDate: '2017-12-20', closedDate: '2018-01-10', closingAction: 'reply', outcome: 'not_processed.duplicate', timing: 'extended' }),
  mk('e10', { channel: 'mail', receivedDate: '2018-12-28' }),
  mk('e11', {
    receivedDate: '2017-05-01',
    closedDate: '2017-06-01',
    closingAction: 'reply',
    outcome: 'withheld.state_secret',
    timing: 'on_time',
    appeals: [
      { kind: 'reconsideration', filedDate: '2018-01-15', decidedDate: '2018-03-01', result: 'upheld' },
      // still pending at 31 Dec 2018: 其他情形
      { kind: 'lawsuit', afterReconsideration: true, filedDate: '2018-03-20', decidedDate: '2019-02-01', result: 'upheld' },
    ],
    complaints: [{ filedDate: '2018-04-01', decidedDate: '2018-05-01', result: 'corrected' }],
  }),
  mk('e12', {
    receivedDate: '2018-08-01',
    closedDate: '2018-08-20',
    closingAction: 'reply',
    outcome: 'unavailable.needs_creation',
    timing: 'on_time',
    appeals: [{ kind: 'lawsuit', filedDate: '2018-09-01', decidedDate: '2018-11-01', result: 'corrected' }],
    complaints: [{ filedDate: '2018-10-01' }],
  }),
  mk('e13', { receivedDate: '2018-09-03', closedDate: '2018-09-20', closingAction: 'reply', outcome: 'withheld.security_stability', timing: 'on_time' }),
];

describe('cn-2008 aggregation, 2018, counted by hand', () => {
  it('gives every row of the 2008 统计表', async () => {
    const report = await aggregate(CASES_2018, { year: 2018, agencyId: 'A', generatedAt: '2019-01-05T00:00:00.000Z' });
    expect(report.templateId).toBe('cn-2008');
    expectTable(report, {
      received: [11],
      received_in_person: [1], // e01
      received_fax: [1], // e02
      received_online: [6], // e03 e04(email) e07 e08 e12 e13
      received_mail: [2], // e05 e10
      received_other: [1], // e06
      concluded: [11], // e01–e09, e12, e13
      concluded_on_time: [8], // e01 e02 e04 e06 e07 e08 e12 e13
      concluded_extended: [2], // e03 extended, e09 extended
      concluded_overdue: [1], // e05 overdue: counted apart, never as 延期 (law audit item 7)
      answered: [10], // all concluded but the withdrawn e08
      answered_already_public: [1], // e02
      answered_disclosed: [1], // e01
      answered_partial: [1], // e03
      answered_withheld: [3], // e04 e05 e13
      withheld_security_stability: [1], // e13
      withheld_not_government_information: [1], // e04 process information
      withheld_other_law: [1], // e05 enforcement file
      answered_not_responsible: [1], // e06
      answered_not_found: [1], // e12 needs creation
      answered_correction: [1], // e07
      answered_other_route: [1], // e09 duplicate
      reconsideration: [1],
      reconsideration_upheld: [1], // e11
      lawsuit: [2],
      lawsuit_corrected: [1], // e12
      lawsuit_other: [1], // e11, pending at 31 Dec
      complaint: [2],
      complaint_corrected: [1], // e11
      complaint_other: [1], // e12, pending
    });
    expect(checkReport(report)).toEqual([]);
  });

  it('refuses a concluded case without the timing 按时 / 延期 needs', () => {
    const c = mk('t', { receivedDate: '2018-01-02', closedDate: '2018-01-10', closingAction: 'withdraw' });
    expect(() => classifyCase('cn-2008', 2018, c)).toThrow(ReportInputError);
    // the other templates do not need it
    expect(classifyCase('cn-2021', 2018, c)).toContain('cn-2021.other_3.total');
  });

  it('answers a fee-unpaid close in no 申请答复数 row, as a withdrawal', () => {
    const c = mk('fee', { receivedDate: '2018-01-02', closedDate: '2018-01-10', closingAction: 'reply', outcome: 'other.fee_unpaid', timing: 'on_time' });
    expect(classifyCase('cn-2008', 2018, c).sort()).toEqual(
      ['cn-2008.received.count', 'cn-2008.received_online.count', 'cn-2008.concluded.count', 'cn-2008.concluded_on_time.count'].sort(),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ReportInputError, validateReportCase } from '../../../shared/reports/report-case.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { mk } from './report-fixtures.js';

function problem(c: ReportCase): string {
  try {
    validateReportCase(c);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportInputError);
    expect((error as ReportInputError).caseId).toBe(c.id);
    return (error as ReportInputError).problem;
  }
  return 'valid';
}

const replied = { receivedDate: '2025-01-02', closedDate: '2025-01-10', closingAction: 'reply', outcome: 'disclosed' } as const;

describe('validateReportCase', () => {
  it('accepts consistent records', () => {
    expect(problem(mk('open'))).toBe('valid');
    expect(problem(mk('replied', replied))).toBe('valid');
    expect(problem(mk('withdrawn', { receivedDate: '2025-01-02', closedDate: '2025-01-02', closingAction: 'withdraw' }))).toBe('valid');
    expect(problem(mk('abandoned', { receivedDate: '2025-01-02', closedDate: '2025-03-02', closingAction: 'close_no_correction', outcome: 'other.no_correction' }))).toBe('valid');
  });

  it('refuses what would skew a figure', () => {
    const cases: [Partial<ReportCase>, RegExp][] = [
      [{ receivedDate: '2025-1-2' }, /receivedDate must be a civil date/],
      [{ receivedDate: '2025-02-30T00:00' }, /receivedDate must be a civil date/],
      [{ channel: 'pigeon' as ReportCase['channel'] }, /channel/],
      [{ applicantColumn: 'legal_person' as ReportCase['applicantColumn'] }, /applicantColumn/],
      [{ closedDate: '2025-01-10' }, /go together/],
      [{ closedDate: '2025-01-10', closingAction: 'withdraw' }, /without ever being received/],
      [{ ...replied, closedDate: '2024-12-31' }, /before receivedDate/],
      [{ ...replied, outcome: undefined }, /needs an outcome/],
      [{ ...replied, outcome: 'approved' as ReportCase['outcome'] }, /not an outcome code/],
      [{ ...replied, closingAction: 'withdraw' }, /withdrawal carries no outcome/],
      [{ ...replied, closingAction: 'close_no_correction' }, /only carry other.no_correction/],
      [{ receivedDate: '2025-01-02', outcome: 'disclosed' }, /open case carries no outcome/],
      [{ ...replied, timing: 'late' as ReportCase['timing'] }, /timing/],
      [{ appeals: [{ kind: 'reconsideration', filedDate: '2025-02-01', decidedDate: '2025-03-01' }] }, /decision date without a result/],
      [{ appeals: [{ kind: 'lawsuit', filedDate: '2025-02-01', decidedDate: '2025-01-01', result: 'upheld' }] }, /decided before it was filed/],
      [{ appeals: [{ kind: 'reconsideration', afterReconsideration: true, filedDate: '2025-02-01' }] }, /marked as filed after reconsideration/],
      [{ complaints: [{ filedDate: '2025-02-01', result: 'other' }] }, /complaints\[0\] has a decision date without a result/],
    ];
    for (const [fields, expected] of cases) expect(problem(mk('bad', fields)), JSON.stringify(fields)).toMatch(expected);
  });

  it('names the case, never the applicant', () => {
    expect(() => validateReportCase(mk('case-42', { closedDate: '2025-01-10' }))).toThrow('Case case-42 cannot be counted: closedDate and closingAction go together.');
  });
});

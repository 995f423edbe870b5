/**
 * The statistics' view of a case (shared/reports/report-case.ts) projected from its state: stored on the
 * case item as the only attribute the statistics indexes carry, so the year-end reports read no
 * personal data. A case never received (withdrawn while still `submitted`) counts nowhere (docs/domain.md §7),
 * so its closing is not projected.
 */
import type { CaseState } from '../domain/case-state.js';
import type { ReportCase } from './report-case.js';

export function toReportCase(state: CaseState): ReportCase {
  const base: ReportCase = {
    id: state.id,
    agencyId: state.agencyId,
    applicantColumn: state.applicantColumn,
    channel: state.channel,
    appeals: state.appeals.map((a) => ({
      kind: a.kind,
      ...(a.afterReconsideration !== undefined ? { afterReconsideration: a.afterReconsideration } : {}),
      filedDate: a.filedDate,
      ...(a.decidedDate ? { decidedDate: a.decidedDate } : {}),
      ...(a.result ? { result: a.result } : {}),
    })),
    complaints: state.complaints.map((c) => ({
      filedDate: c.filedDate,
      ...(c.decidedDate ? { decidedDate: c.decidedDate } : {}),
      ...(c.result ? { result: c.result } : {}),
    })),
  };
  if (!state.receivedDate) return base;
  return {
    ...base,
    receivedDate: state.receivedDate,
    ...(state.closedDate && state.closingAction ? { closedDate: state.closedDate, closingAction: state.closingAction } : {}),
    ...(state.closedDate && state.outcome ? { outcome: state.outcome } : {}),
    // A case closed while no deadline was running (withdrawn or abandoned while a correction was
    // awaited) breached no deadline: it counts as concluded on time (cn-2008 按时办结).
    ...(state.closedDate ? { timing: state.timing ?? 'on_time' } : {}),
  };
}

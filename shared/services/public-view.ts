/**
 * The public timeline of an application: what happened and when, as the applicant may see it. It
 * carries no actor (officers' names stay internal), no third party's name, and nothing written by the
 * daily sweep. DESIGN.md: the public status view never carries personal data.
 */
import type { CaseEvent, CaseEventType, CivilDate } from '../domain/types.js';

export interface PublicTimelineEntry {
  date: CivilDate;
  recordedAt: string;
  type: CaseEventType;
  label: string;
  details?: Record<string, unknown>;
}

const LABELS: Record<CaseEventType, string | null> = {
  submit: '提交申请 (application submitted)',
  register: '登记申请 (application registered)',
  confirm_receipt: '确认收到申请 (receipt confirmed)',
  request_correction: '补正告知 (correction requested)',
  receive_correction: '收到补正申请 (corrected application received)',
  start_consultation: '征求意见 (consultation started; time not counted)',
  end_consultation: '征求意见结束 (consultation ended)',
  extend: '延期答复 (reply deadline extended)',
  reply: '作出答复 (replied)',
  withdraw: '申请人撤回申请 (withdrawn by the applicant)',
  close_no_correction: '逾期未补正，视为放弃 (no correction in time: application abandoned)',
  file_reconsideration: '申请行政复议 (administrative reconsideration filed)',
  decide_reconsideration: '行政复议决定 (reconsideration decided)',
  file_lawsuit: '提起行政诉讼 (lawsuit filed)',
  decide_lawsuit: '行政诉讼裁判 (lawsuit decided)',
  file_complaint: '举报投诉 (complaint filed)',
  decide_complaint: '举报投诉处理 (complaint decided)',
  deadline_flag: null,
  anonymise: null,
};

function publicDetails(event: CaseEvent): Record<string, unknown> | undefined {
  switch (event.type) {
    case 'confirm_receipt':
      return { receivedDate: event.receivedDate };
    case 'register':
      return { receivedDate: event.receivedDate, channel: event.channel };
    case 'request_correction':
      return { items: event.items, correctionDueDate: event.correctionDueDate };
    case 'start_consultation':
      return { party: event.party };
    case 'end_consultation':
      return { result: event.result };
    case 'extend':
      return { days: event.days };
    case 'reply':
      return { outcome: event.outcome, ...(event.replyNumber ? { replyNumber: event.replyNumber } : {}) };
    case 'file_lawsuit':
      return { afterReconsideration: event.afterReconsideration };
    case 'decide_reconsideration':
    case 'decide_lawsuit':
    case 'decide_complaint':
      return { result: event.result };
    default:
      return undefined;
  }
}

export function publicTimeline(events: CaseEvent[]): PublicTimelineEntry[] {
  const entries: PublicTimelineEntry[] = [];
  for (const event of events) {
    const label = LABELS[event.type];
    if (label === null) continue;
    const details = publicDetails(event);
    entries.push({ date: event.effectiveDate, recordedAt: event.recordedAt, type: event.type, label, ...(details ? { details } : {}) });
  }
  return entries;
}

/**
 * The public timeline of an application: what happened and when, as the applicant may see it. It
 * carries no actor (officers' names stay internal), no third party's name, and nothing written by the
 * daily sweep. docs/architecture.md: the public status view never carries personal data.
 */
import type { CaseEvent, CaseEventType, CivilDate } from '../domain/types.js';
import type { Locale } from '../i18n/locale.js';
import { message, type MessageKey } from '../i18n/messages.js';

export interface PublicTimelineEntry {
  date: CivilDate;
  recordedAt: string;
  type: CaseEventType;
  label: string;
  details?: Record<string, unknown>;
}

/** The events an applicant sees, each with its label in the catalogue (`timeline.<type>`); the sweep's flags are internal. */
const PUBLIC_TYPES: ReadonlySet<CaseEventType> = new Set<CaseEventType>([
  'submit',
  'register',
  'confirm_receipt',
  'request_correction',
  'receive_correction',
  'start_consultation',
  'end_consultation',
  'consultation_lapsed',
  'extend',
  'reply',
  'withdraw',
  'close_no_correction',
  'fee_notice',
  'fee_paid',
  'fee_waived',
  'close_fee_unpaid',
  'request_reasons',
  'reasonable_period',
  'record_delivery',
  'file_reconsideration',
  'decide_reconsideration',
  'file_lawsuit',
  'decide_lawsuit',
  'file_complaint',
  'decide_complaint',
]);

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
      return { days: event.days, ...(event.noticeDate ? { noticeDate: event.noticeDate } : {}) };
    case 'consultation_lapsed':
      return { windowEnd: event.windowEnd };
    case 'request_reasons':
      return { reasonsDueDate: event.reasonsDueDate };
    case 'reasonable_period':
      return { until: event.until, ...(event.noticeDate ? { noticeDate: event.noticeDate } : {}) };
    case 'fee_notice':
      return {
        method: event.method,
        units: event.units,
        priorUnits: event.priorUnits,
        amountFen: event.amountFen,
        breakdown: event.breakdown,
        howToPay: event.howToPay,
        ...(event.noticeReceivedOn ? { noticeReceivedOn: event.noticeReceivedOn } : {}),
      };
    case 'reply':
      return { outcome: event.outcome, ...(event.replyNumber ? { replyNumber: event.replyNumber } : {}) };
    case 'file_lawsuit':
      return { afterReconsideration: event.afterReconsideration };
    case 'decide_reconsideration':
    case 'decide_lawsuit':
    case 'decide_complaint':
      return { result: event.result };
    case 'record_delivery':
      return { ...(event.kind ? { kind: event.kind } : {}), method: event.method, deliveredOn: event.deliveredOn };
    default:
      return undefined;
  }
}

/** The public timeline, its labels in `locale` (Simplified Chinese unless the request asks for English). */
export function publicTimeline(events: CaseEvent[], locale: Locale = 'zh'): PublicTimelineEntry[] {
  const entries: PublicTimelineEntry[] = [];
  for (const event of events) {
    if (!PUBLIC_TYPES.has(event.type)) continue;
    // The letter to a consulted party is not the applicant's: neither is its delivery.
    if (event.type === 'record_delivery' && event.kind === 'consultation_letter') continue;
    const label = message(locale, `timeline.${event.type}` as MessageKey);
    const details = publicDetails(event);
    entries.push({ date: event.effectiveDate, recordedAt: event.recordedAt, type: event.type, label, ...(details ? { details } : {}) });
  }
  return entries;
}

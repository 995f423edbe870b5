/**
 * The state of a case: a pure function of its events and the working calendar (docs/domain.md §5,
 * docs/architecture.md "Data and consistency"), derived by shared/domain/evolve.ts and stored on the case
 * item for queries. Facts come from the events; the clock fields (due dates, provisional, paused,
 * explanation, timing) are recomputed from those facts after every event, so loading a missing year of
 * the calendar and replaying gives the final deadline.
 *
 * No personal data of the applicant: their identity lives beside the state on the case item. A consulted
 * third party's `name` is kept here (the officer needs it) but never enters the explanation.
 */
import type { Timing } from './clock.js';
import type { FeeComputation } from './fees.js';
import type { DeadlineExplanation } from './explanation.js';
import type { OutcomeCode } from './outcome-codes.js';
import type { ConsultationParty } from './regime.js';
import type { Actor, AppealResult, ApplicantColumn, CaseStatus, Channel, CivilDate, Instant, Regime } from './types.js';

/** docs/domain.md §5: the one action that closes a case. */
export type ClosingAction = 'reply' | 'withdraw' | 'close_no_correction' | 'close_fee_unpaid';

/**
 * The information processing fee (信息处理费, 2019 Regulation Art. 42; 国办函〔2020〕109号; docs/domain.md
 * "Fees"): the notice as given, with its amount in fen and its breakdown, and what became of it.
 */
export interface Fee extends FeeComputation {
  howToPay: string;
  noticeDate: CivilDate;
  /** The day the applicant received the notice (default: the notice's date). */
  noticeReceivedOn: CivilDate;
  /** The last day to pay: the 20th working day after `noticeReceivedOn`; derived with the calendar. */
  paymentDueDate?: CivilDate;
  /** notified: awaiting payment (the clock paused); paid; waived (减免); unpaid: deemed abandoned. */
  status: 'notified' | 'paid' | 'waived' | 'unpaid';
  /** The day it was paid, waived, or the case closed as unpaid: the end of the time not counted. */
  settledOn?: CivilDate;
  waiverReason?: string;
}

export interface Extension {
  /** Working days added to the reply period (≤ the regime's maximum). */
  days: number;
  reason: string;
  /** The supervisor who approved it (政府信息公开工作机构负责人同意), with their agency. */
  approvedBy: Actor;
  /** The agency whose disclosure office head approved it: always the case's own (Art. 33). */
  approvingAgencyId?: string;
  approvedOn: CivilDate;
  /** The day the applicant was told (告知申请人, Art. 33): on or before the deadline; default the approval day. */
  noticeDate: CivilDate;
}

/** The correction notice (补正告知, 2019 Regulation Art. 30). */
export interface Correction {
  requestedOn: CivilDate;
  items: string[];
  /**
   * The day the correction is due: the date the notice states, or — once the notice's delivery (送达) is
   * recorded — as many working days after the delivery date as the notice gave from its own date, whichever
   * is later (docs/domain.md §5: periods that run from delivery start on the recorded delivery date).
   */
  correctionDueDate: CivilDate;
  /** The date the notice states (the officer's `correctionDueDate`); absent on cases recorded before delivery records. */
  noticeDueDate?: CivilDate;
  /** The recorded delivery of the correction notice (the latest, if a corrected notice was delivered again). */
  deliveredOn?: CivilDate;
  /** Given more than 7 working days after receipt: accepted but flagged (docs/domain.md §5). */
  late: boolean;
  /** The day the corrected application arrived: the clock restarted from zero on it. */
  receivedOn?: CivilDate;
}

export interface Consultation {
  party: ConsultationParty;
  name: string;
  start: CivilDate;
  /** The day the party received the letter (default: the day it was sent, `start`). */
  letterReceivedOn?: CivilDate;
  /** The last of the party's 15 working days from `letterReceivedOn` (Art. 32 / 34); derived with the calendar. */
  windowEnd?: CivilDate;
  /** Absent while open. A withdrawal during a consultation ends it on the withdrawal date, with no result. */
  end?: CivilDate;
  result?: 'agreed' | 'objected' | 'no_reply';
  /** Ended by the sweep when the window closed without an answer recorded. */
  lapsed?: boolean;
}

export interface Appeal {
  kind: 'reconsideration' | 'lawsuit';
  /** Lawsuits: filed after an administrative reconsideration (复议后起诉) rather than directly. */
  afterReconsideration?: boolean;
  filedDate: CivilDate;
  decidedDate?: CivilDate;
  result?: AppealResult;
}

export interface Complaint {
  filedDate: CivilDate;
  decidedDate?: CivilDate;
  result?: AppealResult;
}

export interface CaseFlags {
  /** The correction notice came more than 7 working days after receipt (2019 Regulation Art. 30). */
  correctionLate?: boolean;
  /** Set by the daily sweep for the current due date; cleared when the due date changes. */
  dueSoon?: boolean;
  /** Set by the daily sweep for the current due date; cleared when the due date changes. */
  overdue?: boolean;
  /** The sweep ended a consultation whose 15-working-day window closed (Art. 32 / 34). */
  consultationLapsed?: boolean;
  /** An online submission (Guiding Case No. 26) or a plain letter (Art. 31(2)) confirmed later than allowed, with a stated reason. */
  receiptConfirmedLate?: boolean;
  /** The sweep found an online submission still unconfirmed after the policy's working days. */
  unconfirmed?: boolean;
}

export interface CaseState {
  id: string;
  agencyId: string;
  status: CaseStatus;
  channel: Channel;
  applicantColumn: ApplicantColumn;
  /** Chosen by the receipt date (docs/domain.md §2); null until received. */
  regime: Regime | null;
  submittedAt?: Instant;
  receivedDate?: CivilDate;
  /** Art. 31(2): the day a plain letter (平常信函) arrived; the receipt date is the day it was confirmed with the applicant. */
  letterArrivedOn?: CivilDate;
  /** The day the count runs from: the receipt date, or the corrected application's arrival. */
  clockStart?: CivilDate;
  /** The deadline (with the extension). Absent before receipt, while a correction is awaited, and while
   * paused by a consultation before the deadline is reached. */
  dueDate?: CivilDate;
  /** The deadline before the extension. */
  originalDueDate?: CivilDate;
  /** The deadline relies on a year whose calendar is not loaded (docs/domain.md §4, fail closed). */
  provisional: boolean;
  provisionalReason?: string;
  extended: boolean;
  extension?: Extension;
  /** An excluded consultation is open: the clock is paused. */
  paused: boolean;
  pausedSince?: CivilDate;
  /** While paused: working days still to count when the consultation ends. */
  workingDaysLeft?: number;
  correction?: Correction;
  consultations: Consultation[];
  /** Art. 32: disclosure despite the third party's objection, in the public interest, and the written notice to it. */
  publicInterest?: { decidedOn: CivilDate; decidedBy: Actor; information: string; reason: string; thirdPartyNotifiedOn: CivilDate };
  /** Art. 35: the applicant asked for reasons; a reasonable later reply date when they were found reasonable. */
  art35?: {
    requestedOn: CivilDate;
    question: string;
    reasonsDueDate: CivilDate;
    reasonablePeriod?: { until: CivilDate; reason: string; decidedOn: CivilDate; decidedBy: Actor; noticeDate: CivilDate };
  };
  /** The fee notice and its payment, if the agency charged a fee. */
  fee?: Fee;
  /** The reply's code; `other.no_correction` for close_no_correction; absent for a withdrawal. */
  outcome?: OutcomeCode;
  closingAction?: ClosingAction;
  closedDate?: CivilDate;
  /** The closing date against the deadlines (docs/domain.md §4); absent when no deadline was running at closing. */
  timing?: Timing;
  appeals: Appeal[];
  complaints: Complaint[];
  flags: CaseFlags;
  /** The deadline explained (no personal data); absent before receipt. */
  explanation?: DeadlineExplanation;
  /** The first deadline the sweep found missed: kept for good, whatever the case does later. */
  missedDeadline?: CivilDate;
  /** Why receipt of an online submission was confirmed late. */
  receiptLateReason?: string;
  /** The latest effective date of the case's actions (the daily sweep's flags do not count). */
  lastEffectiveDate?: CivilDate;
  /** The number of events = the seq of the last event. */
  version: number;
}

/**
 * The vocabulary every layer shares: channels, applicant kinds, roles, and the shape of a case's events.
 * Pure types and constant lists, no logic. Source: docs/domain.md §1, §3, §5 and docs/architecture.md.
 */
import type { FeeComputation } from './fees.js';
import type { OutcomeCode } from './outcome-codes.js';

/** A civil date `YYYY-MM-DD` in China time (Asia/Shanghai). docs/domain.md §4: all civil dates are Beijing dates. */
export type CivilDate = string;
/** An instant, ISO 8601 in UTC (`2026-01-01T07:30:00.000Z`). */
export type Instant = string;

/** docs/domain.md §2: the regime is chosen by the date of receipt (2008 Regulation before 2019-05-15). */
export type Regime = '2008' | '2019';

/** docs/domain.md §1 channels; e-mail counts as 网络 in the reports. In-person and mail may never be refused. */
export const CHANNELS = ['in_person', 'mail', 'fax', 'online', 'email', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const APPLICANT_TYPES = ['natural_person', 'legal_person'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** docs/domain.md §1: the five kinds of legal person / other organisation. */
/** Identity documents of the standard application form (证件类型); an organisation's unified social credit code. */
export const ID_DOCUMENT_TYPES = ['resident_id', 'passport', 'travel_permit', 'unified_social_credit_code', 'business_license', 'other'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

/** 获取信息的方式 (paper or electronic) and 提供方式 (how it is handed over). */
export const DELIVERY_FORMS = ['paper', 'electronic'] as const;
export const DELIVERY_METHODS = ['post', 'email', 'pickup', 'online'] as const;
/** How a written notice reached its addressee (送达, docs/domain.md §9): by post, e-mail, in person, online. */
export const DOCUMENT_DELIVERY_METHODS = ['post', 'email', 'in_person', 'online'] as const;
/** The written notices (docs/domain.md §9; their templates: shared/documents/templates.ts). */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KINDS = [
  'receipt',
  'correction_notice',
  'extension_notice',
  'consultation_letter',
  'fee_notice',
  'reply',
  'not_processed_notice',
] as const;

export const ORGANIZATION_TYPES = ['commercial', 'research', 'social_welfare', 'legal_services', 'other'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** The six applicant columns of the cn-2019 / cn-2021 tables (docs/domain.md §7), derived from type + organisation. */
export type ApplicantColumn = 'natural_person' | OrganizationType;

/**
 * The roles (JWT groups). `officer` and `supervisor` handle cases (own agency / subtree); `admin` manages a
 * tenant's agencies and regional calendars, never cases; `platform` is the operator of the deployment: it
 * creates tenants' roots and loads the national calendar, and has no agency of its own.
 */
export const ROLES = ['officer', 'supervisor', 'admin', 'platform'] as const;
/** Who acted: an officer role from the JWT groups, the applicant (public form), or the system (auto-confirm, sweep). */
export type ActorRole = (typeof ROLES)[number] | 'applicant' | 'system';

export interface Actor {
  /** JWT `sub`, or `applicant` / `system`. Never the applicant's name (docs/architecture.md: PII only on the case item). */
  sub: string;
  name: string;
  role: ActorRole;
  /** The agency the officer acts for (from the JWT): an extension records who approved it and of which agency (Art. 33). */
  agencyId?: string;
}

/** docs/domain.md §5 lifecycle states. */
export const CASE_STATUSES = [
  'submitted',
  'received',
  'awaiting_correction',
  'consulting',
  'replied',
  'withdrawn',
  'abandoned',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CLOSED_STATUSES: readonly CaseStatus[] = ['replied', 'withdrawn', 'abandoned'];

export type AppealResult = 'upheld' | 'corrected' | 'other';

/**
 * The events of a case. `type` names what happened; the officer actions of docs/architecture.md
 * (`POST /cases/{id}/actions`) produce the event of the same name. `submit` (the public form) and
 * `register` (an officer registers a paper application) open a case; `deadline_flag` is written by the
 * daily sweep. Payloads hold no personal data: the applicant's identity lives on the case item only.
 */
export type CaseEventPayload =
  | { type: 'submit'; channel: 'online'; submittedAt: Instant; applicantColumn: ApplicantColumn }
  | {
      type: 'register';
      channel: Channel;
      receivedDate: CivilDate;
      submittedAt?: Instant;
      applicantColumn: ApplicantColumn;
      /** Why an online submission's receipt is dated later than the policy allows, or a plain letter was confirmed late (then flagged). */
      lateReason?: string;
      /** Art. 31(2): a plain letter's day of arrival; `receivedDate` is the day it was confirmed with the applicant. */
      letterArrivedOn?: CivilDate;
    }
  | {
      type: 'confirm_receipt';
      receivedDate: CivilDate;
      /** Why an online submission was confirmed later than the policy allows (then flagged). */
      lateReason?: string;
    }
  | { type: 'request_correction'; items: string[]; correctionDueDate: CivilDate }
  | { type: 'receive_correction' }
  | {
      type: 'start_consultation';
      party: 'third_party' | 'other_agency';
      name: string;
      /** The day the consulted party received the letter (Art. 32 / 34: its 15 working days run from it); default: the day it was sent. */
      letterReceivedOn?: CivilDate;
    }
  | { type: 'end_consultation'; result: 'agreed' | 'objected' | 'no_reply' }
  /** Written by the daily sweep: the consulted party's 15 working days ran out on `windowEnd` without an answer recorded. */
  | { type: 'consultation_lapsed'; windowEnd: CivilDate }
  | {
      type: 'extend';
      days: number;
      reason: string;
      /** The day the applicant was told of the extension (Art. 33: 告知申请人); default: the day it was approved. */
      noticeDate?: CivilDate;
    }
  | { type: 'reply'; outcome: OutcomeCode; deliveryMethod?: string; replyNumber?: string }
  | { type: 'withdraw' }
  | { type: 'close_no_correction' }
  /**
   * The fee notice (收费通知, 2019 Regulation Art. 42; 国办函〔2020〕109号 Art. 3–5): the method, the units
   * charged (items or pages), the applicant's earlier items in the month (per item), the amount in fen and its
   * breakdown by tier as computed when the notice was given (shared/domain/fees.ts), and how to pay. The time
   * from the notice to payment is not counted (policy P13).
   */
  | (FeeComputation & {
      type: 'fee_notice';
      howToPay: string;
      /** The day the applicant received the notice (the payment period runs from the next day); default: the notice's date. */
      noticeReceivedOn?: CivilDate;
    })
  | { type: 'fee_paid' }
  /**
   * Art. 32 (2008 Regulation Art. 23): the third party objected, but the agency finds that withholding would
   * gravely affect the public interest and decides to disclose; the third party is told in writing what will be
   * disclosed and why (`thirdPartyNotifiedOn`, default the day of the decision).
   */
  | { type: 'public_interest_disclosure'; information: string; reason: string; thirdPartyNotifiedOn?: CivilDate }
  /** Art. 35: the applications clearly exceed a reasonable number or frequency: the applicant is asked for reasons. */
  | { type: 'request_reasons'; question: string; reasonsDueDate: CivilDate }
  /**
   * Art. 35: the reasons are reasonable but the reply cannot be given within the Art. 33 period: a reasonable
   * later date (`until`), its reason, and the day the applicant was told (default the day of the decision).
   */
  | { type: 'reasonable_period'; until: CivilDate; reason: string; noticeDate?: CivilDate }
  /** The agency waived the fee (减免), with its reason; the clock runs again. */
  | { type: 'fee_waived'; reason: string }
  /** Not paid within the payment period: the application is deemed abandoned (视为放弃申请; cn-2021 （六）2). */
  | { type: 'close_fee_unpaid' }
  | { type: 'file_reconsideration' }
  | { type: 'decide_reconsideration'; result: AppealResult }
  | { type: 'file_lawsuit'; afterReconsideration: boolean }
  | { type: 'decide_lawsuit'; result: AppealResult }
  | { type: 'file_complaint' }
  | { type: 'decide_complaint'; result: AppealResult }
  | { type: 'deadline_flag'; flag: 'due_soon' | 'overdue'; dueDate: CivilDate }
  /** Written by the daily sweep: an online submission still unconfirmed after the policy's working days. */
  | { type: 'receipt_flag'; flag: 'unconfirmed'; submittedOn: CivilDate }
  /**
   * The applicant's personal data left the case (shared/services/retention.ts): by the retention job once
   * the agency's retention period (`retentionYears`) ran out after closing, or by an administrator on a
   * lawful deletion request (PIPL Art. 47; `note`: the request's reference, never personal data). The
   * case's state, and so its statistics, is unchanged.
   */
  | { type: 'anonymise'; reason: 'retention' | 'erasure_request'; retentionYears?: number; note?: string }
  /** A corrected re-issue of a document (shared/services/documents.ts): a new number, the old one superseded. */
  | { type: 'reissue_document'; documentId: string; supersedes: string }
  /** How and when a document reached its addressee (送达); periods that run from delivery start on `deliveredOn`. */
  | {
      type: 'record_delivery';
      documentId: string;
      /** The kind of the delivered document (shared/documents/templates.ts): a correction notice's delivery moves the correction period. */
      kind?: DocumentKind;
      method: (typeof DOCUMENT_DELIVERY_METHODS)[number];
      deliveredOn: CivilDate;
      trackingNumber?: string;
    };

/** A written notice issued with an event: its number and the SHA-256 of its printable HTML (zh, en). */
export interface IssuedDocumentRef {
  id: string;
  kind: DocumentKind;
  number: string;
  sha256: { html: string; htmlEn: string };
  supersedes?: string;
}

export type CaseEventType = CaseEventPayload['type'];

/** One event as stored: append-only, never edited (docs/domain.md §5). */
export type CaseEvent = CaseEventPayload & {
  /** 1-based position in the case's history. */
  seq: number;
  actor: Actor;
  /** When it was recorded (an instant). */
  recordedAt: Instant;
  /** The date it takes effect (a Beijing civil date). */
  effectiveDate: CivilDate;
  /** The documents issued with it, numbered in the same transaction (docs/domain.md §9). */
  documents?: IssuedDocumentRef[];
};

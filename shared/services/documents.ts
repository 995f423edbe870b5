/**
 * Issuing the written notices of a case (docs/domain.md §9) with the events the law puts in writing:
 *
 * | event                                   | document (shared/documents/templates.ts)        | notification |
 * |-----------------------------------------|-------------------------------------------------|--------------|
 * | register, confirm_receipt               | 登记回执 (receipt)                                | receipt      |
 * | request_correction                      | 补正申请告知书 (correction_notice)                 | correction   |
 * | extend                                  | 延期答复告知书 (extension_notice)                  | extension    |
 * | start_consultation                      | 征求意见函 (consultation_letter, to the consulted) | —            |
 * | reply (not_processed.* outcomes)        | 答复书 (reply) / 不予处理告知书 (not_processed_notice) | reply     |
 * | reissue_document                        | the same kind, corrected, superseding the old   | —            |
 *
 * Each document takes the next number of its agency's year and series in the SAME transaction as its event
 * (shared/store/documents.ts counterUpdate): the counter moves only from the value read, so when two
 * transactions race one wins and the other reads again and takes the next number: no gap, no duplicate.
 * The transaction also writes the document (content in both languages, the SHA-256 of its printable HTML,
 * which the event records too) and the outbox work: render its files, notify the applicant.
 */
import { composeDocument, type AgencyDocumentSettings, type NoticeFields } from '../documents/compose.js';
import { DEFAULT_NUMBER_PATTERN, formatDocumentNumber } from '../documents/numbering.js';
import { sha256Hex } from '../documents/hash.js';
import { renderHtml } from '../documents/render-html.js';
import { documentKindOfOutcome, type DocumentKind } from '../documents/templates.js';
import type { CaseState } from '../domain/case-state.js';
import type { CaseEvent, IssuedDocumentRef } from '../domain/types.js';
import { ServiceUnavailableError } from '../errors.js';
import type { Agency } from '../store/agencies.js';
import { ExtraConditionFailed, type CaseRecord, type ExtraWrites } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { counterUpdate, documentItem, readCounter, type DeliveryMethod, type DocumentRecord } from '../store/documents.js';
import { outboxItem, type NotificationTopic, type OutboxWork } from '../store/outbox.js';
import { newCaseId } from './identifiers.js';


export interface PlannedDocument {
  kind: DocumentKind;
  addressee: 'applicant' | 'consulted';
  outcome?: CaseState['outcome'];
  supersedes?: DocumentRecord;
}

/** The documents an event puts in writing (the table above), given the state after it. */
export function documentsFor(event: CaseEvent, state: CaseState): PlannedDocument[] {
  switch (event.type) {
    case 'register':
    case 'confirm_receipt':
      return state.receivedDate ? [{ kind: 'receipt', addressee: 'applicant' }] : [];
    case 'request_correction':
      return [{ kind: 'correction_notice', addressee: 'applicant' }];
    case 'extend':
      return [{ kind: 'extension_notice', addressee: 'applicant' }];
    case 'start_consultation':
      return [{ kind: 'consultation_letter', addressee: 'consulted' }];
    case 'reply':
      return [{ kind: documentKindOfOutcome(event.outcome), addressee: 'applicant', outcome: event.outcome }];
    default:
      return [];
  }
}

const NOTIFIED: Partial<Record<DocumentKind, NotificationTopic>> = {
  receipt: 'receipt',
  correction_notice: 'correction',
  extension_notice: 'extension',
  reply: 'reply',
  not_processed_notice: 'reply',
};

/** The series a kind is numbered in: its own when the agency gave it a pattern, else the agency's one series. */
function seriesOf(kind: DocumentKind, settings: AgencyDocumentSettings | undefined): { series: string; pattern: string } {
  const own = settings?.numberPatterns?.[kind];
  if (own) return { series: kind, pattern: own };
  return { series: 'all', pattern: settings?.numberPattern ?? DEFAULT_NUMBER_PATTERN };
}

export interface IssueContext {
  db: Db;
  agency: Agency;
  /** The case after the event (its new state and version). */
  next: CaseRecord;
  event: CaseEvent;
  planned: PlannedDocument[];
  notice?: NoticeFields | undefined;
  now: Date;
}

export interface IssuePlan {
  /** The event with the references of its documents. */
  event: CaseEvent;
  extra: ExtraWrites;
  documents: DocumentRecord[];
}

/**
 * The documents of one attempt: the counters read now, the numbers that follow, the composed and hashed
 * documents, and the transaction items (counter updates, document items, outbox work).
 */
export async function planIssue(ctx: IssueContext): Promise<IssuePlan> {
  const { db, agency, next, event, now } = ctx;
  const issuedOn = event.effectiveDate;
  const year = Number(issuedOn.slice(0, 4));
  const items: Record<string, unknown>[] = [];
  const documents: DocumentRecord[] = [];
  const refs: IssuedDocumentRef[] = [];
  const taken = new Map<string, number>();
  const work: OutboxWork[] = [];
  for (const plan of ctx.planned) {
    const { series, pattern } = seriesOf(plan.kind, agency.documents);
    let previous = taken.get(series);
    if (previous === undefined) previous = await readCounter(db, agency.id, year, series);
    const seq = previous + 1;
    taken.set(series, seq);
    const number = formatDocumentNumber(pattern, { agency: agency.name, year, seq });
    const consulted = next.state.consultations[next.state.consultations.length - 1];
    const input = {
      kind: plan.kind,
      number,
      issuedOn,
      caseId: next.id,
      agency: { name: agency.name, documents: agency.documents },
      addressee: plan.addressee === 'consulted' ? (consulted?.name ?? '') : next.applicant.name,
      description: next.request.description,
      state: next.state,
      ...(plan.outcome ? { outcome: plan.outcome } : {}),
      ...(ctx.notice ? { notice: ctx.notice } : {}),
      ...(plan.supersedes ? { supersedes: { number: plan.supersedes.number, issuedOn: plan.supersedes.issuedOn } } : {}),
    };
    const content = { zh: composeDocument(input, 'zh'), en: composeDocument(input, 'en') };
    const hashes = { html: sha256Hex(renderHtml(content.zh)), htmlEn: sha256Hex(renderHtml(content.en)) };
    const id = newCaseId(now);
    const record: DocumentRecord = {
      id,
      caseId: next.id,
      agencyId: agency.id,
      kind: plan.kind,
      number,
      year,
      series,
      seq,
      eventSeq: event.seq,
      issuedOn,
      issuedAt: now.toISOString(),
      issuedBy: event.actor,
      addressee: plan.addressee,
      ...(plan.outcome ? { outcome: plan.outcome } : {}),
      content,
      sha256: hashes,
      ...(plan.supersedes ? { supersedes: plan.supersedes.id } : {}),
    };
    documents.push(record);
    refs.push({ id, kind: plan.kind, number, sha256: hashes, ...(plan.supersedes ? { supersedes: plan.supersedes.id } : {}) });
    items.push({ Put: { TableName: db.tableName, Item: documentItem(record), ConditionExpression: 'attribute_not_exists(PK)' } });
    const at = now.toISOString();
    work.push({ id: `render-${id}`, kind: 'render_document', caseId: next.id, documentId: id, createdAt: at });
    const topic = NOTIFIED[plan.kind];
    if (topic && !plan.supersedes) {
      if (next.applicant.email) work.push({ id: `email-${id}`, kind: 'notify', channel: 'email', topic, caseId: next.id, documentId: id, createdAt: at });
      if (next.applicant.phone) work.push({ id: `sms-${id}`, kind: 'notify', channel: 'sms', topic, caseId: next.id, documentId: id, createdAt: at });
    }
  }
  for (const [series, seq] of taken) {
    const first = documents.find((d) => d.series === series)!.seq;
    items.unshift(counterUpdate(db, agency.id, year, series, first - 1, seq));
  }
  items.push(...work.map((w) => outboxItem(db, w, now)));
  return { event: refs.length > 0 ? { ...event, documents: refs } : event, extra: { items }, documents };
}

/**
 * How long an action keeps trying for its documents' numbers when other documents of the agency take them
 * first: within the function's time (10 s in AWS), after which it answers 503 with nothing written, and
 * the client tries again.
 */
const NUMBERING_BUDGET_MS = 7_000;

/**
 * Runs `write` with a fresh plan until its counters held: the numbering races at one agency are resolved
 * by re-reading the counter (ExtraConditionFailed) after a randomised exponential back-off, and collisions
 * with transactions in flight (ServiceUnavailableError after the store's own retries) are tried again too.
 */
export async function withNumbers<T>(ctx: IssueContext, write: (plan: IssuePlan) => Promise<T>): Promise<{ result: T; plan: IssuePlan }> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const plan = await planIssue(ctx);
    try {
      return { result: await write(plan), plan };
    } catch (error) {
      const retry = error instanceof ExtraConditionFailed || (error instanceof ServiceUnavailableError && ctx.planned.length > 0);
      if (!retry) throw error;
      const wait = Math.random() * Math.min(1_000, 10 * 2 ** Math.min(attempt, 7));
      if (Date.now() - started + wait > NUMBERING_BUDGET_MS) throw new ServiceUnavailableError();
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** The public list entry of a document (the tracking view and the officer's case view). */
export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  title: string;
  titleEn: string;
  number: string;
  issuedOn: string;
  sha256: DocumentRecord['sha256'];
  rendered: boolean;
  supersedes?: string;
  supersededBy?: string;
  delivery?: { method: DeliveryMethod; deliveredOn: string; trackingNumber?: string };
}

export function documentSummary(d: DocumentRecord): DocumentSummary {
  return {
    id: d.id,
    kind: d.kind,
    title: d.content.zh.title,
    titleEn: d.content.en.title,
    number: d.number,
    issuedOn: d.issuedOn,
    sha256: d.sha256,
    rendered: d.files !== undefined,
    ...(d.supersedes ? { supersedes: d.supersedes } : {}),
    ...(d.supersededBy ? { supersededBy: d.supersededBy } : {}),
    ...(d.delivery
      ? {
          delivery: {
            method: d.delivery.method,
            deliveredOn: d.delivery.deliveredOn,
            ...(d.delivery.trackingNumber ? { trackingNumber: d.delivery.trackingNumber } : {}),
          },
        }
      : {}),
  };
}


/**
 * Issuing the written notices of a case (docs/domain.md §9) with the events the law puts in writing:
 *
 * | event                                   | document (shared/documents/templates.ts)        | notification |
 * |-----------------------------------------|-------------------------------------------------|--------------|
 * | register, confirm_receipt               | 登记回执 (receipt)                                | receipt      |
 * | request_correction                      | 补正申请告知书 (correction_notice)                 | correction   |
 * | fee_notice                              | 收费通知书 (fee_notice, the computed amount)         | fee          |
 * | extend                                  | 延期答复告知书 (extension_notice)                  | extension    |
 * | start_consultation                      | 征求意见函 (consultation_letter, to the consulted) | —            |
 * | reply (not_processed.* outcomes)        | 答复书 (reply) / 不予处理告知书 (not_processed_notice) | reply     |
 * | reissue_document                        | the same kind, corrected, superseding the old   | —            |
 *
 * Each document takes the next number of its agency's year and series by an atomic ADD on the counter just
 * before the transaction of its event (shared/store/documents.ts allocateNumbers): concurrent issues at one
 * agency neither wait for nor fail on each other, and no number is given twice. When the event is then
 * refused or certainly not written (a version conflict, a cancelled transaction), its numbers are recorded
 * void (作废, voidNumbers), so every number of the register is either a document or a void entry: no gap.
 * (A counter read and written in the event's transaction, the first design, made every submission of an
 * agency race on one item: 39 of 220 concurrent submissions failed after 7 s in tests/resilience/load.test.ts.)
 * The transaction writes the document (content in both languages, the SHA-256 of its printable HTML,
 * which the event records too) and the outbox work: render its files, notify the applicant.
 */
import { composeDocument, feeNoticeFields, type AgencyDocumentSettings, type NoticeFields } from '../documents/compose.js';
import { DEFAULT_NUMBER_PATTERN, formatDocumentNumber } from '../documents/numbering.js';
import { sha256Hex } from '../documents/hash.js';
import { renderHtml } from '../documents/render-html.js';
import { documentKindOfOutcome, type DocumentKind } from '../documents/templates.js';
import type { CaseState } from '../domain/case-state.js';
import type { CaseEvent, IssuedDocumentRef } from '../domain/types.js';
import { ServiceUnavailableError } from '../errors.js';
import { log } from '../log.js';
import type { Agency } from '../store/agencies.js';
import type { CaseRecord, ExtraWrites } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { allocateNumbers, documentItem, voidNumbers, type DeliveryMethod, type DocumentRecord } from '../store/documents.js';
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
    case 'fee_notice':
      return [{ kind: 'fee_notice', addressee: 'applicant' }];
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
  fee_notice: 'fee',
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
 * The documents of an issue: their numbers taken (one atomic ADD per series), the composed and hashed
 * documents, and the transaction items (document items, outbox work).
 */
export async function planIssue(ctx: IssueContext): Promise<IssuePlan> {
  const { db, agency, next, event, now } = ctx;
  const issuedOn = event.effectiveDate;
  const year = Number(issuedOn.slice(0, 4));
  const items: Record<string, unknown>[] = [];
  const documents: DocumentRecord[] = [];
  const refs: IssuedDocumentRef[] = [];
  const work: OutboxWork[] = [];
  const series = ctx.planned.map((plan) => seriesOf(plan.kind, agency.documents));
  const counts = new Map<string, number>();
  for (const { series: name } of series) counts.set(name, (counts.get(name) ?? 0) + 1);
  const firsts = new Map(await Promise.all([...counts].map(async ([name, count]) => [name, await allocateNumbers(db, agency.id, year, name, count)] as const)));
  for (const [index, plan] of ctx.planned.entries()) {
    const { series: name, pattern } = series[index]!;
    const seq = firsts.get(name)!;
    firsts.set(name, seq + 1);
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
      ...(plan.kind === 'fee_notice' && next.state.fee ? { fee: feeNoticeFields(next.state.fee) } : {}),
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
      series: name,
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
  items.push(...work.map((w) => outboxItem(db, w, now)));
  return { event: refs.length > 0 ? { ...event, documents: refs } : event, extra: { items }, documents };
}

/**
 * Takes the documents' numbers, then runs `write` once. When the write is refused or certainly not made
 * (any error but a store error of unknown outcome, or `written` saying the result is not a new write, as an
 * idempotent replay), the numbers are recorded void with the reason and the error goes to the caller as it
 * would without documents (409, 422, 503 …). After a timeout the write may have been kept, so its numbers
 * are left as they are: the retry of the request finds the stored event (409, or the idempotent replay).
 */
export async function withNumbers<T>(
  ctx: IssueContext,
  write: (plan: IssuePlan) => Promise<T>,
  written: (result: T) => boolean = () => true,
): Promise<{ result: T; plan: IssuePlan }> {
  const plan = await planIssue(ctx);
  const entries = (reason: string) =>
    plan.documents.map((d) => ({ agencyId: d.agencyId, year: d.year, series: d.series, seq: d.seq, number: d.number, caseId: d.caseId, reason, at: ctx.now.toISOString() }));
  // A void entry that cannot be written leaves a gap the register cannot explain: logged with the numbers
  // (ids and numbers only), so it can be recorded by hand; the caller still gets the first error.
  const voidAll = (reason: string) =>
    voidNumbers(ctx.db, entries(reason)).catch((error: unknown) =>
      log.error('document numbers taken but neither used nor recorded void', {
        caseId: ctx.next.id,
        numbers: plan.documents.map((d) => d.number),
        reason,
        error: error instanceof Error ? error.name : String(error),
      }),
    );
  let result: T;
  try {
    result = await write(plan);
  } catch (error) {
    const unknownOutcome = error instanceof ServiceUnavailableError && !error.notWritten;
    if (!unknownOutcome) await voidAll(error instanceof Error ? error.name : 'Error');
    throw error;
  }
  if (!written(result)) await voidAll('IdempotentReplay');
  return { result, plan };
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


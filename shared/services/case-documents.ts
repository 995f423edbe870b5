/**
 * A case's documents after issue: the officer's list and downloads, the delivery record (送达), the
 * corrected re-issue, and the applicant's downloads through the query code.
 *
 * - Delivery: how (post with its tracking number, e-mail, in person, online) and when it reached the
 *   addressee. It is an event (`record_delivery`) and is recorded once per document; periods that run from
 *   delivery (the correction period, the fee period) start on `deliveredOn`: a correction notice's due date
 *   is shown with the working days from delivery (caseDocuments), and the fee period is counted from it.
 * - Re-issue: an issued document never changes; a correction is a new document with the next number, the
 *   officer's corrected `notice`, "本文书更正并替代…", and the old one marked superseded, in one transaction.
 * - The applicant: only one who chose electronic delivery (delivery.form = electronic) sees the list and
 *   downloads, with the application number and the query code (same 404 as the view otherwise).
 */
import { beijingDate } from '../calendar/civil-date.js';
import type { NoticeFields } from '../documents/compose.js';
import { ValidationError } from '../domain/errors.js';
import { refuse } from '../domain/rules.js';
import { applyEvent } from '../domain/evolve.js';
import { NotFoundError, ServiceUnavailableError, VersionConflictError } from '../errors.js';
import type { CaseEvent, CivilDate } from '../domain/types.js';
import type { Caller } from '../caller.js';
import { getAgency } from '../store/agencies.js';
import { appendEvents, ExtraConditionFailed, type CaseRecord } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { documentStorage, type DocumentStorage } from '../store/document-storage.js';
import {
  deliveryUpdate,
  getDocument,
  listDocuments,
  supersedeUpdate,
  type DeliveryMethod,
  type DocumentRecord,
} from '../store/documents.js';
import { calendarOfAgency } from './calendars.js';
import { CASE_NOT_FOUND, visibleCase } from './visible-case.js';
import { documentSummary, withNumbers, type DocumentSummary } from './documents.js';
import { actorOf } from './visibility.js';

const DOCUMENT_NOT_FOUND = 'No document with this id in this case.';

export async function caseDocuments(db: Db, caseId: string): Promise<DocumentSummary[]> {
  return (await listDocuments(db, caseId)).map(documentSummary);
}

export type FileFormat = 'docx' | 'html';

export interface DocumentFile {
  body: Buffer;
  contentType: string;
  fileName: string;
  sha256: string;
}

async function fileOf(document: DocumentRecord, format: FileFormat, language: 'zh' | 'en', storage: DocumentStorage): Promise<DocumentFile> {
  if (!document.files) throw new ServiceUnavailableError(2);
  const file = format === 'docx' ? document.files.docx : language === 'en' ? document.files.htmlEn : document.files.html;
  const body = await storage.get(file.key);
  if (!body) throw new Error(`Document file ${file.key} is recorded but missing from the storage.`);
  const extension = format === 'docx' ? 'docx' : `${language}.html`;
  return { body, contentType: file.contentType, fileName: `${document.id}.${extension}`, sha256: file.sha256 };
}

/** `GET /cases/{id}/documents/{documentId}`: a file of a document of a case the officer may see. */
export async function officerDocumentFile(
  db: Db,
  caller: Caller,
  caseId: string,
  documentId: string,
  format: FileFormat,
  language: 'zh' | 'en',
  storage: DocumentStorage = documentStorage(),
): Promise<DocumentFile> {
  await visibleCase(db, caller, caseId);
  const document = await getDocument(db, caseId, documentId);
  if (!document) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  return fileOf(document, format, language, storage);
}

/** The applicant's documents: those addressed to them, when they chose electronic delivery. */
export async function applicantDocuments(db: Db, record: CaseRecord): Promise<DocumentSummary[] | undefined> {
  if (record.delivery.form !== 'electronic') return undefined;
  return (await listDocuments(db, record.id)).filter((d) => d.addressee === 'applicant').map(documentSummary);
}

/** `GET /applications/{id}/documents/{documentId}` after the query code was checked (applications.ts). */
export async function applicantDocumentFile(
  db: Db,
  record: CaseRecord,
  documentId: string,
  format: FileFormat,
  language: 'zh' | 'en',
  storage: DocumentStorage = documentStorage(),
): Promise<DocumentFile> {
  const notFound = new NotFoundError('No document matches this application, query code and document id.');
  if (record.delivery.form !== 'electronic') throw notFound;
  const document = await getDocument(db, record.id, documentId);
  if (!document || document.addressee !== 'applicant') throw notFound;
  return fileOf(document, format, language, storage);
}

export interface DeliveryBody {
  expectedVersion: number;
  method: DeliveryMethod;
  deliveredOn: CivilDate;
  trackingNumber?: string | undefined;
}

/** `POST /cases/{id}/documents/{documentId}/delivery`: how and when the document reached its addressee. */
export async function recordDelivery(db: Db, caller: Caller, caseId: string, documentId: string, body: DeliveryBody, now: Date) {
  const record = await visibleCase(db, caller, caseId);
  if (record.version !== body.expectedVersion) throw new VersionConflictError(record.version);
  const document = await getDocument(db, caseId, documentId);
  if (!document) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  const problems = [];
  if (document.delivery) refuse('delivery.already_recorded', { deliveredOn: document.delivery.deliveredOn, method: document.delivery.method });
  const today = beijingDate(now);
  if (body.deliveredOn > today) problems.push({ path: ['body', 'deliveredOn'], message: `must not be after today (${today}, Beijing time)` });
  if (body.deliveredOn < document.issuedOn) problems.push({ path: ['body', 'deliveredOn'], message: `must not be before the document was issued (${document.issuedOn})` });
  if (body.method === 'post' && !body.trackingNumber) problems.push({ path: ['body', 'trackingNumber'], message: 'is required for delivery by post' });
  if (problems.length > 0) throw new ValidationError(problems);
  const calendar = await calendarOfAgency(db, record.agencyId);
  const actor = actorOf(caller);
  const event = {
    seq: record.version + 1,
    type: 'record_delivery',
    documentId,
    kind: document.kind,
    method: body.method,
    deliveredOn: body.deliveredOn,
    ...(body.trackingNumber ? { trackingNumber: body.trackingNumber } : {}),
    actor,
    recordedAt: now.toISOString(),
    effectiveDate: body.deliveredOn,
  } as CaseEvent;
  const state = applyEvent(record.state, event, calendar);
  const next: CaseRecord = { ...record, state, version: state.version, updatedAt: now.toISOString() };
  const delivery = {
    method: body.method,
    deliveredOn: body.deliveredOn,
    ...(body.trackingNumber ? { trackingNumber: body.trackingNumber } : {}),
    recordedAt: now.toISOString(),
    recordedBy: actor,
  };
  await appendEvents(db, record, next, [event], { items: [deliveryUpdate(db, caseId, documentId, delivery)] }).catch((error: unknown) => {
    if (error instanceof ExtraConditionFailed) {
      // Recorded meanwhile by another request: read it, so the answer names that delivery.
      return getDocument(db, caseId, documentId).then((now) =>
        refuse('delivery.already_recorded', { deliveredOn: now?.delivery?.deliveredOn ?? '', method: now?.delivery?.method ?? '' }),
      );
    }
    throw error;
  });
  return { version: next.version, document: documentSummary({ ...document, delivery }) };
}

/** `POST /cases/{id}/documents/{documentId}/reissue`: a corrected document with a new number, superseding the old. */
export async function reissueDocument(
  db: Db,
  caller: Caller,
  caseId: string,
  documentId: string,
  body: { expectedVersion: number; notice?: NoticeFields | undefined },
  now: Date,
) {
  const record = await visibleCase(db, caller, caseId);
  if (record.version !== body.expectedVersion) throw new VersionConflictError(record.version);
  const old = await getDocument(db, caseId, documentId);
  if (!old) throw new NotFoundError(DOCUMENT_NOT_FOUND);
  if (old.supersededBy) refuse('document.superseded', { supersededBy: old.supersededBy });
  const [calendar, agency] = await Promise.all([calendarOfAgency(db, record.agencyId), getAgency(db, record.agencyId)]);
  if (!agency) throw new NotFoundError(CASE_NOT_FOUND);
  const today = beijingDate(now);
  const draft = {
    seq: record.version + 1,
    type: 'reissue_document',
    documentId: '',
    supersedes: old.id,
    actor: actorOf(caller),
    recordedAt: now.toISOString(),
    effectiveDate: today,
  } as CaseEvent;
  const state = applyEvent(record.state, draft, calendar);
  const next: CaseRecord = { ...record, state, version: state.version, updatedAt: now.toISOString() };
  const planned = [{ kind: old.kind, addressee: old.addressee, ...(old.outcome ? { outcome: old.outcome } : {}), supersedes: old }];
  const { plan } = await withNumbers({ db, agency, next, event: draft, planned, notice: body.notice, now }, (p) => {
    const issued = p.documents[0]!;
    const event = { ...p.event, documentId: issued.id } as CaseEvent;
    return appendEvents(db, record, next, [event], { items: [...p.extra.items, supersedeUpdate(db, caseId, old.id, issued.id)] });
  });
  return { version: next.version, document: documentSummary(plan.documents[0]!), superseded: old.id };
}

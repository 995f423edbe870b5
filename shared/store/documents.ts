/**
 * Written notices (docs/domain.md §9) and their numbers. A document item lives in its case's partition and
 * is written in the transaction of the event that issues it, with its number taken just before from its
 * agency's counter (allocateNumbers), and the outbox work that renders its files and notifies the applicant
 * (shared/store/outbox.ts). Once issued a document's content and number never change: its files are
 * written once (their hashes set only when absent), a correction issues a new numbered document that
 * supersedes it, and only its delivery record is added later (once).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentContent } from '../documents/compose.js';
import type { DocumentKind } from '../documents/templates.js';
import type { OutcomeCode } from '../domain/outcome-codes.js';
import type { Actor, CivilDate, DOCUMENT_DELIVERY_METHODS, Instant } from '../domain/types.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { queryAll, withoutKeys } from './query.js';
import { caseKey, DOCUMENT_SK_PREFIX, documentCounterKey, documentKey, ENTITY, SCHEMA_VERSION, VOID_NUMBER_SK_PREFIX, voidNumberKey } from './keys.js';

export type DeliveryMethod = (typeof DOCUMENT_DELIVERY_METHODS)[number];

export interface Delivery {
  method: DeliveryMethod;
  /** The day it reached the addressee (送达之日): periods that run from delivery start here. */
  deliveredOn: CivilDate;
  /** Post: the tracking number (邮件单号). */
  trackingNumber?: string;
  /** E-mail: the address it was sent to is on the case; this is the message id when known. */
  reference?: string;
  recordedAt: Instant;
  recordedBy: Actor;
}

export interface StoredFile {
  key: string;
  sha256: string;
  bytes: number;
  contentType: string;
}

export interface DocumentRecord {
  id: string;
  caseId: string;
  agencyId: string;
  kind: DocumentKind;
  number: string;
  year: number;
  series: string;
  seq: number;
  /** The event that issued it. */
  eventSeq: number;
  issuedOn: CivilDate;
  issuedAt: Instant;
  issuedBy: Actor;
  addressee: 'applicant' | 'consulted';
  outcome?: OutcomeCode;
  content: { zh: DocumentContent; en: DocumentContent };
  /** SHA-256 of the printable HTML in each language, also recorded in the issuing event. */
  sha256: { html: string; htmlEn: string };
  /** The stored files (DOCX, HTML zh, HTML en), once rendered: written once, never replaced. */
  files?: { docx: StoredFile; html: StoredFile; htmlEn: StoredFile };
  supersedes?: string;
  supersededBy?: string;
  delivery?: Delivery;
  /** When the case was anonymised: the content then keeps no personal data, and the files are deleted. */
  anonymisedAt?: Instant;
}

/** The reference to a document that its issuing event carries. */
export interface DocumentRef {
  id: string;
  kind: DocumentKind;
  number: string;
  sha256: { html: string; htmlEn: string };
  supersedes?: string;
}

export function documentItem(record: DocumentRecord): Record<string, unknown> {
  return { ...documentKey(record.caseId, record.id), entity: ENTITY.document, schemaVersion: SCHEMA_VERSION, ...record };
}

/** The counter's current value (0 when the year's series has no document yet). */
export async function readCounter(db: Db, agencyId: string, year: number, series: string): Promise<number> {
  const result = await guarded(() =>
    db.doc.send(new GetCommand({ TableName: db.tableName, Key: documentCounterKey(agencyId, year, series), ConsistentRead: true })),
  );
  return typeof result.Item?.value === 'number' ? result.Item.value : 0;
}

/**
 * Takes the next `count` numbers of an agency's year and series with one atomic ADD and returns the first:
 * concurrent issues at one agency never wait for each other or fail on the counter, and no number is given
 * twice. A number whose event is then refused is recorded void (voidNumbers), so none goes missing.
 */
export async function allocateNumbers(db: Db, agencyId: string, year: number, series: string, count: number): Promise<number> {
  const result = await guarded(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: documentCounterKey(agencyId, year, series),
        UpdateExpression: 'ADD #value :count SET entity = :entity, schemaVersion = :schema',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':count': count, ':entity': ENTITY.documentCounter, ':schema': SCHEMA_VERSION },
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
  );
  return (result.Attributes?.value as number) - count + 1;
}

/** A number taken for a document whose event was then refused or not written (作废). */
export interface VoidNumber {
  agencyId: string;
  year: number;
  series: string;
  seq: number;
  number: string;
  caseId: string;
  /** Why it was not used: the error's name (VersionConflictError, ValidationError, …). */
  reason: string;
  at: Instant;
}

/** Records numbers as void, each once. */
export async function voidNumbers(db: Db, entries: VoidNumber[]): Promise<void> {
  await Promise.all(
    entries.map((entry) =>
      guarded(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: { ...voidNumberKey(entry.agencyId, entry.year, entry.series, entry.seq), entity: ENTITY.voidNumber, schemaVersion: SCHEMA_VERSION, ...entry },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      ).catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }),
    ),
  );
}

/** The void numbers of an agency's year, in their order. */
export async function listVoidNumbers(db: Db, agencyId: string, year: number): Promise<VoidNumber[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': documentCounterKey(agencyId, year, '').PK, ':sk': `${VOID_NUMBER_SK_PREFIX}${year}#` },
    ConsistentRead: true,
  });
  return items.map((item) => withoutKeys<VoidNumber>(item));
}

export async function getDocument(db: Db, caseId: string, documentId: string): Promise<DocumentRecord | undefined> {
  const result = await guarded(() =>
    db.doc.send(new GetCommand({ TableName: db.tableName, Key: documentKey(caseId, documentId), ConsistentRead: true })),
  );
  if (!result.Item || result.Item.entity !== ENTITY.document) return undefined;
  return withoutKeys<DocumentRecord>(result.Item);
}

/** A case's documents, in issue order (their ids are time-ordered ULIDs). */
export async function listDocuments(db: Db, caseId: string): Promise<DocumentRecord[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).PK, ':sk': DOCUMENT_SK_PREFIX },
    ConsistentRead: true,
  });
  return items.map((item) => withoutKeys<DocumentRecord>(item));
}

/** Records the rendered files once; false when they were already recorded (a repeated delivery of the work). */
export async function setDocumentFiles(db: Db, caseId: string, documentId: string, files: NonNullable<DocumentRecord['files']>): Promise<boolean> {
  try {
    await guarded(() =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: documentKey(caseId, documentId),
          UpdateExpression: 'SET files = :files',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(files) AND attribute_not_exists(anonymisedAt)',
          ExpressionAttributeValues: { ':files': files },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * The document without the applicant: the addressee and the body paragraphs (which quote the request and
 * name people) emptied; kind, number, dates, agency, legal basis and the hashes stay, so the register and
 * the event's proof of what was issued remain.
 */
export function anonymisedContent(content: DocumentContent): DocumentContent {
  return { ...content, addressee: '', paragraphs: [] };
}

/** The transaction item that scrubs a document of an anonymised case (with its `anonymise` event). */
export function anonymiseDocumentUpdate(db: Db, document: DocumentRecord, at: Instant) {
  return {
    Update: {
      TableName: db.tableName,
      Key: documentKey(document.caseId, document.id),
      UpdateExpression: 'SET content = :content, anonymisedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':content': { zh: anonymisedContent(document.content.zh), en: anonymisedContent(document.content.en) }, ':at': at },
    },
  };
}

/** Forgets a document's files after they were deleted. */
export async function forgetDocumentFiles(db: Db, caseId: string, documentId: string): Promise<void> {
  await guarded(() =>
    db.doc.send(new UpdateCommand({ TableName: db.tableName, Key: documentKey(caseId, documentId), UpdateExpression: 'REMOVE files', ConditionExpression: 'attribute_exists(PK)' })),
  ).catch((error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

/** The transaction item that records a delivery, once (a second record of the same document fails). */
export function deliveryUpdate(db: Db, caseId: string, documentId: string, delivery: Delivery) {
  return {
    Update: {
      TableName: db.tableName,
      Key: documentKey(caseId, documentId),
      UpdateExpression: 'SET delivery = :delivery',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(delivery)',
      ExpressionAttributeValues: { ':delivery': delivery },
    },
  };
}

/** The transaction item that marks a document superseded by its corrected re-issue, once. */
export function supersedeUpdate(db: Db, caseId: string, documentId: string, by: string) {
  return {
    Update: {
      TableName: db.tableName,
      Key: documentKey(caseId, documentId),
      UpdateExpression: 'SET supersededBy = :by',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(supersededBy)',
      ExpressionAttributeValues: { ':by': by },
    },
  };
}

/**
 * Every partition, sort and index key of the table is built here and nowhere else (docs/architecture.md "Data model").
 *
 * | item            | PK                          | SK                     | indexes                                         |
 * |-----------------|-----------------------------|------------------------|-------------------------------------------------|
 * | case            | CASE#<id>                   | CASE                   | GSI1 worklist, GSI2 receipt year, GSI3 closing year |
 * | case event      | CASE#<id>                   | EVENT#<seq, 8 digits>  | —                                               |
 * | appeal marker   | CASE#<id>                   | FILING#<seq, 8 digits> | GSI2: AGENCY#<a>#FILED#<yyyy> / <id>#<seq>      |
 * | report          | REPORT#<agency>             | REPORT#<yyyy>#<template>#<scope> | —                                     |
 * | agency          | AGENCY#<id>                 | AGENCY                 | GSI1: AGENCIES / <id>                           |
 * | calendar year   | CALENDAR                    | YEAR#<yyyy>#<region|->  | —                                               |
 * | idempotency     | IDEMPOTENCY#<owner>#<hash>  | IDEMPOTENCY            | — (TTL `expiresAt`)                             |
 * | rate counter    | RATE#<subject>              | WINDOW#<epoch s>       | — (TTL `expiresAt`)                             |
 * | data read audit | AUDIT#<agency>              | READ#<instant>#<request id> | —                                          |
 * | document        | CASE#<id>                   | DOC#<document id>      | —                                               |
 * | number counter  | DOCNO#<agency>              | YEAR#<yyyy>#<series>   | —                                               |
 * | outbox work     | OUTBOX#<shard 0-9>          | WORK#<work id>         | — (TTL `expiresAt`; the stream delivers it)     |
 * | work done mark  | DONE#<work id>              | DONE                   | — (TTL `expiresAt`)                             |
 *
 * Worklist order (GSI1SK): cases awaiting confirmation of receipt first (`0000-00-00`), then by deadline;
 * cases whose clock is stopped with no deadline (awaiting a correction) last (`9999-12-31`).
 * Closed cases sort by closing date; a closed case whose personal data was removed (shared/services/
 * retention.ts) sorts by `-<closing date>`, below every date, so it comes last in the closed worklist
 * (newest first) and the retention job's range of closing dates never reads it again.
 *
 * Year-end statistics (docs/domain.md §7, read by shared/store/report-source.ts with Queries only): GSI2 holds
 * an agency's cases by receipt year and, in separate partitions, one appeal marker per appeal or complaint
 * by filing year; GSI3 holds its cases by closing year (or OPEN). The case partitions sort by receipt date;
 * the marker partitions sort by case id first, so the markers of one case are adjacent.
 */
import type { CaseStatus, CivilDate } from '../domain/types.js';

export const ENTITY = {
  case: 'case',
  event: 'event',
  agency: 'agency',
  calendar: 'calendar',
  idempotency: 'idempotency',
  rateLimit: 'rate_limit',
  filing: 'filing',
  report: 'report',
  audit: 'audit',
  document: 'document',
  documentCounter: 'document_counter',
  voidNumber: 'void_document_number',
  outbox: 'outbox',
  workDone: 'work_done',
} as const;

/** The schema version written on every item (bump with a migration note when an item's shape changes). */
export const SCHEMA_VERSION = 1;

const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set(['submitted', 'received', 'awaiting_correction', 'consulting']);

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_STATUSES.has(status);
}

export const caseKey = (id: string) => ({ PK: `CASE#${id}`, SK: 'CASE' });
export const eventKey = (caseId: string, seq: number) => ({
  PK: `CASE#${caseId}`,
  SK: `EVENT#${String(seq).padStart(8, '0')}`,
});
export const EVENT_SK_PREFIX = 'EVENT#';

export interface CaseIndexInput {
  id: string;
  agencyId: string;
  status: CaseStatus;
  receivedDate?: CivilDate | undefined;
  dueDate?: CivilDate | undefined;
  closedDate?: CivilDate | undefined;
  /** While paused by a consultation: the last day of the consulted party's window (Art. 32 / 34). */
  pausedUntil?: CivilDate | undefined;
  /** The applicant's personal data was removed (a closed case only). */
  anonymised?: boolean | undefined;
}

/** The GSI1SK prefix of an anonymised closed case (sorts before every date: see the table above). */
export const ANONYMISED_SORT_PREFIX = '-';

/** The index attributes of a case item, derived from its state (sparse: absent when not applicable). */
export function caseIndexKeys(c: CaseIndexInput): Record<string, string> {
  const open = isOpenStatus(c.status);
  const keys: Record<string, string> = {
    GSI1PK: worklistPartition(c.agencyId, open ? 'open' : 'closed'),
    GSI1SK: `${open ? worklistDate(c) : `${c.anonymised ? ANONYMISED_SORT_PREFIX : ''}${c.closedDate ?? '9999-12-31'}`}#${c.id}`,
  };
  if (c.receivedDate) {
    keys.GSI2PK = receivedYearPartition(c.agencyId, c.receivedDate.slice(0, 4));
    keys.GSI2SK = `${c.receivedDate}#${c.id}`;
    keys.GSI3PK = closedYearPartition(c.agencyId, !open && c.closedDate ? c.closedDate.slice(0, 4) : 'OPEN');
    keys.GSI3SK = `${c.receivedDate}#${c.id}`;
  }
  return keys;
}

/** GSI2: an agency's cases received in `year` (a Beijing year). */
export const receivedYearPartition = (agencyId: string, year: number | string) => `AGENCY#${agencyId}#RECEIVED#${year}`;

/** GSI3: an agency's cases concluded in `year`, or still open (`OPEN`). */
export const closedYearPartition = (agencyId: string, year: number | string) => `AGENCY#${agencyId}#CLOSED#${year}`;

/** GSI2 / GSI3 sort-key upper bound (exclusive) for "received before 1 January of `year`". */
export const receivedBefore = (year: number) => `${year}-01-01`;

/** GSI2: the appeal markers of an agency's cases whose appeal or complaint was filed in `year`. */
export const filedYearPartition = (agencyId: string, year: number | string) => `AGENCY#${agencyId}#FILED#${year}`;

/**
 * An appeal marker: one item per file_reconsideration / file_lawsuit / file_complaint event, written in the
 * event's transaction, so the statistics of the filing year find a case received and closed in earlier
 * years (docs/domain.md §7: an appeal counts in the year it was filed). The index sort key starts with the case
 * id: the markers of one case are adjacent, so a reader drops repeats by comparing with the previous row.
 */
export function filingItemKeys(agencyId: string, caseId: string, seq: number, filedDate: CivilDate) {
  const padded = String(seq).padStart(8, '0');
  return {
    PK: `CASE#${caseId}`,
    SK: `FILING#${padded}`,
    GSI2PK: filedYearPartition(agencyId, filedDate.slice(0, 4)),
    GSI2SK: `${caseId}#${padded}`,
  };
}

/** The case id of an appeal marker's index sort key (`<id>#<seq>`). */
export const caseIdOfFilingSortKey = (sortKey: string) => sortKey.slice(0, sortKey.indexOf('#'));

/** A published year-end report: its record (files, identity check) for one agency, year, template and scope. */
export const reportKey = (agencyId: string, year: number, templateId: string, scope: string) => ({
  PK: `REPORT#${agencyId}`,
  SK: `REPORT#${year}#${templateId}#${scope}`,
});

function worklistDate(c: CaseIndexInput): string {
  if (c.status === 'submitted') return '0000-00-00';
  // A paused case is looked at by its consultation window's end (the daily sweep ends it then).
  return c.dueDate ?? c.pausedUntil ?? '9999-12-31';
}

export const worklistPartition = (agencyId: string, which: 'open' | 'closed') =>
  `AGENCY#${agencyId}#${which === 'open' ? 'OPEN' : 'CLOSED'}`;

/**
 * Whether `key`, which came back from a client inside a cursor, can continue the worklist `partition` as
 * an ExclusiveStartKey: exactly the attributes of a GSI1 page's LastEvaluatedKey (the index keys and the
 * case item's keys) with the values this module builds (`<date>#<id>`, `CASE#<id>`, `CASE`), and, for an
 * open worklist bounded by `dueOnOrBefore`, within that bound. DynamoDB refuses any other start key with a
 * ValidationException ("does not match the range key predicate" for one past the bound).
 */
export function isWorklistStartKey(key: unknown, partition: string, dueOnOrBefore?: CivilDate): key is Record<string, string> {
  if (typeof key !== 'object' || key === null || Array.isArray(key)) return false;
  const k = key as Record<string, unknown>;
  if (Object.keys(k).sort().join(',') !== 'GSI1PK,GSI1SK,PK,SK' || k.GSI1PK !== partition || k.SK !== 'CASE') return false;
  const id = typeof k.PK === 'string' && k.PK.startsWith('CASE#') ? k.PK.slice('CASE#'.length) : '';
  const sortKey = typeof k.GSI1SK === 'string' ? /^-?(\d{4}-\d{2}-\d{2})#([0-9A-HJKMNP-TV-Z]{26})$/.exec(k.GSI1SK) : null;
  if (!sortKey || sortKey[2] !== id) return false;
  return dueOnOrBefore === undefined || (k.GSI1SK as string) <= worklistDueBefore(dueOnOrBefore);
}

/** Sort-key upper bound for "due on or before `date`" in an open worklist (closed on or before, in a closed one). */
export const worklistDueBefore = (date: CivilDate) => `${date}#\uffff`;

/** Sort-key lower bound of the closed cases that still hold personal data (every date sorts after it). */
export const WORKLIST_FIRST_DATE = '0';

export const agencyKey = (id: string) => ({ PK: `AGENCY#${id}`, SK: 'AGENCY' });
export const agencyIndexKeys = (id: string) => ({ GSI1PK: 'AGENCIES', GSI1SK: id });
export const AGENCIES_PARTITION = 'AGENCIES';

export const calendarKey = (year: number, region: string | null) => ({
  PK: 'CALENDAR',
  SK: `YEAR#${year}#${region ?? '-'}`,
});
export const CALENDAR_PARTITION = 'CALENDAR';

export const idempotencyKey = (owner: string, keyHash: string) => ({
  PK: `IDEMPOTENCY#${owner}#${keyHash}`,
  SK: 'IDEMPOTENCY',
});

/**
 * Partition-key patterns for IAM `dynamodb:LeadingKeys` (infra: a function may write only items whose
 * partition key matches its patterns). Each is the prefix of the key builder above it, and nothing else
 * starts so (tests/unit/store/keys.test.ts).
 */
export const WRITABLE_KEYS = {
  /** A case item, its events and appeal markers (caseKey, eventKey, filingItemKeys). */
  case: 'CASE#*',
  /** The idempotency records of the public form: by Idempotency-Key (idempotencyKey('public', …)) and by content. */
  publicIdempotency: 'IDEMPOTENCY#public#*',
  publicContentIdempotency: 'IDEMPOTENCY#content:public#*',
  /** Failed-attempt counters (rateLimitKey). */
  rateCounter: 'RATE#*',
  /** Document number counters (documentCounterKey) and outbox work (outboxKey): written with a receipt. */
  documentCounter: 'DOCNO#*',
  outbox: 'OUTBOX#*',
} as const;

/** A failed-attempt counter of one subject (`app:<id>`, `client:<ip>`) in one window (TTL `expiresAt`). */
export const rateLimitKey = (subject: string, windowStart: number) => ({ PK: `RATE#${subject}`, SK: `WINDOW#${windowStart}` });

/** The read audit of applicants' personal data (shared/store/audit.ts): an agency's reads, by instant. */
export const auditPartition = (agencyId: string) => `AUDIT#${agencyId}`;
export const AUDIT_READ_PREFIX = 'READ#';
export const auditReadKey = (agencyId: string, at: string, requestId: string) => ({
  PK: auditPartition(agencyId),
  SK: `${AUDIT_READ_PREFIX}${at}#${requestId}`,
});
/** A written notice of a case (shared/store/documents.ts), in the case's partition. */
export const documentKey = (caseId: string, documentId: string) => ({ PK: `CASE#${caseId}`, SK: `DOC#${documentId}` });
export const DOCUMENT_SK_PREFIX = 'DOC#';

/**
 * The document number counter of an agency, year and series (docs/domain.md §9: numbered per agency per
 * year), moved by an atomic ADD just before the transaction of the event that issues the document.
 */
export const documentCounterKey = (agencyId: string, year: number, series: string) => ({
  PK: `DOCNO#${agencyId}`,
  SK: `YEAR#${year}#${series}`,
});
/** A number taken but not used (作废), in the counters' partition: the register accounts for every number. */
export const voidNumberKey = (agencyId: string, year: number, series: string, seq: number) => ({
  PK: `DOCNO#${agencyId}`,
  SK: `VOID#${year}#${series}#${String(seq).padStart(8, '0')}`,
});
export const VOID_NUMBER_SK_PREFIX = 'VOID#';

/** The outbox shards: work written with an event, read by the stream (AWS) or the local poller. */
export const OUTBOX_SHARDS = 10;
export const outboxKey = (workId: string, shard: number) => ({ PK: `OUTBOX#${shard}`, SK: `WORK#${workId}` });
export const outboxPartition = (shard: number) => `OUTBOX#${shard}`;

/** The mark that a piece of outbox work was done (a notification sent, a document rendered): never twice. */
export const workDoneKey = (workId: string) => ({ PK: `DONE#${workId}`, SK: 'DONE' });

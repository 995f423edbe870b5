/**
 * The work of the outbox (shared/store/outbox.ts), done exactly once each: render a document's files and
 * notify the applicant. In AWS the table's stream delivers the new outbox items to two functions
 * (functions/stream/render-documents.ts, functions/stream/send-notifications.ts), retried by Lambda and
 * sent to a dead-letter queue after the last failure; locally `npm start` polls the outbox (infra/local).
 */
import { renderDocx } from '../documents/render-docx.js';
import { renderHtml } from '../documents/render-html.js';
import type { Db } from '../store/client.js';
import { documentFileKey, type DocumentStorage } from '../store/document-storage.js';
import { getDocument, setDocumentFiles, type StoredFile } from '../store/documents.js';
import { claimWork, markWorkDone, releaseWork, type OutboxWork } from '../store/outbox.js';
import { sha256Hex } from './documents.js';
import { notificationMessage, type Notifier } from './notify.js';
import { getCase } from '../store/cases.js';
import { getAgency } from '../store/agencies.js';

export class WorkBusyError extends Error {
  override readonly name = 'WorkBusyError';
}

export interface WorkDeps {
  db: Db;
  now: () => Date;
  storage?: DocumentStorage;
  notifier?: Notifier;
}

/** Does one piece of work once: 'done' now, or 'skipped' when it was done before. Throws to be retried. */
export async function doWork(deps: WorkDeps, work: OutboxWork): Promise<'done' | 'skipped'> {
  const claim = await claimWork(deps.db, work.id, deps.now());
  if (claim === 'done') return 'skipped';
  if (claim === 'busy') throw new WorkBusyError(`Work ${work.id} is being done by another worker.`);
  try {
    const detail = work.kind === 'render_document' ? await renderDocument(deps, work) : await notify(deps, work);
    await markWorkDone(deps.db, work.id, detail);
    return 'done';
  } catch (error) {
    await releaseWork(deps.db, work.id);
    throw error;
  }
}

async function renderDocument(deps: WorkDeps, work: Extract<OutboxWork, { kind: 'render_document' }>): Promise<Record<string, unknown>> {
  if (!deps.storage) throw new Error('No document storage configured for rendering.');
  const document = await getDocument(deps.db, work.caseId, work.documentId);
  if (!document) throw new Error(`Document ${work.documentId} of case ${work.caseId} is missing.`);
  if (document.files) return { already: true };
  const html = Buffer.from(renderHtml(document.content.zh), 'utf8');
  const htmlEn = Buffer.from(renderHtml(document.content.en), 'utf8');
  // The printable HTML must be the one whose hash the event recorded (rendering is deterministic).
  if (sha256Hex(html) !== document.sha256.html || sha256Hex(htmlEn) !== document.sha256.htmlEn) {
    throw new Error(`Document ${document.id}: the HTML rendered now differs from the one recorded at issue.`);
  }
  const docx = await renderDocx(document.content.zh, document.issuedOn);
  const store = async (file: 'docx' | 'zh.html' | 'en.html', body: Buffer, contentType: string): Promise<StoredFile> => {
    const key = documentFileKey(work.caseId, document.id, file);
    await deps.storage!.putOnce(key, body, contentType);
    return { key, sha256: sha256Hex(body), bytes: body.length, contentType };
  };
  const files = {
    docx: await store('docx', docx, DOCX_TYPE),
    html: await store('zh.html', html, HTML_TYPE),
    htmlEn: await store('en.html', htmlEn, HTML_TYPE),
  };
  await setDocumentFiles(deps.db, work.caseId, document.id, files);
  return { docxSha256: files.docx.sha256 };
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const HTML_TYPE = 'text/html; charset=utf-8';

async function notify(deps: WorkDeps, work: Extract<OutboxWork, { kind: 'notify' }>): Promise<Record<string, unknown>> {
  if (!deps.notifier) throw new Error('No notifier configured.');
  const record = await getCase(deps.db, work.caseId);
  if (!record) throw new Error(`Case ${work.caseId} is missing.`);
  const [agency, document] = await Promise.all([
    getAgency(deps.db, record.agencyId),
    work.documentId ? getDocument(deps.db, work.caseId, work.documentId) : undefined,
  ]);
  const message = notificationMessage(work.topic, {
    record,
    agencyName: agency?.name ?? record.agencyId,
    number: document?.number ?? '',
    downloads: record.delivery.form === 'electronic',
  });
  if (work.channel === 'email') {
    const to = record.applicant.email;
    if (!to) return { skipped: 'no e-mail address' };
    const id = await deps.notifier.email({ workId: work.id, to, subject: message.subject, body: message.email });
    return { channel: 'email', messageId: id };
  }
  const to = record.applicant.phone;
  if (!to) return { skipped: 'no phone number' };
  const id = await deps.notifier.sms({ workId: work.id, to, text: message.sms });
  return { channel: 'sms', messageId: id };
}

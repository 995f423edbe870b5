/**
 * Rendering an issued document's files (outbox work `render_document`): the printable HTML in Chinese and
 * English — checked against the SHA-256 its event recorded — and the DOCX, each written once into the
 * document storage, their hashes then recorded on the document. Only the rendering function (and the local
 * poller) import this module with the DOCX renderer: the `docx` library is in no other bundle.
 */
import type { DocumentContent } from '../documents/compose.js';
import { sha256Hex } from '../documents/hash.js';
import { renderHtml } from '../documents/render-html.js';
import type { Db } from '../store/client.js';
import { documentFileKey, type DocumentStorage } from '../store/document-storage.js';
import { forgetDocumentFiles, getDocument, setDocumentFiles, type StoredFile } from '../store/documents.js';
import type { OutboxWork } from '../store/outbox.js';
import type { Performer } from './outbox-work.js';

export interface RenderDeps {
  db: Db;
  storage: DocumentStorage;
  /** shared/documents/render-docx.ts renderDocx. */
  docx: (content: DocumentContent, issuedOn: string) => Promise<Buffer>;
}

/** The performer of the document files' work: `render_document`, and `erase_document_files` after anonymisation. */
export function renderWork(deps: RenderDeps): Performer {
  return async (work) => {
    if (work.kind === 'render_document') return renderDocument(deps, work);
    if (work.kind === 'erase_document_files') return eraseFiles(deps, work);
    throw new Error(`Work ${work.id} is not document work.`);
  };
}

/** The work kinds the document function does (its stream filter, infra/constructs/outbox-workers.ts). */
export const DOCUMENT_WORK_KINDS = ['render_document', 'erase_document_files'] as const;

/**
 * Deletes the three files of an anonymised case's document (their keys follow from the ids, so files
 * rendered after the scrub are found too) and forgets them on the item; the hashes stay in the event.
 */
async function eraseFiles(deps: RenderDeps, work: Extract<OutboxWork, { kind: 'erase_document_files' }>): Promise<Record<string, unknown>> {
  for (const file of ['docx', 'zh.html', 'en.html'] as const) await deps.storage.remove(documentFileKey(work.caseId, work.documentId, file));
  await forgetDocumentFiles(deps.db, work.caseId, work.documentId);
  return { erased: 3 };
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const HTML_TYPE = 'text/html; charset=utf-8';

async function renderDocument(deps: RenderDeps, work: Extract<OutboxWork, { kind: 'render_document' }>): Promise<Record<string, unknown>> {
  const renderDocx = deps.docx;
  const document = await getDocument(deps.db, work.caseId, work.documentId);
  if (!document) throw new Error(`Document ${work.documentId} of case ${work.caseId} is missing.`);
  if (document.files) return { already: true };
  // Anonymised before it was rendered: its content is scrubbed, nothing to render (its erase work follows).
  if (document.anonymisedAt) return { anonymised: true };
  const html = Buffer.from(renderHtml(document.content.zh), 'utf8');
  const htmlEn = Buffer.from(renderHtml(document.content.en), 'utf8');
  // The printable HTML must be the one whose hash the event recorded (rendering is deterministic).
  if (sha256Hex(html) !== document.sha256.html || sha256Hex(htmlEn) !== document.sha256.htmlEn) {
    throw new Error(`Document ${document.id}: the HTML rendered now differs from the one recorded at issue.`);
  }
  const docx = await renderDocx(document.content.zh, document.issuedOn);
  const store = async (file: 'docx' | 'zh.html' | 'en.html', body: Buffer, contentType: string): Promise<StoredFile> => {
    const key = documentFileKey(work.caseId, document.id, file);
    await deps.storage.putOnce(key, body, contentType);
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

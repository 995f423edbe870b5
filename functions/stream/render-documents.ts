/**
 * Renders the files of newly issued documents (DOCX, HTML zh and en) into the document bucket and records
 * their hashes, from the outbox items the table's stream delivers (shared/services/outbox-stream.ts).
 */
import { renderDocx } from '../../shared/documents/render-docx.js';
import { log } from '../../shared/log.js';
import { handleStreamBatch, type StreamRecord } from '../../shared/services/outbox-stream.js';
import { DOCUMENT_WORK_KINDS, renderWork } from '../../shared/services/render-work.js';
import { db } from '../../shared/store/client.js';
import { documentStorage } from '../../shared/store/document-storage.js';

export const handler = async (event: { Records: StreamRecord[] }) =>
  handleStreamBatch(event.Records, DOCUMENT_WORK_KINDS, { db: db(), now: () => new Date(), perform: renderWork({ db: db(), storage: documentStorage(), docx: renderDocx }) }, (work, error) =>
    log.error('document rendering failed', { workId: work.id, error: (error as Error).message }),
  );

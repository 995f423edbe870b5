/**
 * Renders the files of newly issued documents (DOCX, HTML zh and en) into the document bucket and records
 * their hashes, from the outbox items the table's stream delivers (shared/services/outbox-stream.ts).
 */
import { log } from '../../shared/http/log.js';
import { handleStreamBatch, type StreamRecord } from '../../shared/services/outbox-stream.js';
import { db } from '../../shared/store/client.js';
import { documentStorage } from '../../shared/store/document-storage.js';

export const handler = async (event: { Records: StreamRecord[] }) =>
  handleStreamBatch(event.Records, ['render_document'], { db: db(), now: () => new Date(), storage: documentStorage() }, (work, error) =>
    log.error('document rendering failed', { workId: work.id, error: (error as Error).message }),
  );

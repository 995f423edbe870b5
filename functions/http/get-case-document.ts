/** GET /cases/{id}/documents/{documentId} — a document's file (DOCX, or printable HTML in zh / en). */
import { bytes } from '../../shared/http/handler.js';
import { getCaseDocument as route } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/handler.js';
import { officerDocumentFile } from '../../shared/services/case-documents.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) => {
  const file = await officerDocumentFile(db(), request.caller, request.params.id, request.params.documentId, request.query.format, request.query.lang);
  return bytes(200, file.body, file.contentType, {
    'content-disposition': `attachment; filename="${file.fileName}"`,
    'x-content-sha256': file.sha256,
  });
});

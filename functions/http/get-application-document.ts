/** GET /applications/{id}/documents/{documentId} — the applicant's download, with the X-Query-Code header. */
import { bytes, httpHandler } from '../../shared/http/handler.js';
import { getApplicationDocument as route } from '../../shared/http/routes.js';
import { getApplicationDocument } from '../../shared/services/applications.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) => {
  const file = await getApplicationDocument(db(), request.params.id, request.params.documentId, request.headers['x-query-code'], {
    clientIp: request.event.requestContext.http.sourceIp,
    now: request.now,
    format: request.query.format,
    language: request.query.lang,
  });
  return bytes(200, file.body, file.contentType, {
    'content-disposition': `attachment; filename="${file.fileName}"`,
    'x-content-sha256': file.sha256,
  });
});

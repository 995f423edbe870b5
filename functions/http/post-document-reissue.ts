/** POST /cases/{id}/documents/{documentId}/reissue — a corrected document with a new number, superseding the old. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { reissueDocument as route } from '../../shared/http/routes.js';
import { reissueDocument } from '../../shared/services/case-documents.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await reissueDocument(db(), request.caller, request.params.id, request.params.documentId, request.body, request.now)),
);

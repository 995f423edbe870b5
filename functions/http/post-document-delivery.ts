/** POST /cases/{id}/documents/{documentId}/delivery — how and when a document reached its addressee (送达). */
import { httpHandler, json } from '../../shared/http/handler.js';
import { recordDelivery as route } from '../../shared/http/routes.js';
import { recordDelivery } from '../../shared/services/case-documents.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await recordDelivery(db(), request.caller, request.params.id, request.params.documentId, request.body, request.now)),
);

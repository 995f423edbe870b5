/** PUT /agencies/{id} — create or change an agency (admin; cycles refused). */
import { httpHandler, json } from '../../shared/http/handler.js';
import { putAgency as route } from '../../shared/http/routes.js';
import { upsertAgency } from '../../shared/services/admin.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await upsertAgency(db(), request.caller, request.params.id, request.body, request.now)),
);

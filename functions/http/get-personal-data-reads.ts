/** GET /audit/personal-data-reads — who read which applicant's full data (supervisor, own subtree). */
import { httpHandler, json } from '../../shared/http/handler.js';
import { listPersonalDataReads as route } from '../../shared/http/routes.js';
import { listPersonalDataReads } from '../../shared/services/personal-data.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await listPersonalDataReads(db(), request.caller, request.query, request.now)),
);

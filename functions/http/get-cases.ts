/** GET /cases — an agency's worklist (open by deadline, closed, all), paginated. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { listCases as route } from '../../shared/http/routes.js';
import { listCases } from '../../shared/services/cases.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await listCases(db(), request.caller, request.query)),
);

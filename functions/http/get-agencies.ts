/** GET /agencies — the agencies the caller may see. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { listAgencies as route } from '../../shared/http/routes.js';
import { listVisibleAgencies } from '../../shared/services/admin.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) => json(200, await listVisibleAgencies(db(), request.caller)));

/** GET /public/agencies — the agencies that accept online applications, with their tree paths (no token). */
import { httpHandler, json } from '../../shared/http/handler.js';
import { listPublicAgencies as route } from '../../shared/http/routes.js';
import { listPublicAgencies } from '../../shared/services/admin.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async () => json(200, await listPublicAgencies(db())));

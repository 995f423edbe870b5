/** PUT /calendar/{year} — load or correct a year (admin); recomputes the affected open cases. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { routes } from '../../shared/http/routes.js';
import { putCalendar } from '../../shared/services/admin.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(routes.putCalendar, async (request) =>
  json(200, await putCalendar(db(), request.caller, request.params.year, request.body, request.now)),
);

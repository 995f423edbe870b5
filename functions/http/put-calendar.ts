/** PUT /calendar/{year} — load or correct a year (admin); recomputes the affected open cases. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { putCalendar as route } from '../../shared/http/routes.js';
import { db } from '../../shared/store/client.js';
import { putCalendar } from '../../shared/services/calendars.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await putCalendar(db(), request.caller, request.params.year, request.body, request.now)),
);

/** GET /calendar/{year} — a year's holidays and make-up working days with their source. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { getCalendar as route } from '../../shared/http/routes.js';
import { db } from '../../shared/store/client.js';
import { getCalendarYear } from '../../shared/services/calendars.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await getCalendarYear(db(), request.params.year)),
);

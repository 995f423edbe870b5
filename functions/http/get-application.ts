/** GET /applications/{id} — the applicant's view, with the X-Query-Code header (docs/architecture.md "The API"). */
import { clientAddress } from '../../shared/http/client-address.js';
import { httpHandler, json } from '../../shared/http/handler.js';
import { getApplication as route } from '../../shared/http/routes.js';
import { getApplicationView } from '../../shared/services/applications.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(
    200,
    await getApplicationView(db(), request.params.id, request.headers['x-query-code'], {
      clientIp: clientAddress(request.event),
      now: request.now,
      locale: request.locale,
    }),
  ),
);

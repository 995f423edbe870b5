/** POST /applications — the public online form (docs/architecture.md "The API"). */
import { clientAddress } from '../../shared/http/client-address.js';
import { httpHandler, json } from '../../shared/http/handler.js';
import { submitApplication as route } from '../../shared/http/routes.js';
import { submitApplication } from '../../shared/services/applications.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) => {
  const result = await submitApplication(db(), request.body, {
    now: request.now,
    idempotencyKey: request.headers['idempotency-key'],
    client: clientAddress(request.event),
  });
  return json(result.status, result.body, { location: `/applications/${result.body.id}` });
});

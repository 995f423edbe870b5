/** POST /cases — an officer registers an application that arrived in person, by mail, fax, e-mail… */
import { httpHandler, json } from '../../shared/http/handler.js';
import { registerCase as route } from '../../shared/http/routes.js';
import { registerCase } from '../../shared/services/cases.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) => {
  const view = await registerCase(db(), request.caller, request.body, {
    now: request.now,
    idempotencyKey: request.headers['idempotency-key'],
  });
  return json(201, view, { location: `/cases/${view.id}` });
});

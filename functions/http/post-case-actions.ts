/** POST /cases/{id}/actions — one action on a case, on its expected version. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { actOnCase as route } from '../../shared/http/routes.js';
import { localizeCaseView } from '../../shared/i18n/explanation.js';
import { actOnCase } from '../../shared/services/cases.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, localizeCaseView(await actOnCase(db(), request.caller, request.params.id, request.body, request.now), request.locale)),
);

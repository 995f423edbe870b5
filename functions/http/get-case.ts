/** GET /cases/{id} — a case with its deadline explained (stretch by stretch and day by day) and its history. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { getCase as route } from '../../shared/http/routes.js';
import { localizeCaseView } from '../../shared/i18n/explanation.js';
import { getCaseDetail } from '../../shared/services/cases.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, localizeCaseView(await getCaseDetail(db(), request.caller, request.params.id, request.now), request.locale)),
);

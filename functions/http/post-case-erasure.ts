/** POST /cases/{id}/erasure — an admin erases a closed case's applicant data on a lawful deletion request (PIPL Art. 47). */
import { httpHandler, json } from '../../shared/http/handler.js';
import { eraseCase as route } from '../../shared/http/routes.js';
import { eraseApplicantData } from '../../shared/services/retention.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await eraseApplicantData(db(), request.caller, request.params.id, request.body, request.now)),
);

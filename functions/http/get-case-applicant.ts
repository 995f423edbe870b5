/** GET /cases/{id}/applicant — the applicant's full personal data; the read is recorded in the audit. */
import { httpHandler, json } from '../../shared/http/handler.js';
import { getCaseApplicant as route } from '../../shared/http/routes.js';
import { getCaseApplicant } from '../../shared/services/cases.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(
    200,
    await getCaseApplicant(db(), request.caller, request.params.id, {
      reason: request.query.reason,
      now: request.now,
      requestId: request.requestId,
    }),
  ),
);

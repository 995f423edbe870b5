/** GET /reports/{year}/cells/{cellId} — the ids of the cases behind one figure (drill-down). */
import { httpHandler, json } from '../../shared/http/handler.js';
import { getReportCell as route } from '../../shared/http/routes.js';
import { cellCasesForCaller } from '../../shared/services/report-cells.js';
import { db } from '../../shared/store/client.js';

export const handler = httpHandler(route, async (request) =>
  json(200, await cellCasesForCaller(db(), request.caller, request.params.year, request.params.cellId, request.query, request.now)),
);

/** GET /reports/{year} — a year's report as JSON, CSV or HTML: the published one, or generated now and not stored. */
import { httpHandler, json, textResult } from '../../shared/http/handler.js';
import { getReport as route } from '../../shared/http/routes.js';
import { renderView } from '../../shared/services/reports.js';
import { db } from '../../shared/store/client.js';
import { getReportForCaller } from '../../shared/services/report-access.js';

export const handler = httpHandler(route, async (request) => {
  const { format, template, ...query } = request.query;
  const view = await getReportForCaller(db(), request.caller, request.params.year, { ...query, template }, request.now);
  const rendered = renderView(view, format);
  const headers = { 'x-report-published': String(view.published) };
  if (rendered.kind === 'json') return json(200, rendered.body, headers);
  return textResult(200, rendered.body, rendered.contentType, { ...headers, 'content-disposition': `attachment; filename="${rendered.filename}"` });
});

/** POST /reports/{year}/generate — generate, check and publish a year's report (supervisor). */
import { httpHandler, json } from '../../shared/http/handler.js';
import { generateReport as route } from '../../shared/http/routes.js';
import { reportJson } from '../../shared/services/reports.js';
import { db } from '../../shared/store/client.js';
import { reportStorage } from '../../shared/store/report-storage.js';
import { generateReportForCaller } from '../../shared/services/report-access.js';

export const handler = httpHandler(route, async (request) => {
  const view = await generateReportForCaller(db(), reportStorage(), request.caller, request.params.year, request.body, request.now);
  const { year, agencyId, scope, templateId } = view.report;
  return json(201, reportJson(view), {
    location: `/reports/${year}?agencyId=${agencyId}&scope=${scope}&template=${templateId}`,
    'x-report-published': 'true',
  });
});

/**
 * The JSON rendering of a report: the `Report` value itself (template id, year, agency, scope, generation
 * time, sections and every cell with its labels and figure), indented, keys in a fixed order.
 */
import type { Report } from './aggregate.js';

export function renderJson(report: Report): string {
  const { templateId, year, agencyId, scope, generatedAt, sections, cells } = report;
  return `${JSON.stringify({ templateId, year, agencyId, scope, generatedAt, sections, cells }, null, 2)}\n`;
}

/**
 * Publishing a checked report: its three files (JSON, CSV, HTML) in the report storage, then the record
 * in the table that says it is published (so a record never names a missing file), and the shapes in
 * which a report is stored and served.
 */
import type { Report, ReportScope } from '../reports/aggregate.js';
import { renderCsv } from '../reports/render-csv.js';
import { renderHtml } from '../reports/render-html.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import type { Db } from '../store/client.js';
import type { ReportStorage } from '../store/report-storage.js';
import { putReportRecord } from '../store/reports.js';
import type { IdentityCheck, ReportFormat, ReportRecord } from '../store/reports.js';
import type { ReportTarget } from './report-build.js';

/** The JSON document of a report, as stored and as served: the figures, with the identity check they passed. */
export interface ReportDocument {
  templateId: TemplateId;
  year: number;
  agencyId: string;
  agencyName: string;
  scope: ReportScope;
  generatedAt: string;
  identityCheck: IdentityCheck;
  sections: Report['sections'];
  cells: Report['cells'];
}

/** A report as the API gives it: published (read from its record) or generated on the fly (not stored). */
export interface ReportView {
  published: boolean;
  report: Report;
  agencyName: string;
  identityCheck: IdentityCheck;
  /** Published reports: when, by whom, and where the files are. */
  publication?: Pick<ReportRecord, 'publishedAt' | 'publishedBy' | 'storage' | 'files'>;
}

export function reportDocument(report: Report, identityCheck: IdentityCheck, name: string): ReportDocument {
  const { templateId, year, agencyId, scope, generatedAt, sections, cells } = report;
  return { templateId, year, agencyId, agencyName: name, scope, generatedAt, identityCheck, sections, cells };
}

/** `reports/<year>/<template>/<scope>/<agency>.<format>` */
export function reportFileKeys(target: Omit<ReportTarget, 'templateId'> & { templateId: string }): Record<ReportFormat, string> {
  const base = `reports/${target.year}/${target.templateId}/${target.scope}/${target.agencyId}`;
  return { json: `${base}.json`, csv: `${base}.csv`, html: `${base}.html` };
}

/** Writes the three files, then the record that says the report is published (so it never names a missing file). */
export async function publish(
  db: Db,
  storage: ReportStorage,
  report: Report,
  identityCheck: IdentityCheck,
  name: string,
  publishedBy: string,
  now: Date,
): Promise<ReportRecord> {
  const files = reportFileKeys(report);
  await Promise.all([
    storage.put(files.json, `${JSON.stringify(reportDocument(report, identityCheck, name), null, 2)}\n`, 'application/json; charset=utf-8'),
    storage.put(files.csv, renderCsv(report, { agencyName: name }), 'text/csv; charset=utf-8'),
    storage.put(files.html, renderHtml(report, { agencyName: name }), 'text/html; charset=utf-8'),
  ]);
  const record: ReportRecord = {
    agencyId: report.agencyId,
    agencyName: name,
    year: report.year,
    templateId: report.templateId,
    scope: report.scope,
    generatedAt: report.generatedAt,
    publishedAt: now.toISOString(),
    publishedBy,
    values: Object.fromEntries(Object.values(report.cells).map((cell) => [cell.id, cell.value])),
    identityCheck,
    storage: storage.location,
    files,
  };
  await putReportRecord(db, record);
  return record;
}

/** Where and by whom a published report was published. */
export function publicationOf(record: ReportRecord): NonNullable<ReportView['publication']> {
  return { publishedAt: record.publishedAt, publishedBy: record.publishedBy, storage: record.storage, files: record.files };
}

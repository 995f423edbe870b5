/**
 * The year-end statistics (docs/domain.md §7; 2019 Regulation Art. 49–50: published by 31 January for
 * the year before), wired to the data: generate one agency's report (`self`) or its subtree's
 * consolidated report (`subtree`), check the identities, publish what passes, read a published report
 * back or generate one on the fly, and render a view in one format. Its parts: report-build.ts (the
 * subtree walk), report-checks.ts (identities), report-publishing.ts (files and record),
 * report-access.ts (who may ask for what, which years), year-end.ts (the job at the turn of the year);
 * the drill-down is report-cells.ts.
 *
 * The figures come from shared/reports (pure): `aggregate`, `consolidate`, `checkReport`, the renderers.
 */
import type { ReportScope } from '../reports/aggregate.js';
import { renderCsv } from '../reports/render-csv.js';
import { renderHtml } from '../reports/render-html.js';
import { defaultTemplateFor } from '../reports/templates/registry.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import type { Db } from '../store/client.js';
import type { ReportStorage } from '../store/report-storage.js';
import { getReportRecord } from '../store/reports.js';
import type { ReportFormat } from '../store/reports.js';
import { agencyName, buildReport, type ReportTarget } from './report-build.js';
import { checkIdentities, reportOfRecord } from './report-checks.js';
import { publicationOf, publish, reportDocument, type ReportDocument, type ReportView } from './report-publishing.js';
import { loadAgencyTree } from './visibility.js';

export interface GenerateRequest {
  year: number;
  agencyId: string;
  scope: ReportScope;
  /** Default: the template of the year (docs/domain.md §7: cn-2008 to 2018, cn-2019 for 2019–2020, cn-2021 from 2021). */
  templateId?: TemplateId;
  now: Date;
  /** Who publishes (a supervisor's `sub`, or `system`). */
  publishedBy?: string;
}

function targetOf(request: Pick<GenerateRequest, 'year' | 'agencyId' | 'scope' | 'templateId'>): ReportTarget {
  return { year: request.year, agencyId: request.agencyId, scope: request.scope, templateId: request.templateId ?? defaultTemplateFor(request.year) };
}

/**
 * Generates the report, checks its identities and publishes it (the files and the record). Throws
 * ReportIdentityError, publishing nothing, when an identity breaks.
 */
export async function generateReport(db: Db, storage: ReportStorage, request: GenerateRequest): Promise<ReportView> {
  const target = targetOf(request);
  const tree = await loadAgencyTree(db);
  const name = agencyName(tree, target.agencyId);
  const { report, parts } = await buildReport(db, tree, target, request.now);
  const identityCheck = await checkIdentities(db, report, parts);
  const record = await publish(db, storage, report, identityCheck, name, request.publishedBy ?? 'system', request.now);
  return { published: true, report, agencyName: name, identityCheck, publication: publicationOf(record) };
}

/**
 * The published report when there is one; otherwise the report generated now from the data, checked but
 * not stored (`published: false`).
 */
export async function readReport(db: Db, request: Omit<GenerateRequest, 'publishedBy'>): Promise<ReportView> {
  const target = targetOf(request);
  const record = await getReportRecord(db, target);
  if (record !== undefined) {
    return { published: true, report: reportOfRecord(record), agencyName: record.agencyName, identityCheck: record.identityCheck, publication: publicationOf(record) };
  }
  const tree = await loadAgencyTree(db);
  const name = agencyName(tree, target.agencyId);
  const { report, parts } = await buildReport(db, tree, target, request.now);
  return { published: false, report, agencyName: name, identityCheck: await checkIdentities(db, report, parts) };
}

/** A report as JSON: the document, whether it is published, and when, by whom and where if it is. */
export type ReportJson = { published: boolean } & Partial<NonNullable<ReportView['publication']>> & ReportDocument;

export function reportJson(view: ReportView): ReportJson {
  return { published: view.published, ...(view.publication ?? {}), ...reportDocument(view.report, view.identityCheck, view.agencyName) };
}

/** A report view in one format: the JSON document (with whether it is published), or the CSV or HTML file. */
export function renderView(
  view: ReportView,
  format: ReportFormat,
): { kind: 'json'; body: ReportJson } | { kind: 'text'; body: string; contentType: string; filename: string } {
  const { report, agencyName: name } = view;
  const filename = `${report.year}-${report.templateId}-${report.scope}-${report.agencyId}.${format}`;
  switch (format) {
    case 'json':
      return { kind: 'json', body: reportJson(view) };
    case 'csv':
      return { kind: 'text', body: renderCsv(report, { agencyName: name }), contentType: 'text/csv; charset=utf-8', filename };
    case 'html':
      return { kind: 'text', body: renderHtml(report, { agencyName: name }), contentType: 'text/html; charset=utf-8', filename };
  }
}

/**
 * The year-end statistics (../shared/DOMAIN.md §7; 2019 Regulation Art. 49–50: published by 31 January for
 * the year before), wired to the data: generate one agency's report (`self`) or its subtree's consolidated
 * report (`subtree`), check DOMAIN.md §7's identities, publish what passes (the files in the report storage,
 * the record in the table), read a published report back or generate one on the fly, and publish every
 * agency's reports at the turn of the year (shared/services/year-end.ts, unit by unit). The drill-down is shared/services/report-cells.ts.
 *
 * The figures come from shared/reports (pure): `aggregate` over the stream of shared/store/report-source.ts
 * (Queries only, memory flat in the number of cases), `consolidate`, `checkReport`, the renderers and
 * `cellMembers`. A report that breaks an identity is never published nor served: ReportIdentityError (422)
 * names each identity and its cells.
 */
import { beijingDate } from '../calendar/civil-date.js';
import { ForbiddenError, NotFoundError, ReportIdentityError, ValidationError } from '../domain/errors.js';
import { ownAgency, type Caller } from '../http/auth.js';
import { aggregate, emptyReport } from '../reports/aggregate.js';
import type { Report, ReportScope } from '../reports/aggregate.js';
import { consolidate } from '../reports/consolidate.js';
import { checkReport } from '../reports/identities.js';
import { renderCsv } from '../reports/render-csv.js';
import { renderHtml } from '../reports/render-html.js';
import { defaultTemplateFor, getTemplate } from '../reports/templates/registry.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import type { Db } from '../store/client.js';
import { reportCases } from '../store/report-source.js';
import type { ReportStorage } from '../store/report-storage.js';
import { getReportRecord, putReportRecord } from '../store/reports.js';
import type { IdentityCheck, ReportFormat, ReportRecord } from '../store/reports.js';
import { canSee, loadAgencyTree, type AgencyTree } from './scope.js';

/** Which report: one agency, one year, one scope, one template. */
export interface ReportTarget {
  year: number;
  agencyId: string;
  scope: ReportScope;
  templateId: TemplateId;
}

export interface GenerateRequest {
  year: number;
  agencyId: string;
  scope: ReportScope;
  /** Default: the template of the year (DOMAIN.md §7: cn-2008 to 2018, cn-2019 for 2019–2020, cn-2021 from 2021). */
  templateId?: TemplateId;
  now: Date;
  /** Who publishes (a supervisor's `sub`, or `system`). */
  publishedBy?: string;
}

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

/** The earliest year with a report: the 2008 Regulation (国务院令第492号) took effect on 2008-05-01. */
const FIRST_YEAR = 2008;

export function beijingYear(now: Date): number {
  return Number(beijingDate(now).slice(0, 4));
}

export function agencyName(tree: AgencyTree, agencyId: string): string {
  const agency = tree.byId.get(agencyId);
  if (agency === undefined) throw new NotFoundError(`No agency ${agencyId}.`);
  return agency.name;
}

// ---- Generating ----------------------------------------------------------------------------------

/** One agency's own report: one pass over the cases relevant to the year. */
export async function selfReport(db: Db, agencyId: string, target: Pick<ReportTarget, 'year' | 'templateId'>, now: Date): Promise<Report> {
  return aggregate(reportCases(db, { agencyId, year: target.year, now }), {
    year: target.year,
    agencyId,
    templateId: target.templateId,
    generatedAt: now.toISOString(),
  });
}

interface WalkHandlers {
  /** An agency's own report, once generated. */
  self(agencyId: string, report: Report): Promise<void>;
  /** A consolidated report and the reports it sums (the agency's own, each child's subtree or own report). */
  subtree(agencyId: string, report: Report, parts: Report[]): Promise<void>;
  /** A report that could not be generated (its own cases, or a report of its subtree, failed). */
  failed(agencyId: string, scope: ReportScope, error: unknown): void;
}

/**
 * Generates the reports of `root`'s subtree from the leaves up (reverse breadth-first order puts every
 * agency after its children): each agency's own report, then, for the root and every agency with children,
 * the consolidation of its own report and its children's (DOMAIN.md §1: a consolidated report sums the
 * whole subtree; summing the children's consolidated reports sums their subtrees). A child's report is
 * dropped once its parent has summed it, so only the reports awaiting their parent are held.
 */
async function walkSubtree(
  db: Db,
  tree: AgencyTree,
  root: string,
  target: Pick<ReportTarget, 'year' | 'templateId'>,
  now: Date,
  on: WalkHandlers,
): Promise<Report | undefined> {
  const order = tree.subtree(root);
  const children = new Map<string, string[]>();
  for (const id of order.slice(1)) {
    const parent = tree.byId.get(id)?.parentId;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  const waiting = new Map<string, Report | null>();
  for (const id of order.slice().reverse()) {
    let self: Report | null = null;
    try {
      self = await selfReport(db, id, target, now);
      await on.self(id, self);
    } catch (error) {
      on.failed(id, 'self', error);
    }
    const kids = children.get(id) ?? [];
    if (kids.length === 0 && id !== root) {
      waiting.set(id, self);
      continue;
    }
    const parts = [self, ...kids.map((kid) => waiting.get(kid) ?? null)];
    for (const kid of kids) waiting.delete(kid);
    const missing = kids.filter((_, i) => parts[i + 1] === null);
    if (self === null || missing.length > 0) {
      on.failed(id, 'subtree', new Error(`the reports of ${[...(self === null ? [id] : []), ...missing].join(', ')} could not be generated`));
      waiting.set(id, null);
      continue;
    }
    const complete = parts as Report[];
    const report = consolidate(id, complete, { generatedAt: now.toISOString() });
    try {
      await on.subtree(id, report, complete);
    } catch (error) {
      on.failed(id, 'subtree', error);
    }
    waiting.set(id, report);
  }
  return waiting.get(root) ?? undefined;
}

/** The report of the target, with the reports a consolidated one sums (identity 8). Throws what fails. */
async function buildReport(db: Db, tree: AgencyTree, target: ReportTarget, now: Date): Promise<{ report: Report; parts?: Report[] }> {
  if (target.scope === 'self') return { report: await selfReport(db, target.agencyId, target, now) };
  let rootParts: Report[] | undefined;
  const report = await walkSubtree(db, tree, target.agencyId, target, now, {
    self: async () => undefined,
    subtree: async (id, _report, parts) => {
      if (id === target.agencyId) rootParts = parts;
    },
    failed: (_id, _scope, error) => {
      throw error;
    },
  });
  if (report === undefined || rootParts === undefined) throw new NotFoundError(`No agency ${target.agencyId}.`);
  return { report, parts: rootParts };
}

// ---- Checking -------------------------------------------------------------------------------------

/** A published report's figures as a Report (the template's cells, every value from the record). */
export function reportOfRecord(record: Pick<ReportRecord, 'templateId' | 'year' | 'agencyId' | 'scope' | 'generatedAt' | 'values'>): Report {
  const report = emptyReport(record.templateId, {
    year: record.year,
    agencyId: record.agencyId,
    scope: record.scope,
    generatedAt: record.generatedAt,
  });
  for (const [id, value] of Object.entries(record.values)) {
    const cell = report.cells[id];
    if (cell === undefined) throw new TypeError(`The published ${record.templateId} report of ${record.agencyId} ${record.year} has an unknown cell ${id}.`);
    cell.value = value;
  }
  return report;
}

/**
 * Last year's published report of the same agency and scope (identity 6: "when last year was generated by
 * the same system"): of the same template, else of last year's default template (the 2021 report carries
 * in what the cn-2019 report of 2020 carried out; the carry-over rows and columns are the same).
 */
async function previousYearReport(db: Db, report: Report): Promise<Report | undefined> {
  const year = report.year - 1;
  if (year < FIRST_YEAR) return undefined;
  const templates = [...new Set<TemplateId>([report.templateId, defaultTemplateFor(year)])];
  for (const templateId of templates) {
    const record = await getReportRecord(db, { agencyId: report.agencyId, year, templateId, scope: report.scope });
    if (record !== undefined) return reportOfRecord(record);
  }
  return undefined;
}

/**
 * Runs DOMAIN.md §7's identities on the report (6 against last year's published report when there is one,
 * 8 against the reports a consolidated one sums). Throws ReportIdentityError naming the broken identities
 * and their cells: such a report is neither published nor served.
 */
export async function checkIdentities(db: Db, report: Report, parts: Report[] | undefined): Promise<IdentityCheck> {
  const previous = await previousYearReport(db, report);
  const violations = checkReport(report, {
    ...(previous === undefined ? {} : { previousYear: previous }),
    ...(parts === undefined ? {} : { children: parts }),
  });
  if (violations.length > 0) {
    const broken = [...new Set(violations.map((v) => v.identity))].sort((a, b) => a - b);
    throw new ReportIdentityError(
      violations,
      `The ${report.year} ${report.templateId} report of ${report.agencyId} (${report.scope}) breaks identit${broken.length > 1 ? 'ies' : 'y'} ` +
        `${broken.join(', ')} of DOMAIN.md §7 and is not published: ${violations.map((v) => v.message).join(' ')}`,
    );
  }
  const identities = new Set(getTemplate(report.templateId).identities.map((def) => def.identity));
  if (previous !== undefined) identities.add(6);
  if (parts !== undefined) identities.add(8);
  return {
    passed: true,
    identities: [...identities].sort((a, b) => a - b),
    previousYear: previous === undefined ? null : { year: previous.year, templateId: previous.templateId, generatedAt: previous.generatedAt },
    children: parts === undefined ? null : parts.map((part) => part.agencyId),
  };
}

// ---- Publishing -----------------------------------------------------------------------------------

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

function publicationOf(record: ReportRecord): NonNullable<ReportView['publication']> {
  return { publishedAt: record.publishedAt, publishedBy: record.publishedBy, storage: record.storage, files: record.files };
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

/** A report view in one format: the JSON document (with whether it is published), or the CSV or HTML file. */
export function renderView(
  view: ReportView,
  format: ReportFormat,
): { kind: 'json'; body: Record<string, unknown> } | { kind: 'text'; body: string; contentType: string; filename: string } {
  const { report, agencyName: name } = view;
  const filename = `${report.year}-${report.templateId}-${report.scope}-${report.agencyId}.${format}`;
  switch (format) {
    case 'json':
      return {
        kind: 'json',
        body: { published: view.published, ...(view.publication ?? {}), ...reportDocument(report, view.identityCheck, name) },
      };
    case 'csv':
      return { kind: 'text', body: renderCsv(report, { agencyName: name }), contentType: 'text/csv; charset=utf-8', filename };
    case 'html':
      return { kind: 'text', body: renderHtml(report, { agencyName: name }), contentType: 'text/html; charset=utf-8', filename };
  }
}

// ---- The API's scope rules ------------------------------------------------------------------------

export interface ReportQueryInput {
  agencyId?: string | undefined;
  scope: ReportScope;
  template?: TemplateId | undefined;
}

function isSupervisor(caller: Caller): boolean {
  return caller.roles.includes('supervisor');
}

/**
 * The report a caller may ask for (DESIGN.md "Scope"): an officer their own agency's own report; a
 * supervisor any agency of their subtree, own or consolidated. Another tree's agency does not exist for
 * the caller (422 naming the field, as for `GET /cases`).
 */
export async function allowedTarget(
  db: Db,
  caller: Caller,
  year: number,
  input: ReportQueryInput,
  where: 'query' | 'body',
): Promise<ReportTarget> {
  const agencyId = input.agencyId ?? ownAgency(caller);
  const tree = await loadAgencyTree(db);
  if (!canSee(caller, agencyId, tree)) throw new ValidationError([{ path: [where, 'agencyId'], message: 'is not a known agency' }]);
  if (input.scope === 'subtree' && !isSupervisor(caller)) {
    throw new ForbiddenError("A consolidated (subtree) report needs the supervisor role; an officer sees their own agency's report.");
  }
  return { year, agencyId, scope: input.scope, templateId: input.template ?? defaultTemplateFor(year) };
}

/** Reports exist from 2008 to the current year (Beijing); publishing needs the year to be over. */
export function checkReportYear(year: number, now: Date, purpose: 'read' | 'publish'): void {
  const current = beijingYear(now);
  const problem = (message: string) => new ValidationError([{ path: ['params', 'year'], message }]);
  if (year < FIRST_YEAR) throw problem(`must be ${FIRST_YEAR} or later (the 2008 Regulation took effect on 2008-05-01)`);
  if (year > current) throw problem(`must not be after the current year (${current}, Beijing time)`);
  if (purpose === 'publish' && year === current) {
    throw problem(`cannot be published before the year is over: the ${year} report is published from 1 January ${year + 1} (2019 Regulation Art. 49–50)`);
  }
}

/** `GET /reports/{year}`. */
export async function getReportForCaller(db: Db, caller: Caller, year: number, query: ReportQueryInput, now: Date): Promise<ReportView> {
  checkReportYear(year, now, 'read');
  const target = await allowedTarget(db, caller, year, query, 'query');
  return readReport(db, { ...target, now });
}

/** `POST /reports/{year}/generate` (supervisor). */
export async function generateReportForCaller(
  db: Db,
  storage: ReportStorage,
  caller: Caller,
  year: number,
  body: ReportQueryInput,
  now: Date,
): Promise<ReportView> {
  checkReportYear(year, now, 'publish');
  const target = await allowedTarget(db, caller, year, body, 'body');
  return generateReport(db, storage, { ...target, now, publishedBy: caller.sub });
}

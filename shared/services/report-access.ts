/**
 * Who may ask for which report, and for which years (the API's rules for `GET /reports/{year}` and
 * `POST /reports/{year}/generate`): an officer their own agency's own report, a supervisor any agency of
 * their subtree, own or consolidated; reports exist from 2008 to the current year, and a year is
 * published only once it is over.
 */
import { ownAgency, type Caller } from '../caller.js';
import { ValidationError } from '../domain/errors.js';
import { ForbiddenError } from '../errors.js';
import type { ReportScope } from '../reports/aggregate.js';
import { defaultTemplateFor } from '../reports/templates/registry.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import type { Db } from '../store/client.js';
import type { ReportStorage } from '../store/report-storage.js';
import { beijingYear, FIRST_YEAR, type ReportTarget } from './report-build.js';
import type { ReportView } from './report-publishing.js';
import { generateReport, readReport } from './reports.js';
import { canSee, loadAgencyTree } from './visibility.js';

export interface ReportQueryInput {
  agencyId?: string | undefined;
  scope: ReportScope;
  template?: TemplateId | undefined;
}

function isSupervisor(caller: Caller): boolean {
  return caller.roles.includes('supervisor');
}

/**
 * The report a caller may ask for (docs/architecture.md "Visibility"): an officer their own agency's own report; a
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

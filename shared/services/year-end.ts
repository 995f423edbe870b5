/**
 * The year-end job (docs/domain.md §7; 2019 Regulation Art. 49–50): at the turn of the year, last year's
 * reports of every agency, checked and published.
 */
import { ReportIdentityError } from '../errors.js';
import { log } from '../log.js';
import { countMetrics, METRIC } from '../metrics.js';
import type { ReportScope } from '../reports/aggregate.js';
import { defaultTemplateFor } from '../reports/templates/registry.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import type { Db } from '../store/client.js';
import type { ReportStorage } from '../store/report-storage.js';
import { agencyName, beijingYear, walkSubtree } from './report-build.js';
import { checkIdentities } from './report-checks.js';
import { publish } from './report-publishing.js';
import { loadAgencyTree } from './visibility.js';

export interface YearEndSummary {
  year: number;
  templateId: TemplateId;
  agencies: number;
  published: { self: number; subtree: number };
  failed: { agencyId: string; scope: ReportScope; reason: string; identities?: number[] }[];
}

/**
 * At the turn of the year (00:30 on 1 January, Beijing): last year's reports with last year's template, for
 * every agency (`self`) and every agency with children (`subtree`), each checked and published. Every
 * report is attempted; one summary line is logged; then, if any report was not published, this throws,
 * naming each one (the scheduler retries and alarms). Publishing again overwrites with the same figures,
 * so a retry is safe.
 */
export async function publishYearEndReports(db: Db, storage: ReportStorage, now: Date): Promise<YearEndSummary> {
  const year = beijingYear(now) - 1;
  const templateId = defaultTemplateFor(year);
  const tree = await loadAgencyTree(db, { fresh: true });
  const summary: YearEndSummary = { year, templateId, agencies: tree.byId.size, published: { self: 0, subtree: 0 }, failed: [] };
  const fail = (agencyId: string, scope: ReportScope, error: unknown) => {
    const identities = error instanceof ReportIdentityError ? [...new Set(error.violations.map((v) => v.identity))] : undefined;
    summary.failed.push({ agencyId, scope, reason: error instanceof Error ? error.message : String(error), ...(identities ? { identities } : {}) });
  };
  const roots = [...tree.byId.values()].filter((a) => a.parentId === null || !tree.byId.has(a.parentId)).map((a) => a.id);
  for (const root of roots) {
    await walkSubtree(db, tree, root, { year, templateId }, now, {
      self: async (id, report) => {
        await publish(db, storage, report, await checkIdentities(db, report, undefined), agencyName(tree, id), 'system', now);
        summary.published.self++;
      },
      subtree: async (id, report, parts) => {
        // A root without children has no consolidated report to publish (it would equal its own).
        if (parts.length === 1) return;
        await publish(db, storage, report, await checkIdentities(db, report, parts), agencyName(tree, id), 'system', now);
        summary.published.subtree++;
      },
      failed: fail,
    });
  }
  log.info('year-end reports', {
    year,
    templateId,
    agencies: summary.agencies,
    publishedSelf: summary.published.self,
    publishedSubtree: summary.published.subtree,
    failed: summary.failed.map(({ agencyId, scope, identities }) => ({ agencyId, scope, ...(identities ? { identities } : {}) })),
  });
  countMetrics({ [METRIC.yearEndFailures]: summary.failed.length }, { job: 'YearEndStatistics' });
  if (summary.failed.length > 0) {
    throw new Error(
      `${summary.failed.length} year-end report(s) for ${year} were not published: ` +
        summary.failed.map((f) => `${f.agencyId} (${f.scope}): ${f.reason}`).join(' | '),
    );
  }
  return summary;
}

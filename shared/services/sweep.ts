/**
 * The daily deadline sweep (a scheduled function in AWS, `npm run sweep` locally): for every agency's
 * open cases due within 3 working days it records a `deadline_flag` event `due_soon`, and for those past
 * their deadline `overdue` — one event per change, each in its own transaction on the case's version.
 * Running it twice changes nothing the second time: a flag already set for the current deadline is
 * not set again (the reducer clears the flags when the deadline moves).
 */
import { beijingDate } from '../calendar/civil-date.js';
import { applyEvent } from '../domain/lifecycle.js';
import type { Actor, CaseEvent } from '../domain/types.js';
import { listAgencies } from '../store/agencies.js';
import { loadCalendar } from '../store/calendar.js';
import { appendEvents, getCase, queryWorklist } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { VersionConflictError } from '../errors.js';

/** Policy (docs/domain.md "Policies"): "due soon" means due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;
const SYSTEM: Actor = { sub: 'system', name: 'Gongkai deadline sweep', role: 'system' };

export interface SweepSummary {
  today: string;
  agencies: number;
  examined: number;
  dueSoon: number;
  overdue: number;
  conflicts: number;
}

export async function sweepDeadlines(db: Db, now: Date): Promise<SweepSummary> {
  const today = beijingDate(now);
  const summary: SweepSummary = { today, agencies: 0, examined: 0, dueSoon: 0, overdue: 0, conflicts: 0 };
  for (const agency of await listAgencies(db)) {
    summary.agencies++;
    const calendar = await loadCalendar(db, agency.calendarRegion, { fresh: summary.agencies === 1 });
    const soon = calendar.nthWorkingDayAfter(today, DUE_SOON_WORKING_DAYS).date;
    let startKey: Record<string, unknown> | undefined;
    do {
      // Open cases due on or before `soon`, in deadline order (those without a deadline sort last).
      const page = await queryWorklist(db, { agencyId: agency.id, which: 'open', dueOnOrBefore: soon, limit: 100, startKey });
      for (const record of page.items) {
        const s = record.state;
        if (!s.dueDate) continue;
        summary.examined++;
        const flag = s.dueDate < today ? 'overdue' : 'due_soon';
        if (flag === 'overdue' ? s.flags.overdue : s.flags.dueSoon || s.flags.overdue) continue;
        const event: CaseEvent = {
          seq: record.version + 1,
          type: 'deadline_flag',
          flag,
          dueDate: s.dueDate,
          actor: SYSTEM,
          recordedAt: now.toISOString(),
          effectiveDate: today,
        };
        const state = applyEvent(s, event, calendar);
        try {
          // The worklist row holds no applicant: the case item is written whole, so read it whole first.
          const full = await getCase(db, record.id);
          if (!full || full.version !== record.version) throw new VersionConflictError(full?.version ?? record.version);
          await appendEvents(db, full, { ...full, state, version: state.version, updatedAt: now.toISOString() }, [event]);
          if (flag === 'overdue') summary.overdue++;
          else summary.dueSoon++;
        } catch (error) {
          // An officer acted on the case meanwhile: the next run looks at it again.
          if (error instanceof VersionConflictError) summary.conflicts++;
          else throw error;
        }
      }
      startKey = page.lastKey;
    } while (startKey);
  }
  return summary;
}

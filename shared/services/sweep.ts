/**
 * The daily deadline sweep (a scheduled function in AWS, `npm run sweep` locally): for every agency's
 * open cases due within 3 working days it records a `deadline_flag` event `due_soon`, and for those past
 * their deadline `overdue`; it ends a consultation whose 15-working-day window has closed
 * (`consultation_lapsed`, Art. 32 / 34: the clock runs again), and flags an online submission still
 * unconfirmed after policy P5's working days (`receipt_flag`) — one event per change, each in its own
 * transaction on the case's version.
 * Running it twice changes nothing the second time: a flag already set for the current deadline is
 * not set again (the reducer clears the flags when the deadline moves).
 *
 * One unit per agency (shared/services/fan-out.ts): in AWS a Distributed Map runs them across Lambda
 * invocations (infra/constructs/fan-out-job.ts), locally `npm run sweep` runs them in-process. A unit reads
 * one worklist partition, so units never contend for a partition.
 */
import { beijingDate } from '../calendar/civil-date.js';
import { applyEvent } from '../domain/evolve.js';
import type { Actor, CaseEvent } from '../domain/types.js';
import { getAgency, listAgencies } from '../store/agencies.js';
import { loadCalendar } from '../store/calendar.js';
import { appendEvents, getCase } from '../store/cases.js';
import { queryWorklist } from '../store/worklist.js';
import type { Db } from '../store/client.js';
import { NotFoundError, VersionConflictError } from '../errors.js';
import type { CaseState } from '../domain/case-state.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { UNCONFIRMED_FLAG_WORKING_DAYS } from '../domain/policies.js';

/** Policy (docs/architecture.md / issue 4): "due soon" means due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;
const SYSTEM: Actor = { sub: 'system', name: 'Gongkai deadline sweep', role: 'system' };

export interface SweepSummary {
  today: string;
  agencies: number;
  examined: number;
  dueSoon: number;
  overdue: number;
  /** Consultations ended because their window closed. */
  lapsed: number;
  /** Online submissions flagged as still unconfirmed. */
  unconfirmed: number;
  conflicts: number;
}

type SweepPayload =
  | { type: 'deadline_flag'; flag: 'due_soon' | 'overdue'; dueDate: string }
  | { type: 'consultation_lapsed'; windowEnd: string }
  | { type: 'receipt_flag'; flag: 'unconfirmed'; submittedOn: string };

/** What the sweep records for one open case today, if anything. */
export function sweepEventFor(s: CaseState, today: string, soon: string, calendar: WorkingCalendar): SweepPayload | undefined {
  if (s.status === 'submitted') {
    if (s.flags.unconfirmed || s.submittedAt === undefined) return undefined;
    const submittedOn = beijingDate(s.submittedAt);
    const limit = calendar.nthWorkingDayAfter(calendar.firstWorkingDayOnOrAfter(submittedOn).date, UNCONFIRMED_FLAG_WORKING_DAYS).date;
    return today > limit ? { type: 'receipt_flag', flag: 'unconfirmed', submittedOn } : undefined;
  }
  const open = s.consultations.at(-1);
  if (s.status === 'consulting' && open !== undefined && open.end === undefined && open.windowEnd !== undefined && open.windowEnd < today) {
    return { type: 'consultation_lapsed', windowEnd: open.windowEnd };
  }
  if (!s.dueDate || s.dueDate > soon) return undefined;
  const flag = s.dueDate < today ? 'overdue' : 'due_soon';
  if (flag === 'overdue' ? s.flags.overdue : s.flags.dueSoon || s.flags.overdue) return undefined;
  return { type: 'deadline_flag', flag, dueDate: s.dueDate };
}

/** What every unit of one run shares: the run's instant (its Beijing date is "today"). */
export interface SweepRun {
  runAt: string;
}

export type SweepUnit = SweepRun & { agencyId: string };

export type SweepCounts = Omit<SweepSummary, 'today' | 'agencies'>;

export interface SweepUnitResult extends SweepCounts {
  agencyId: string;
}

export interface SweepPlan extends SweepRun {
  today: string;
  agencies: SweepUnit[];
}

/** One unit per agency. */
export async function planSweep(db: Db, now: Date): Promise<SweepPlan> {
  const run: SweepRun = { runAt: now.toISOString() };
  const ids = (await listAgencies(db)).map((a) => a.id).sort();
  return { ...run, today: beijingDate(now), agencies: ids.map((agencyId) => ({ ...run, agencyId })) };
}

/** One agency's sweep (one unit). */
export async function sweepAgency(db: Db, unit: SweepUnit): Promise<SweepUnitResult> {
  const now = new Date(unit.runAt);
  const today = beijingDate(now);
  const agency = await getAgency(db, unit.agencyId);
  if (agency === undefined) throw new NotFoundError(`No agency ${unit.agencyId}.`);
  const calendar = await loadCalendar(db, agency.calendarRegion);
  const soon = calendar.nthWorkingDayAfter(today, DUE_SOON_WORKING_DAYS).date;
  const counts: SweepUnitResult = { agencyId: unit.agencyId, examined: 0, dueSoon: 0, overdue: 0, lapsed: 0, unconfirmed: 0, conflicts: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    // Open cases due on or before `soon`, in deadline order: unconfirmed submissions first, paused
    // ones by their consultation window's end, those without either last (keys.ts worklistDate).
    const page = await queryWorklist(db, { agencyId: unit.agencyId, which: 'open', dueOnOrBefore: soon, limit: 100, startKey });
    for (const record of page.items) {
      const s = record.state;
      counts.examined++;
      const payload = sweepEventFor(s, today, soon, calendar);
      if (payload === undefined) continue;
      const event = { ...payload, seq: record.version + 1, actor: SYSTEM, recordedAt: unit.runAt, effectiveDate: today } as CaseEvent;
      const state = applyEvent(s, event, calendar);
      try {
        // The worklist row holds no applicant: the case item is written whole, so read it whole first.
        const full = await getCase(db, record.id);
        if (!full || full.version !== record.version) throw new VersionConflictError(full?.version ?? record.version);
        await appendEvents(db, full, { ...full, state, version: state.version, updatedAt: unit.runAt }, [event]);
        if (payload.type === 'consultation_lapsed') counts.lapsed++;
        else if (payload.type === 'receipt_flag') counts.unconfirmed++;
        else if (payload.flag === 'overdue') counts.overdue++;
        else counts.dueSoon++;
      } catch (error) {
        // An officer acted on the case meanwhile: the next run looks at it again.
        if (error instanceof VersionConflictError) counts.conflicts++;
        else throw error;
      }
    }
    startKey = page.lastKey;
  } while (startKey);
  return counts;
}

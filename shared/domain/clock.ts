/**
 * The deadline clock (docs/domain.md §4), pure and fast: a handful of index look-ups per deadline,
 * never a day-by-day loop.
 *
 * - The reply period is N working days (2008 Regulation Art. 24 ¶2: 15; 2019 Regulation Art. 33 ¶1: 20).
 * - Counting: the start day is not counted (期间开始的日不计算在期间内, 民法典 Art. 201); the deadline is the
 *   N-th counted working day strictly after the clock start, so it never falls on a holiday.
 * - Clock start: the receipt date (2019 Regulation Art. 31); after a correction (2019 Art. 30) the day
 *   the corrected application arrives, and the count restarts from zero. While the correction is
 *   awaited the clock is stopped and there is no deadline.
 * - Excluded time: the working days d with start < d <= end of a consultation are not counted
 *   (2019 Art. 33 ¶2 with Art. 32 / 34; 2008 Art. 24 ¶3, third parties only); an open consultation
 *   pauses the clock ("paused since …, N working days left").
 * - Extension: adds its days to N (once, ≤ the regime's maximum: enforced by the lifecycle).
 */
import { addDays, addMonths, toDayNumber } from '../calendar/civil-date.js';
import type { DateAnswer, WorkingCalendar } from '../calendar/working-calendar.js';
import type { ConsultationParty, RegimeRules } from './regime.js';
import { REGIMES } from './regime.js';
import type { CivilDate, Regime } from './types.js';

/** What a stretch of time not counted is for: a consultation (Art. 32 / 34) or a fee awaiting payment (policy P13). */
export type ExclusionParty = ConsultationParty | 'fee';

/**
 * Policy P13 (docs/domain.md "Policies"): the time from a fee notice to its payment or waiver is not counted
 * in the reply period (2019 Regulation Art. 42; 国办函〔2020〕109号).
 */
export const FEE_EXCLUSION_CITATION =
  'Policy P13 (docs/domain.md "Policies"; 2019 Regulation Art. 42, 国办函〔2020〕109号): the time from the fee notice (收费通知) to payment or waiver is not counted';

/** Art. 35: the rule of the days between the Art. 33 deadline and the reasonable later date. */
export const ART35_PERIOD_CITATION =
  '2019 Regulation (国务院令第711号) Art. 35: the reasons were found reasonable but the reply cannot be given within the Art. 33 period; a reasonable later date was set and the applicant told (确定延迟答复的合理期限并告知申请人)';

/** Why a stretch is not counted under `rules`, or null when it is counted (fees exist only under the 2019 Regulation). */
export function exclusionRule(rules: RegimeRules, party: ExclusionParty): string | null {
  if (party === 'fee') return rules.regime === '2019' ? FEE_EXCLUSION_CITATION : null;
  return rules.excludedConsultations[party];
}

/** A consultation or a fee stretch as the clock sees it: what it is (decides whether it is excluded) and when. */
export interface ClockExclusion {
  party: ExclusionParty;
  start: CivilDate;
  /** null or absent while the consultation is open. */
  end?: CivilDate | null;
  /**
   * The last day of the consulted party's window (Art. 32 / 34: 15 working days from receiving the letter).
   * A consultation ended later is excluded only up to this day.
   */
  windowEnd?: CivilDate | null;
  /** The day the party received the letter (default: `start`); explained, not counted with. */
  letterReceivedOn?: CivilDate | null;
}

/**
 * The last excluded day of a consultation: its end, but never past its window (Art. 32 / 34); null while
 * open. docs/domain.md "Policies": the excluded stretch is (start, end].
 */
export function exclusionEnd(exclusion: ClockExclusion): CivilDate | null {
  if (exclusion.end == null) return null;
  if (exclusion.windowEnd != null && exclusion.windowEnd < exclusion.end) {
    return exclusion.windowEnd < exclusion.start ? exclusion.start : exclusion.windowEnd;
  }
  return exclusion.end;
}

export interface ClockInput {
  regime: Regime;
  receivedDate: CivilDate;
  /** A correction notice (2019 only): awaited while `receivedOn` is absent, then the clock restarts. */
  correction?: { requestedOn: CivilDate; receivedOn?: CivilDate | null } | null;
  /** Consultations in date order, none overlapping, an open one last. */
  exclusions?: readonly ClockExclusion[];
  /** The approved extension in working days (0: none). */
  extensionDays?: number;
  /** Art. 35: the reasonable later reply date set when the reply cannot be given in the Art. 33 period. */
  reasonablePeriodUntil?: CivilDate | null;
  /** Art. 31(2): a plain letter's day of arrival (explained; the count runs from `receivedDate`, its confirmation). */
  letterArrivedOn?: CivilDate | null;
}

export interface Deadline {
  regime: Regime;
  /** The day the count runs from (not itself counted); null while a correction is awaited. */
  clockStart: CivilDate | null;
  /** True when the clock restarted from zero on the arrival of the corrected application. */
  restarted: boolean;
  /** True while the correction is awaited: the clock is stopped and there is no deadline. */
  awaitingCorrection: boolean;
  /** The regime's reply period N. */
  workingDays: number;
  extensionDays: number;
  /** The N+extension-th counted working day; null while stopped, or paused before reaching it. */
  dueDate: CivilDate | null;
  /** The N-th counted working day (the deadline before the extension). */
  originalDueDate: CivilDate | null;
  /** Art. 35: the deadline of the Art. 33 period (with any extension) that the reasonable period replaced; absent when none did. */
  replacedDueDate?: CivilDate;
  provisional: boolean;
  provisionalReason: string | null;
  /** True while an excluded consultation is open. */
  paused: boolean;
  pausedSince: CivilDate | null;
  /** While paused: the working days still to count once the consultation ends (0 if the deadline had passed). */
  workingDaysLeft: number | null;
}

// The walk's second result, kept in module scope to spare an allocation per deadline.
let walkPausedAt = 0;
let walkLeft = 0;

/**
 * The day number of the `total`-th counted working day after `start`, skipping the excluded stretches;
 * NaN when an open consultation starts before it is reached (then walkPausedAt / walkLeft are set).
 */
function walk(
  calendar: WorkingCalendar,
  rules: RegimeRules,
  start: number,
  total: number,
  exclusions: readonly ClockExclusion[],
): number {
  let cursor = start;
  let cursorCount = calendar.cumulativeAt(cursor);
  let remaining = total;
  let previousEnd = -Infinity;
  for (let i = 0; i < exclusions.length; i += 1) {
    const exclusion = exclusions[i] as ClockExclusion;
    const from = toDayNumber(exclusion.start);
    const last = exclusionEnd(exclusion);
    const to = last === null ? Infinity : toDayNumber(last);
    if (from < previousEnd || to < from || (to === Infinity && i !== exclusions.length - 1)) {
      throw new RangeError(
        'Consultations must be in date order, not overlapping, each ending on or after its start, an open one last.',
      );
    }
    previousEnd = to;
    if (exclusionRule(rules, exclusion.party) === null || to <= cursor) continue;
    const stretchStart = from > cursor ? from : cursor;
    const startCount = calendar.cumulativeAt(stretchStart);
    const available = startCount - cursorCount;
    if (available >= remaining) return calendar.workingDayAt(cursorCount + remaining);
    remaining -= available;
    if (to === Infinity) {
      walkPausedAt = stretchStart;
      walkLeft = remaining;
      return Number.NaN;
    }
    cursor = to;
    cursorCount = calendar.cumulativeAt(cursor);
  }
  return calendar.workingDayAt(cursorCount + remaining);
}

const NO_EXCLUSIONS: readonly ClockExclusion[] = [];

/**
 * The deadline of a case. Pure; O(number of consultations).
 * @throws RangeError on inconsistent input (a correction under the 2008 regime, an extension out of range,
 *   consultations out of order): the lifecycle never produces such input.
 */
export function computeDeadline(input: ClockInput, calendar: WorkingCalendar): Deadline {
  const rules = REGIMES[input.regime];
  const extensionDays = input.extensionDays ?? 0;
  if (!Number.isInteger(extensionDays) || extensionDays < 0 || extensionDays > rules.maxExtensionDays) {
    throw new RangeError(`An extension is 0–${String(rules.maxExtensionDays)} working days under ${rules.regulation}.`);
  }
  const correction = input.correction;
  if (correction && rules.correction === null) {
    throw new RangeError(`${rules.regulation} has no correction notice (补正告知).`);
  }
  const exclusions = input.exclusions ?? NO_EXCLUSIONS;
  let open: ClockExclusion | undefined;
  const lastExclusion = exclusions[exclusions.length - 1];
  if (lastExclusion !== undefined && lastExclusion.end == null && exclusionRule(rules, lastExclusion.party) !== null) {
    open = lastExclusion;
  }

  if (correction && correction.receivedOn == null) {
    return {
      regime: input.regime,
      clockStart: null,
      restarted: false,
      awaitingCorrection: true,
      workingDays: rules.replyWorkingDays,
      extensionDays,
      dueDate: null,
      originalDueDate: null,
      provisional: false,
      provisionalReason: null,
      paused: false,
      pausedSince: null,
      workingDaysLeft: null,
    };
  }

  const clockStart = correction?.receivedOn ?? input.receivedDate;
  const start = toDayNumber(clockStart);
  const total = rules.replyWorkingDays + extensionDays;
  const due = walk(calendar, rules, start, total, exclusions);
  const pausedAt = walkPausedAt;
  const left = walkLeft;
  const original = extensionDays === 0 ? due : walk(calendar, rules, start, rules.replyWorkingDays, exclusions);

  let lastTouched = Number.isNaN(due) ? pausedAt : due;
  if (!Number.isNaN(original) && original > lastTouched) lastTouched = original;
  if (!Number.isNaN(due) && input.reasonablePeriodUntil != null && toDayNumber(input.reasonablePeriodUntil) > lastTouched) {
    lastTouched = toDayNumber(input.reasonablePeriodUntil);
  }
  const reason = calendar.provisionalReason(start + 1, lastTouched);
  const walkedDueDate = Number.isNaN(due) ? null : calendar.dateOf(due);
  // Art. 35: a reasonable later date replaces the deadline when it is later (it never shortens it).
  const until = input.reasonablePeriodUntil ?? null;
  const dueDate = walkedDueDate !== null && until !== null && until > walkedDueDate ? until : walkedDueDate;

  return {
    regime: input.regime,
    clockStart,
    restarted: correction != null,
    awaitingCorrection: false,
    workingDays: rules.replyWorkingDays,
    extensionDays,
    dueDate,
    originalDueDate: original === due ? walkedDueDate : Number.isNaN(original) ? null : calendar.dateOf(original),
    ...(dueDate !== walkedDueDate && walkedDueDate !== null ? { replacedDueDate: walkedDueDate } : {}),
    provisional: reason !== null,
    provisionalReason: reason,
    paused: open !== undefined,
    pausedSince: open === undefined ? null : open.start,
    workingDaysLeft: open === undefined ? null : Number.isNaN(due) ? left : 0,
  };
}

export type Timing = 'on_time' | 'extended' | 'overdue';

/**
 * docs/domain.md §4 "Outcome timing": closed on or before the original deadline: on time (按时); after it but
 * within the extended deadline: extended (延期); after the final deadline: overdue (超期).
 * Without an extension pass the same date twice.
 */
export function classifyTiming(closedDate: CivilDate, originalDueDate: CivilDate, finalDueDate: CivilDate): Timing {
  if (closedDate <= originalDueDate) return 'on_time';
  if (closedDate <= finalDueDate) return 'extended';
  return 'overdue';
}

export type CalendarPeriod = { days: number } | { months: number };

/** 行政复议法 (2023) Art. 20 ¶1: 60 days from knowing of the act to apply for reconsideration (行政复议). */
export const RECONSIDERATION_PERIOD = {
  days: 60,
  citation: '行政复议法 Art. 20 ¶1: 60 days to apply for administrative reconsideration (行政复议)',
} as const;
/** 行政诉讼法 Art. 46 ¶1: 6 months from knowing of the act to sue (行政诉讼). */
export const LAWSUIT_PERIOD = {
  months: 6,
  citation: '行政诉讼法 Art. 46 ¶1: 6 months to bring an administrative lawsuit (行政诉讼)',
} as const;

export interface RemedyPeriodEnd extends DateAnswer {
  /** The last day before the holiday rule (the `days`-th day, or the corresponding day `months` later). */
  nominalDate: CivilDate;
}

/**
 * The last day of a calendar-day period stated in a reply (docs/domain.md §4): the day of the reply is not
 * counted (民法典 Art. 201), a period of months ends on the corresponding day or the month's last day
 * (Art. 202), and a period whose last day is a day off (a holiday or an ordinary weekend) ends on the next
 * working day (Art. 203: 以法定休假日结束的次日为期间的最后一日). Provisional if that needed an unloaded year.
 */
export function remedyPeriodEnd(replyDate: CivilDate, period: CalendarPeriod, calendar: WorkingCalendar): RemedyPeriodEnd {
  const amount = 'days' in period ? period.days : period.months;
  if (!Number.isInteger(amount) || amount < 1) {
    throw new RangeError(`A remedy period is a positive whole number of days or months, not ${String(amount)}.`);
  }
  const nominalDate = 'days' in period ? addDays(replyDate, period.days) : addMonths(replyDate, period.months);
  const end = calendar.firstWorkingDayOnOrAfter(nominalDate);
  return { ...end, nominalDate };
}

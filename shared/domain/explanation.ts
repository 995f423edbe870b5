/**
 * Every deadline explained (docs/domain.md §4: "the case shows each counted/excluded stretch and the
 * rule behind it"). Plain JSON data, shown to officers and, in the public status view, to the applicant:
 * it holds dates, counts and citations only, never a name (a consulted third party is "a third party").
 */
import { addDays, dayOfWeekOfDayNumber, fromDayNumber, toDayNumber } from '../calendar/civil-date.js';
import type { DayKind, WorkingCalendar } from '../calendar/working-calendar.js';
import type { ClockInput, Deadline } from './clock.js';
import { ART35_PERIOD_CITATION, computeDeadline, exclusionEnd, exclusionRule, FEE_EXCLUSION_CITATION } from './clock.js';
import { REGIMES } from './regime.js';
import type { CivilDate, Regime } from './types.js';

/** 民法典 Art. 201, as docs/domain.md §4 states it. */
export const COUNTING_RULE =
  'The start day is not counted (期间开始的日不计算在期间内, 民法典 Art. 201): the deadline is the N-th counted working day strictly after the clock start, so it never falls on a holiday.';

export type StretchKind = 'counted' | 'extension' | 'excluded' | 'paused' | 'restart' | 'awaiting_correction';

/** A run of days (both ends included) treated alike by the clock, with the rule behind it. */
export interface Stretch {
  kind: StretchKind;
  from: CivilDate;
  /** null while open (a consultation in progress, a correction awaited). */
  to: CivilDate | null;
  /** The working days in the stretch; null while open. */
  workingDays: number | null;
  rule: string;
}

export interface DeadlineExplanation {
  regime: Regime;
  regulation: string;
  receivedDate: CivilDate;
  clockStart: CivilDate | null;
  workingDays: number;
  extensionDays: number;
  dueDate: CivilDate | null;
  originalDueDate: CivilDate | null;
  provisional: boolean;
  provisionalReason: string | null;
  paused: boolean;
  pausedSince: CivilDate | null;
  workingDaysLeft: number | null;
  awaitingCorrection: boolean;
  /** One sentence in English for the case view. */
  summary: string;
  counting: string;
  /** In date order, covering every day from the day after receipt to the due date (or to the open stretch). */
  stretches: Stretch[];
  /** The calendar data the count relied on: each loaded year's source (the notice). */
  calendarSources: { year: number; sources: string[] }[];
  /**
   * What the officer and the applicant should know about this count, in Chinese and English: a late
   * correction notice and its restart, each consultation's 15-working-day window and whether it ran out.
   */
  notes: { zh: string; en: string }[];
}

/** Whether a stretch is the time from a fee notice to payment (policy P13) rather than a consultation. */
export function isFeeStretch(stretch: Pick<Stretch, 'rule'>): boolean {
  return stretch.rule === FEE_EXCLUSION_CITATION;
}

/** The open stretch that pauses the clock is a fee awaiting payment. */
export function pausedByFee(stretches: readonly Stretch[]): boolean {
  const last = stretches[stretches.length - 1];
  return last !== undefined && last.kind === 'paused' && isFeeStretch(last);
}

/** What the excluded stretches were: consultation, fee payment (policy P13), or both. */
export function excludedKind(stretches: readonly Stretch[]): 'consultation' | 'fee' | 'both' {
  const fee = stretches.some((s) => s.kind === 'excluded' && isFeeStretch(s));
  const consultation = stretches.some((s) => s.kind === 'excluded' && !isFeeStretch(s));
  return fee ? (consultation ? 'both' : 'fee') : 'consultation';
}

const EXCLUDED_WHAT = { consultation: 'consultation', fee: 'fee payment', both: 'consultation and fee payment' } as const;

function summarize(d: Deadline, receivedDate: CivilDate, stretches: readonly Stretch[]): string {
  const rules = REGIMES[d.regime];
  const law = `${rules.regulation} ${rules.replyArticle}`;
  const total = d.workingDays + d.extensionDays;
  if (d.awaitingCorrection) {
    return `Clock stopped: a correction (补正) is awaited; ${String(total)} working days will run from the day the corrected application arrives (${rules.correction?.citation ?? law}).`;
  }
  const start = d.restarted
    ? `the arrival of the corrected application on ${d.clockStart ?? ''} (the clock restarted from zero)`
    : `receipt on ${receivedDate}`;
  const excluded = stretches.reduce((sum, s) => sum + (s.kind === 'excluded' ? (s.workingDays ?? 0) : 0), 0);
  const what = EXCLUDED_WHAT[excludedKind(stretches)];
  const notCounted = excluded > 0 ? `, not counting ${String(excluded)} working day${excluded === 1 ? '' : 's'} of ${what}` : '';
  const guess = d.provisional ? ` Provisional: ${d.provisionalReason ?? ''}.` : '';
  if (d.dueDate === null) {
    const why = pausedByFee(stretches) ? 'fee notice awaiting payment' : 'consultation';
    return `Paused since ${d.pausedSince ?? ''} (${why}): ${String(d.workingDaysLeft ?? 0)} of ${String(total)} working days left, counted from ${start}${notCounted} (${law}).${guess}`;
  }
  const period =
    d.extensionDays > 0
      ? `${String(d.workingDays)} + ${String(d.extensionDays)} (extension) working days`
      : `${String(d.workingDays)} working days`;
  const pause = d.paused ? ` A consultation opened on ${d.pausedSince ?? ''}, after the deadline.` : '';
  if (d.replacedDueDate !== undefined) {
    return `Due ${d.dueDate}: a reasonable later date set under Art. 35; the ${period} after ${start}${notCounted} ended on ${d.replacedDueDate} (${law}).${pause}${guess}`;
  }
  return `Due ${d.dueDate}: ${period} after ${start}${notCounted} (${law}).${pause}${guess}`;
}

/**
 * The stretches of a deadline. `deadline` may be passed when already computed for the same input.
 */
export function explainDeadline(
  input: ClockInput,
  calendar: WorkingCalendar,
  deadline: Deadline = computeDeadline(input, calendar),
): DeadlineExplanation {
  const rules = REGIMES[input.regime];
  const stretches: Stretch[] = [];
  const received = toDayNumber(input.receivedDate);
  const counted = (from: number, to: number): number => calendar.cumulativeAt(to) - calendar.cumulativeAt(from);
  const push = (kind: StretchKind, after: number, last: number | null, rule: string): void => {
    stretches.push({
      kind,
      from: fromDayNumber(after + 1),
      to: last === null ? null : fromDayNumber(last),
      workingDays: last === null ? null : counted(after, last),
      rule,
    });
  };

  let lastDay = received;
  if (deadline.awaitingCorrection) {
    push('awaiting_correction', received, null, rules.correction?.citation ?? rules.regulation);
  } else {
    const start = toDayNumber(deadline.clockStart as CivilDate);
    if (deadline.restarted && start > received) {
      push('restart', received, start, rules.correction?.citation ?? rules.regulation);
    }
    const due = deadline.dueDate === null ? null : toDayNumber(deadline.dueDate);
    const original = deadline.originalDueDate === null ? null : toDayNumber(deadline.originalDueDate);
    // While paused before the deadline is reached there is no end: the open consultation closes the list.
    const end = due ?? Number.POSITIVE_INFINITY;
    // Counted days (from, to]: before the original deadline under the reply rule, after it under the extension.
    const pushCounted = (from: number, to: number): void => {
      if (to <= from) return;
      if (deadline.extensionDays > 0 && original !== null && to > original) {
        if (from < original) push('counted', from, original, rules.replyCitation);
        push('extension', Math.max(from, original), to, rules.extensionCitation);
      } else {
        push('counted', from, to, rules.replyCitation);
      }
    };
    let cursor = start;
    for (const exclusion of input.exclusions ?? []) {
      const rule = exclusionRule(rules, exclusion.party);
      const from = toDayNumber(exclusion.start);
      const last = exclusionEnd(exclusion);
      const to = last === null ? null : toDayNumber(last);
      if (rule === null || (to !== null && to <= cursor)) continue;
      const stretchStart = Math.max(from, cursor);
      if (stretchStart >= end) break;
      pushCounted(cursor, stretchStart);
      cursor = stretchStart;
      if (to === null) {
        push('paused', stretchStart, null, rule);
        break;
      }
      push('excluded', stretchStart, to, rule);
      cursor = to;
    }
    const replaced = deadline.replacedDueDate === undefined ? null : toDayNumber(deadline.replacedDueDate);
    if (due !== null && replaced !== null) {
      pushCounted(cursor, replaced);
      push('extension', replaced, due, ART35_PERIOD_CITATION);
    } else if (due !== null) {
      pushCounted(cursor, due);
    }
    lastDay = due ?? cursor;
  }

  const calendarSources: { year: number; sources: string[] }[] = [];
  const firstYear = Number(input.receivedDate.slice(0, 4));
  const lastYear = Number(fromDayNumber(lastDay).slice(0, 4));
  for (let year = firstYear; year <= lastYear; year += 1) {
    const sources = calendar.sourcesOf(year);
    if (sources.length > 0) calendarSources.push({ year, sources: [...sources] });
  }

  const notes: { zh: string; en: string }[] = [];
  if (input.letterArrivedOn != null) {
    notes.push({
      zh: `平常信函于 ${input.letterArrivedOn} 到达,于 ${input.receivedDate} 与申请人确认;确认之日为收到申请之日(《政府信息公开条例》第三十一条第(二)项),答复期限自该日起算。`,
      en: `The plain letter arrived on ${input.letterArrivedOn} and was confirmed with the applicant on ${input.receivedDate}; the day of confirmation is the day of receipt (2019 Regulation Art. 31(2)), from which the reply period runs.`,
    });
  }
  const correction = input.correction;
  if (correction && rules.correction !== null) {
    const noticeDeadline = calendar.nthWorkingDayAfter(input.receivedDate, rules.correction.noticeWithinWorkingDays).date;
    if (correction.requestedOn > noticeDeadline) {
      notes.push({
        zh: `补正告知于 ${correction.requestedOn} 作出,晚于收到申请后7个工作日的期限(${noticeDeadline},《政府信息公开条例》第三十条),已标记为逾期告知;因其在答复期限届满前作出,答复期限仍按第三十条自收到补正申请之日起重新计算。`,
        en: `The correction notice was given on ${correction.requestedOn}, after the 7 working days from receipt that Art. 30 allows (${noticeDeadline}); it is flagged as late. Given before the reply deadline, it still restarts the reply period from the day the corrected application arrives, as Art. 30 provides.`,
      });
    }
  }
  for (const exclusion of input.exclusions ?? []) {
    if (exclusion.party === 'fee' || rules.excludedConsultations[exclusion.party] === null || exclusion.windowEnd == null) continue;
    const letter = exclusion.letterReceivedOn ?? exclusion.start;
    const who = exclusion.party === 'third_party' ? { zh: '第三方', en: 'the third party', art: '32' } : { zh: '被征求意见的机关', en: 'the agency consulted', art: '34' };
    const silence =
      exclusion.party === 'third_party'
        ? { zh: '逾期未提出意见的,由本机关依法决定', en: 'without an answer the agency decides alone' }
        : { zh: '逾期未答复的,视为同意公开', en: 'silence counts as consent' };
    const lapsed = exclusion.end != null && exclusion.end >= exclusion.windowEnd;
    notes.push({
      zh: `征求意见函于 ${exclusion.start} 发出,${who.zh}收到日期为 ${letter}(未记录收到日期的,按发出日计算)。${who.zh}应在收到之日起15个工作日内(至 ${exclusion.windowEnd})提出意见,${silence.zh}(第${who.art === '32' ? '三十二' : '三十四'}条);不计算的期间至迟于 ${exclusion.windowEnd} 结束${lapsed ? ',已届满,答复期限恢复计算' : ''}。`,
      en: `The consultation letter was sent on ${exclusion.start} and received on ${letter} (when no receipt is recorded, the day it was sent). ${who.en.charAt(0).toUpperCase()}${who.en.slice(1)} has 15 working days from receiving it (until ${exclusion.windowEnd}); ${silence.en} (Art. ${who.art}). The time not counted ends on ${exclusion.windowEnd} at the latest${lapsed ? ': the window has closed and the reply period runs again' : ''}.`,
    });
  }

  return {
    regime: input.regime,
    regulation: rules.regulation,
    receivedDate: input.receivedDate,
    clockStart: deadline.clockStart,
    workingDays: deadline.workingDays,
    extensionDays: deadline.extensionDays,
    dueDate: deadline.dueDate,
    originalDueDate: deadline.originalDueDate,
    provisional: deadline.provisional,
    provisionalReason: deadline.provisionalReason,
    paused: deadline.paused,
    pausedSince: deadline.pausedSince,
    workingDaysLeft: deadline.workingDaysLeft,
    awaitingCorrection: deadline.awaitingCorrection,
    summary: summarize(deadline, input.receivedDate, stretches),
    counting: COUNTING_RULE,
    stretches,
    calendarSources,
    notes,
  };
}

/** What the clock made of one day. */
export type DayRole =
  /** The clock start: not counted (民法典 Art. 201). */
  | 'clock_start'
  /** A working day counted toward the reply period, #count. */
  | 'counted'
  /** A working day counted toward the extension, #count (beyond N). */
  | 'extension'
  /** A weekend day or a holiday: not a working day. */
  | 'not_working'
  /** Inside a closed consultation: not counted. */
  | 'excluded'
  /** Inside an open consultation: not counted (yet). */
  | 'paused';

export interface DayExplanation {
  date: CivilDate;
  dayOfWeek: number;
  kind: DayKind;
  /** The holiday's name, or the holiday a make-up working day (调休上班日) makes up for. */
  name?: string;
  role: DayRole;
  /** For counted and extension days: this day's number in the count (1 = the first counted working day). */
  count?: number;
  /** True when the day lies in a year whose calendar is not loaded: Monday–Friday was assumed. */
  guess: boolean;
}

/** Longest listing explainDayByDay gives (ten years), a guard against a runaway `until`. */
const MAX_DAYS = 3660;

/**
 * Every date from the clock start to the due date with what it is and what the clock made of it. While
 * the clock is paused (or stopped) there is no due date: the listing ends at `until` (e.g. today), or at
 * the pause's start without it. While a correction is awaited the listing is empty (no clock runs).
 */
export function explainDayByDay(
  input: ClockInput,
  calendar: WorkingCalendar,
  options: { until?: CivilDate } = {},
  deadline: Deadline = computeDeadline(input, calendar),
): DayExplanation[] {
  if (deadline.clockStart === null) return [];
  const start = toDayNumber(deadline.clockStart);
  const end = toDayNumber(deadline.dueDate ?? options.until ?? deadline.pausedSince ?? deadline.clockStart);
  if (end - start > MAX_DAYS) {
    throw new RangeError(`A day-by-day listing is limited to ${String(MAX_DAYS)} days.`);
  }
  const rules = REGIMES[input.regime];
  const excluded: { from: number; to: number }[] = [];
  for (const exclusion of input.exclusions ?? []) {
    if (exclusionRule(rules, exclusion.party) === null) continue;
    excluded.push({
      from: toDayNumber(exclusion.start),
      to: exclusionEnd(exclusion) === null ? Number.POSITIVE_INFINITY : toDayNumber(exclusionEnd(exclusion) as CivilDate),
    });
  }
  const days: DayExplanation[] = [];
  let count = 0;
  let date = deadline.clockStart;
  for (let day = start; day <= end; day += 1, date = addDays(date, 1)) {
    const info = calendar.kind(date);
    const entry: DayExplanation = { date, dayOfWeek: dayOfWeekOfDayNumber(day), kind: info.kind, role: 'not_working', guess: info.provisional };
    if (info.name !== undefined) entry.name = info.name;
    const inside = excluded.find((stretch) => day > stretch.from && day <= stretch.to);
    if (day === start) {
      entry.role = 'clock_start';
    } else if (inside !== undefined) {
      entry.role = inside.to === Number.POSITIVE_INFINITY ? 'paused' : 'excluded';
    } else if (info.working) {
      count += 1;
      entry.count = count;
      entry.role = count > deadline.workingDays ? 'extension' : 'counted';
    }
    days.push(entry);
  }
  return days;
}

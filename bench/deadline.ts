/**
 * Deadline computations per second on one core (docs/architecture.md budget: ≥ 1M a second, from a precomputed
 * working-day index, not a day loop), against a naive day loop measured in the same run on the same inputs:
 * random receipt dates 2005–2026, 20 working days (2019 Regulation Art. 33), with no consultation and with
 * two (excluded, Art. 33 ¶2). The naive loop is a fair one: day numbers and Set look-ups, the same date
 * parsing and formatting; it differs only in walking day by day. Both must agree on every input.
 *
 * Run alone: npx tsx -e "import('./bench/deadline.ts').then(async (m) => console.log((await m.benchDeadline()).join('\n')))"
 */
import type { CalendarYear } from '../shared/calendar/calendar-year.js';
import { dayOfWeekOfDayNumber, fromDayNumber, toDayNumber } from '../shared/calendar/civil-date.js';
import { seedCalendarYears } from '../shared/calendar/seed.js';
import { WorkingCalendar } from '../shared/calendar/working-calendar.js';
import type { ClockInput } from '../shared/domain/clock.js';
import { computeDeadline } from '../shared/domain/clock.js';
// The same deterministic PRNG as the demo data, so every run measures the same inputs.
import { seededRandom } from '../infra/local/demo-cases.js';

const INPUTS = 100_000;
const ROUNDS = 7;
const WORKING_DAYS = 20;


function makeInputs(consultations: number): ClockInput[] {
  const next = seededRandom(20_260_101 + consultations);
  const first = toDayNumber('2005-01-01');
  const span = toDayNumber('2026-12-31') - first + 1;
  const inputs: ClockInput[] = [];
  for (let i = 0; i < INPUTS; i += 1) {
    const received = first + Math.floor(next() * span);
    const exclusions: NonNullable<ClockInput['exclusions']>[number][] = [];
    let cursor = received;
    for (let k = 0; k < consultations; k += 1) {
      const start = cursor + 1 + Math.floor(next() * 8);
      const end = start + 1 + Math.floor(next() * 15);
      exclusions.push({ party: k % 2 === 0 ? 'third_party' : 'other_agency', start: fromDayNumber(start), end: fromDayNumber(end) });
      cursor = end;
    }
    inputs.push({ regime: '2019', receivedDate: fromDayNumber(received), exclusions });
  }
  return inputs;
}

/** The baseline: walk day by day from the receipt, skipping consultation days, counting working days. */
function naiveCalendar(years: readonly CalendarYear[]): (input: ClockInput) => string {
  const off = new Set<number>();
  const worked = new Set<number>();
  for (const y of years) {
    for (const d of y.holidays) off.add(toDayNumber(d.date));
    for (const d of y.workdays) worked.add(toDayNumber(d.date));
  }
  const isWorking = (day: number): boolean => {
    if (off.has(day)) return false;
    if (worked.has(day)) return true;
    const weekday = dayOfWeekOfDayNumber(day);
    return weekday !== 0 && weekday !== 6;
  };
  return (input) => {
    const exclusions = input.exclusions ?? [];
    const from = exclusions.map((e) => toDayNumber(e.start));
    const to = exclusions.map((e) => (e.end == null ? Number.POSITIVE_INFINITY : toDayNumber(e.end)));
    let day = toDayNumber(input.receivedDate);
    for (let counted = 0; counted < WORKING_DAYS; ) {
      day += 1;
      let excluded = false;
      for (let k = 0; k < from.length; k += 1) {
        if (day > (from[k] as number) && day <= (to[k] as number)) excluded = true;
      }
      if (!excluded && isWorking(day)) counted += 1;
    }
    return fromDayNumber(day);
  };
}

/** Best of ROUNDS: computations per second. */
function measure(inputs: readonly ClockInput[], compute: (input: ClockInput) => string): number {
  let best = 0;
  let sink = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    for (let i = 0; i < inputs.length; i += 1) sink += compute(inputs[i] as ClockInput).length;
    const seconds = (performance.now() - start) / 1000;
    best = Math.max(best, inputs.length / seconds);
  }
  if (sink === 0) throw new Error('nothing computed');
  return best;
}

const perSecond = (n: number): string => `${(n / 1e6).toFixed(2)} M/s`;

export async function benchDeadline(): Promise<string[]> {
  const years: CalendarYear[] = seedCalendarYears();
  const calendar = new WorkingCalendar(years);
  const naive = naiveCalendar(years);
  const indexed = (input: ClockInput): string => computeDeadline(input, calendar).dueDate as string;
  const lines: string[] = [];
  for (const consultations of [0, 2]) {
    const inputs = makeInputs(consultations);
    for (const input of inputs) {
      if (indexed(input) !== naive(input)) throw new Error(`index and day loop disagree on ${JSON.stringify(input)}`);
    }
    const fast = measure(inputs, indexed);
    const slow = measure(inputs, naive);
    lines.push(
      `deadline, ${String(consultations)} consultation${consultations === 1 ? '' : 's'}: ${perSecond(fast)} (budget ≥ 1.00 M/s: ${fast >= 1e6 ? 'met' : 'MISSED'}); ` +
        `naive day loop ${perSecond(slow)}; ratio ${(fast / slow).toFixed(1)}x`,
    );
  }
  return lines;
}

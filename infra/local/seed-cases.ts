/**
 * Plays the demo scenarios of infra/local/demo-cases.ts through the same services the API uses: the public
 * form (submitApplication), an officer's registration (registerCase) and actions (actOnCase, a supervisor
 * for extensions), each with the `now` of the day it happens (10:00 Beijing), so the domain checks every
 * step as it checks an officer's (shared/domain/lifecycle.ts decide). Dates come from each case's own
 * deadline and the working calendar: a reply "on time" falls on a working day on or before the deadline, a
 * late one after it; dates never go backwards, and nothing happens after today — a case whose next step
 * would be in the future stays where it is (still open, appeal still pending).
 */
import { addDays, beijingDate, diffDays } from '../../shared/calendar/civil-date.js';
import type { WorkingCalendar } from '../../shared/calendar/working-calendar.js';
import { OUTCOME_CODES, type OutcomeCode } from '../../shared/domain/outcome-codes.js';
import { RECEIPT_CONFIRMATION_MAX_WORKING_DAYS } from '../../shared/domain/policies.js';
import { REGIMES } from '../../shared/domain/regime.js';
import type { CaseStatus, CivilDate } from '../../shared/domain/types.js';
import { RegisterCaseBody, SubmitApplicationBody, type CaseActionBody } from '../../shared/http/schemas.js';
import { submitApplication } from '../../shared/services/applications.js';
import { actOnCase, caseView, registerCase, type CaseView } from '../../shared/services/cases.js';
import { loadCalendar } from '../../shared/store/calendar.js';
import type { Db } from '../../shared/store/client.js';
import { getCase } from '../../shared/store/cases.js';
import { generateScenarios, type AppealPlan, type CaseScenario, type DemoAgencyWeight } from './demo-cases.js';
import type { Caller } from '../../shared/caller.js';

export interface SeedOptions {
  year: number;
  count: number;
  seed: number;
  agencies: readonly DemoAgencyWeight[];
  /** Nothing happens after this Beijing date (default: today). */
  today?: CivilDate;
  /** Cases played at once (each case's steps are in order). */
  concurrency?: number;
}

export interface SeedSummary {
  created: number;
  /** Scenarios whose arrival is after today: not created. */
  notYetArrived: number;
  actions: number;
  byStatus: Partial<Record<CaseStatus, number>>;
  appealsFiled: number;
  /** Steps not played because their date is after today. */
  stepsAfterToday: number;
}

/** 10:00 in Beijing on `date`: the `now` of an action taking effect that day. */
function tenOClock(date: CivilDate): Date {
  return new Date(`${date}T02:00:00Z`);
}

function callerOf(agencyId: string, role: 'officer' | 'supervisor'): Caller {
  return { sub: `demo-${role}@${agencyId}`, name: role === 'officer' ? '示例办事员' : '示例科长', agencyId, roles: [role] };
}

/** The next step would be after today: the case stays as it is. */
class AfterToday extends Error {}

type Action = Record<string, unknown> & { type: CaseActionBody['type'] };

/** One case being played: its view after each step, its last effective date, the calendar. */
class CasePlayer {
  actions = 0;
  private last: CivilDate;

  constructor(
    private readonly db: Db,
    readonly calendar: WorkingCalendar,
    private readonly today: CivilDate,
    public view: CaseView,
  ) {
    this.last = view.state.lastEffectiveDate ?? view.receivedDate ?? beijingDate(view.createdAt);
  }

  /** The first working day on or after `date`, never before the last step. */
  workday(date: CivilDate): CivilDate {
    return this.calendar.firstWorkingDayOnOrAfter(date < this.last ? this.last : date).date;
  }

  /** The `n`-th working day after `date`, never before the last step. */
  workingDaysAfter(date: CivilDate, n: number): CivilDate {
    return this.workday(this.calendar.nthWorkingDayAfter(date, n).date);
  }

  /** A working day `fraction` of the way from the last step to `until` (a working day, e.g. a deadline). */
  between(until: CivilDate, fraction: number): CivilDate {
    const span = Math.max(0, diffDays(this.last, until));
    const day = this.workday(addDays(this.last, Math.floor(span * fraction)));
    return day > until && until >= this.last ? until : day;
  }

  async act(date: CivilDate, action: Action, role: 'officer' | 'supervisor' = 'officer'): Promise<void> {
    if (date > this.today) throw new AfterToday();
    const body = { ...action, date, expectedVersion: this.view.version } as CaseActionBody;
    this.view = await actOnCase(this.db, callerOf(this.view.agencyId, role), this.view.id, body, tenOClock(date));
    this.last = date;
    this.actions++;
  }
}

/** Opens the case as it arrives: the public form (confirmed at once or by an officer) or a registration. */
async function arrive(db: Db, calendar: WorkingCalendar, scenario: CaseScenario, year: number, today: CivilDate): Promise<CasePlayer | undefined> {
  const day = addDays(`${year}-01-01`, scenario.arrival.dayOfYear);
  if (scenario.arrival.kind === 'online') {
    const submittedAt = new Date(Date.parse(`${day}T00:00:00+08:00`) + scenario.arrival.minuteOfDay * 60_000);
    if (beijingDate(submittedAt) > today) return undefined;
    const body = SubmitApplicationBody.parse({ agencyId: scenario.agencyId, ...scenario.application });
    const { body: submitted } = await submitApplication(db, body, { now: submittedAt });
    const record = await getCase(db, submitted.id);
    if (!record) throw new Error(`case ${submitted.id} was not stored`);
    return new CasePlayer(db, calendar, today, caseView(record));
  }
  const receivedDate = calendar.firstWorkingDayOnOrAfter(day).date;
  if (receivedDate > today) return undefined;
  const body = RegisterCaseBody.parse({ agencyId: scenario.agencyId, ...scenario.application, channel: scenario.arrival.channel, receivedDate });
  const view = await registerCase(db, callerOf(scenario.agencyId, 'officer'), body, { now: tenOClock(receivedDate) });
  return new CasePlayer(db, calendar, today, view);
}

/** An agency that confirms online receipts by hand (docs/domain.md §3 policy off): the officer confirms a few days later. */
async function confirmReceipt(player: CasePlayer, scenario: CaseScenario): Promise<void> {
  if (player.view.status !== 'submitted' || player.view.state.submittedAt === undefined) return;
  const submittedOn = beijingDate(player.view.state.submittedAt);
  const wanted = player.workday(addDays(submittedOn, scenario.confirmAfterDays));
  // Policy P4 (docs/domain.md "Policies"): at most one working day after the submission's first working day.
  const latest = player.calendar.nthWorkingDayAfter(player.calendar.firstWorkingDayOnOrAfter(submittedOn).date, RECEIPT_CONFIRMATION_MAX_WORKING_DAYS).date;
  const receivedDate = wanted < latest ? wanted : latest;
  await player.act(receivedDate, { type: 'confirm_receipt', receivedDate });
}

/** The correction notice (2019 Regulation Art. 30); true when the case was abandoned (no correction in time). */
async function playCorrection(player: CasePlayer, scenario: CaseScenario): Promise<boolean> {
  const plan = scenario.correction;
  const received = player.view.receivedDate;
  if (plan === undefined || player.view.state.regime !== '2019' || received === null) return false;
  const notice = player.workingDaysAfter(received, plan.noticeAfterWorkingDays);
  const correctionDueDate = addDays(notice, plan.periodDays);
  await player.act(notice, { type: 'request_correction', items: ['请写明所需政府信息的名称、文号或者便于查询的其他特征性描述'], correctionDueDate });
  if (plan.response === 'corrected') {
    await player.act(addDays(notice, plan.respondAfterDays), { type: 'receive_correction' });
    return false;
  }
  await player.act(player.workday(addDays(correctionDueDate, plan.respondAfterDays)), { type: 'close_no_correction' });
  return true;
}

async function playConsultation(player: CasePlayer, scenario: CaseScenario): Promise<void> {
  const plan = scenario.consultation;
  const due = player.view.dueDate;
  if (plan === undefined || due === null) return;
  const start = player.between(due, plan.startFraction);
  await player.act(start, { type: 'start_consultation', party: plan.party, name: plan.name });
  await player.act(player.workday(addDays(start, plan.durationDays)), { type: 'end_consultation', result: plan.result });
}

/** The planned code if the case's regime allows it (a 2019 case cannot be told 告知作出更改补充), else 予以公开. */
function replyCode(view: CaseView, planned: OutcomeCode): OutcomeCode {
  const regime = view.state.regime ?? '2019';
  const allowed = (OUTCOME_CODES[planned].regimes as readonly string[]).includes(regime);
  const needsCorrection = planned === 'unavailable.still_unclear' && view.state.correction?.receivedOn === undefined;
  return allowed && !needsCorrection ? planned : 'disclosed';
}

/** The reply on time, within an extension (approved by a supervisor before the deadline), or late; or a withdrawal. */
async function playClosing(player: CasePlayer, scenario: CaseScenario): Promise<CivilDate | undefined> {
  const closing = scenario.closing;
  const due = player.view.dueDate;
  if (closing.kind === 'stays_open' || due === null) return undefined;
  if (closing.kind === 'withdraw') {
    await player.act(player.between(due, closing.fraction), { type: 'withdraw' });
    return undefined;
  }
  let date: CivilDate;
  if (closing.timing === 'extended') {
    const days = REGIMES[player.view.state.regime ?? '2019'].maxExtensionDays;
    await player.act(player.between(due, 0.7), { type: 'extend', days, reason: '需要调取历史档案并征求相关单位意见' }, 'supervisor');
    const extendedDue = player.view.dueDate ?? due;
    date = player.between(extendedDue, 0.05 + 0.95 * closing.fraction);
    if (date <= due) date = player.workday(addDays(due, 1));
  } else if (closing.timing === 'overdue') {
    date = player.workday(addDays(due, 1 + Math.floor(closing.fraction * 30)));
  } else {
    date = player.between(due, closing.fraction);
  }
  await player.act(date, { type: 'reply', outcome: replyCode(player.view, closing.outcome), replyNumber: `江公复〔${date.slice(0, 4)}〕${scenario.index + 1}号` });
  return date;
}

interface Dated {
  date: CivilDate;
  action: Action;
}

/** The appeals' filings and decisions in date order (a decision after its filing, a suit after the decision it follows). */
function appealSteps(player: CasePlayer, replied: CivilDate, appeals: readonly AppealPlan[]): Dated[] {
  const steps: Dated[] = [];
  const on = (from: CivilDate, days: number) => player.workday(addDays(from, days));
  for (const appeal of appeals) {
    const filed = on(replied, appeal.afterDays);
    if (appeal.kind === 'complaint') {
      steps.push({ date: filed, action: { type: 'file_complaint' } });
      if (appeal.decision) steps.push({ date: on(filed, appeal.decision.afterDays), action: { type: 'decide_complaint', result: appeal.decision.result } });
      continue;
    }
    if (appeal.kind === 'lawsuit') {
      steps.push({ date: filed, action: { type: 'file_lawsuit', afterReconsideration: false } });
      if (appeal.decision) steps.push({ date: on(filed, appeal.decision.afterDays), action: { type: 'decide_lawsuit', result: appeal.decision.result } });
      continue;
    }
    steps.push({ date: filed, action: { type: 'file_reconsideration' } });
    if (!appeal.decision) continue;
    const decided = on(filed, appeal.decision.afterDays);
    steps.push({ date: decided, action: { type: 'decide_reconsideration', result: appeal.decision.result } });
    if (!appeal.lawsuit) continue;
    const sued = on(decided, appeal.lawsuit.afterDays);
    steps.push({ date: sued, action: { type: 'file_lawsuit', afterReconsideration: true } });
    if (appeal.lawsuit.decision) steps.push({ date: on(sued, appeal.lawsuit.decision.afterDays), action: { type: 'decide_lawsuit', result: appeal.lawsuit.decision.result } });
  }
  // Filings before decisions on the same day, so a decision never comes before what it decides.
  const order = (step: Dated) => (String(step.action.type).startsWith('file_') ? 0 : 1);
  return steps.sort((a, b) => (a.date === b.date ? order(a) - order(b) : a.date < b.date ? -1 : 1));
}

async function playScenario(
  db: Db,
  calendar: WorkingCalendar,
  scenario: CaseScenario,
  year: number,
  today: CivilDate,
  summary: SeedSummary,
): Promise<void> {
  const player = await arrive(db, calendar, scenario, year, today);
  if (player === undefined) {
    summary.notYetArrived++;
    return;
  }
  summary.created++;
  try {
    await confirmReceipt(player, scenario);
    if (!(await playCorrection(player, scenario))) {
      await playConsultation(player, scenario);
      const replied = await playClosing(player, scenario);
      if (replied !== undefined) {
        for (const step of appealSteps(player, replied, scenario.appeals)) {
          await player.act(step.date, step.action);
          if (step.action.type.startsWith('file_')) summary.appealsFiled++;
        }
      }
    }
  } catch (error) {
    if (!(error instanceof AfterToday)) throw new Error(`Demo case ${scenario.index} (${player.view.id}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    summary.stepsAfterToday++;
  } finally {
    summary.actions += player.actions;
    summary.byStatus[player.view.status] = (summary.byStatus[player.view.status] ?? 0) + 1;
  }
}

/**
 * Creates `count` demo cases received in `year` (deterministic from `seed`, apart from the case numbers,
 * which are new each time) and plays their history up to today. Throws, naming the scenario, if the domain
 * refuses a step: the generator must only plan what the law allows.
 */
export async function seedCases(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const today = options.today ?? beijingDate(new Date());
  const calendar = await loadCalendar(db, null);
  const scenarios = generateScenarios({ seed: options.seed, year: options.year, count: options.count, agencies: options.agencies });
  const summary: SeedSummary = { created: 0, notYetArrived: 0, actions: 0, byStatus: {}, appealsFiled: 0, stepsAfterToday: 0 };
  let next = 0;
  const worker = async () => {
    while (next < scenarios.length) {
      const scenario = scenarios[next++]!;
      await playScenario(db, calendar, scenario, options.year, today, summary);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return summary;
}

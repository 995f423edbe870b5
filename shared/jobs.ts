/**
 * The scheduled jobs (docs/architecture.md "Stacks": EventBridge schedules for the daily deadline sweep and the
 * year-end statistics). Like the route table, this list is the single source: the stateless stack creates
 * one function, one EventBridge rule with retries, and the dead-letter queue and alarm behind them for each
 * entry, so a new job needs no CDK change.
 *
 * EventBridge cron runs in UTC; civil dates are Beijing time (UTC+8, no DST, docs/domain.md §4). Write
 * `scheduleUtc` in UTC and the same moment in `beijingTime` for people: the year-end statistics at 00:30 on
 * 1 January Beijing time are `{ minute: '30', hour: '16', day: '31', month: '12' }` in UTC: before 08:00 in
 * Beijing it is still the day before in UTC, so day, month and weekday move back too (01:00 Monday to Friday
 * is `weekDay: 'SUN-THU'`). The stack checks at synth that the two name the same time of day.
 *
 * A job is retried after a failure (twice), so it must be idempotent.
 */

/** The fan-out jobs of shared/services/job-runs.ts and their phases, in order (one Distributed Map each). */
export const JOB_PHASES = { 'year-end': ['self', 'subtree'], 'deadline-sweep': ['agencies'] } as const;
export type JobId = keyof typeof JOB_PHASES;

/** EventBridge cron fields, in UTC (the syntax of `cron(...)`: numbers, `*`, `?`, ranges, lists, `L`, `W`, `#`). */
export interface CronUtc {
  minute: string;
  hour: string;
  /** Day of the month; leave unset when `weekDay` is set. */
  day?: string;
  month?: string;
  /** Day of the week (`MON-FRI`, `1-5`); leave unset when `day` is set. */
  weekDay?: string;
}

export interface ScheduledJob {
  /** Stable id: the logical name of the function and its rule. */
  id: string;
  /** The entry file, relative to the repo root (`functions/scheduled/<job>.ts`). */
  entry: string;
  description: string;
  scheduleUtc: CronUtc;
  /** The same moment in Beijing time, starting with `HH:MM` (`00:30 on 1 January`, `01:00 every day`). */
  beijingTime: string;
  /** Least privilege, as for routes: whether the job only reads the table or also writes it. */
  tableAccess: 'read' | 'readwrite';
  /** Whether the job writes report files to the report bucket. */
  needsReportBucket: boolean;
  /** As for routes (shared/http/routes.ts): the job reads or rewrites case items with their sealed fields. */
  applicantFields?: 'read' | 'readwrite';
}

/**
 * Single-function jobs (one Lambda invocation per run). The year-end statistics and the deadline sweep are
 * not here: they fan out (fanOutJobs below). The retention job stays one invocation: it stops two minutes
 * before the Lambda limit and the next day's run goes on where it stopped (shared/services/retention.ts),
 * and only cases closed ten years ago are due, a few a day once the backlog is done.
 */
export const scheduledJobs: ScheduledJob[] = [
  {
    id: 'RetentionAnonymisation',
    entry: 'functions/scheduled/retention.ts',
    description:
      "Removes the applicant's personal data from cases closed longer ago than their agency's retention period (default 10 years), one anonymise event each; the statistics are unchanged",
    // 02:00 Beijing, outside working hours: 18:00 UTC the day before.
    scheduleUtc: { minute: '0', hour: '18' },
    beijingTime: '02:00 every day',
    tableAccess: 'readwrite',
    needsReportBucket: false,
    applicantFields: 'readwrite',
  },
];

/**
 * A job that fans out over units (shared/services/fan-out.ts): a Step Functions state machine plans the
 * run, runs each phase's units in a Distributed Map (each unit one invocation of `unitEntry`, retried by
 * the policy UNIT_RETRY, at most `maxConcurrency` at once), then summarises, naming every failed unit; a
 * run with a failed unit fails, and its alarm fires. EventBridge starts it on the schedule.
 */
export interface FanOutJob {
  /** Stable id: the logical name of the state machine, its functions and its rule. */
  id: string;
  /** The job in shared/services/job-runs.ts (its plan, units and summary). */
  job: JobId;
  description: string;
  scheduleUtc: CronUtc;
  beijingTime: string;
  /** The unit function's entry file and what it may touch. */
  unitEntry: string;
  tableAccess: 'read' | 'readwrite';
  needsReportBucket: boolean;
  /** As for routes: the units read or rewrite case items with their sealed fields. */
  applicantFields?: 'read' | 'readwrite';
  /** Units running at once per phase (Lambda concurrency the job takes from the account's pool). */
  maxConcurrency: number;
  /** A unit's time limit (seconds): its Lambda timeout. */
  unitTimeoutSeconds: number;
  /**
   * Child workflows of the Distributed Map: `EXPRESS` (billed per request and duration, at most 5 minutes,
   * for short units run every day) or `STANDARD` (billed per state transition, no time limit).
   */
  childExecution: 'EXPRESS' | 'STANDARD';
}

export const fanOutJobs: FanOutJob[] = [
  {
    id: 'DeadlineSweep',
    job: 'deadline-sweep',
    description:
      'Flags open cases due within 3 working days (due_soon) and past their deadline (overdue), one event per change, one unit per agency (docs/domain.md §4)',
    // 06:00 Beijing, before the working day starts: 22:00 UTC the day before.
    scheduleUtc: { minute: '0', hour: '22' },
    beijingTime: '06:00 every day',
    unitEntry: 'functions/scheduled/deadline-sweep-unit.ts',
    tableAccess: 'readwrite',
    needsReportBucket: false,
    applicantFields: 'readwrite',
    maxConcurrency: 50,
    unitTimeoutSeconds: 240,
    childExecution: 'EXPRESS',
  },
  {
    id: 'YearEndReports',
    job: 'year-end',
    description:
      "Publishes last year's statistics (docs/domain.md §7): every agency's own report, then every subtree's consolidation, each checked against its identities",
    scheduleUtc: { minute: '30', hour: '16', day: '31', month: '12' },
    beijingTime: '00:30 on 1 January',
    unitEntry: 'functions/scheduled/year-end-unit.ts',
    tableAccess: 'readwrite',
    needsReportBucket: true,
    maxConcurrency: 100,
    unitTimeoutSeconds: 900,
    childExecution: 'STANDARD',
  },
];

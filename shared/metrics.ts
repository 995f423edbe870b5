/**
 * Operational counters as CloudWatch embedded-metric-format (EMF) lines: one JSON line on stdout that
 * CloudWatch Logs turns into a metric, with no API call and no dependency (a few lines instead of
 * Powertools Metrics, whose bundle would count against every function's size budget). The alarms of the
 * stateless stack (infra/constructs/alarms.ts) read these metrics; docs/architecture.md "Logs and metrics"
 * lists them. A line carries the metric and the route or job it came from, never personal data.
 *
 * Format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */

/** The metrics, by name. */
export const METRIC = {
  /** A 409: an officer's action lost to another write on the same case. */
  versionConflicts: 'VersionConflicts',
  /** A 429: query-code look-ups locked out for a client or an application. */
  lockedOut: 'LockedOut',
  /** A 503: the store was unreachable, throttling or colliding; the client was told to retry. */
  unavailable: 'Unavailable',
  /** Deadline flags the daily sweep recorded: due within 3 working days. */
  dueSoonFlags: 'DueSoonFlags',
  /** Deadline flags the daily sweep recorded: past the deadline (a case answered late, by law a breach). */
  overdueFlags: 'OverdueFlags',
  /** Year-end reports the job could not publish. */
  yearEndFailures: 'YearEndFailures',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** The namespace: `METRICS_NAMESPACE` (set per stage by the stack), else `Gongkai`. */
export function metricsNamespace(): string {
  return process.env.METRICS_NAMESPACE || 'Gongkai';
}

/** The EMF document for counts of one or more metrics, without dimensions (one series per metric and stage). */
export function metricLine(counts: Partial<Record<MetricName, number>>, context: Record<string, string> = {}, now = Date.now()): string {
  const names = Object.keys(counts) as MetricName[];
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [{ Namespace: metricsNamespace(), Dimensions: [[]], Metrics: names.map((Name) => ({ Name, Unit: 'Count' })) }],
    },
    ...context,
    ...counts,
  });
}

/** Writes the counts as one EMF line, unless there is none or the logs are off (`LOG_LEVEL=SILENT`). */
export function countMetrics(counts: Partial<Record<MetricName, number>>, context: Record<string, string> = {}): void {
  if (Object.keys(counts).length === 0 || (process.env.LOG_LEVEL ?? '').toUpperCase() === 'SILENT') return;
  process.stdout.write(`${metricLine(counts, context)}\n`);
}

/** The metric an HTTP answer counts towards, if any. */
export function metricOfStatus(status: number): MetricName | undefined {
  if (status === 409) return METRIC.versionConflicts;
  if (status === 429) return METRIC.lockedOut;
  if (status === 503) return METRIC.unavailable;
  return undefined;
}

import { describe, expect, it } from 'vitest';
import { METRIC, metricLine, metricOfStatus } from '../../shared/metrics.js';

describe('embedded-metric-format lines (shared/metrics.ts)', () => {
  it('writes a document CloudWatch turns into count metrics of the namespace, with the values at the top level', () => {
    const line = JSON.parse(metricLine({ [METRIC.versionConflicts]: 1 }, { route: 'PostCaseActions' }, 1_780_000_000_000));
    expect(line).toEqual({
      _aws: {
        Timestamp: 1_780_000_000_000,
        CloudWatchMetrics: [{ Namespace: 'Gongkai', Dimensions: [[]], Metrics: [{ Name: 'VersionConflicts', Unit: 'Count' }] }],
      },
      route: 'PostCaseActions',
      VersionConflicts: 1,
    });
  });

  it('takes the namespace of the stage from METRICS_NAMESPACE', () => {
    const before = process.env.METRICS_NAMESPACE;
    process.env.METRICS_NAMESPACE = 'Gongkai-prod';
    try {
      const line = JSON.parse(metricLine({ [METRIC.dueSoonFlags]: 3, [METRIC.overdueFlags]: 2 }));
      expect(line._aws.CloudWatchMetrics[0].Namespace).toBe('Gongkai-prod');
      expect(line._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).toEqual(['DueSoonFlags', 'OverdueFlags']);
      expect([line.DueSoonFlags, line.OverdueFlags]).toEqual([3, 2]);
    } finally {
      if (before === undefined) delete process.env.METRICS_NAMESPACE;
      else process.env.METRICS_NAMESPACE = before;
    }
  });

  it('counts 409, 429 and 503 answers and nothing else', () => {
    expect([409, 429, 503, 200, 404, 422, 500].map(metricOfStatus)).toEqual([
      'VersionConflicts',
      'LockedOut',
      'Unavailable',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

/** The daily deadline sweep (EventBridge, 06:00 Beijing): flags cases due soon and overdue. */
import { sweepDeadlines } from '../../shared/services/sweep.js';
import { db } from '../../shared/store/client.js';
import { log } from '../../shared/log.js';
import { countMetrics, METRIC } from '../../shared/metrics.js';

export const handler = async (): Promise<void> => {
  const summary = await sweepDeadlines(db(), new Date());
  log.info('deadline sweep', { ...summary });
  countMetrics({ [METRIC.dueSoonFlags]: summary.dueSoon, [METRIC.overdueFlags]: summary.overdue }, { job: 'DeadlineSweep' });
};

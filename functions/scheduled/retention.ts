/** The daily retention job (EventBridge, 02:00 Beijing): anonymises cases past their agency's retention period. */
import { log } from '../../shared/log.js';
import { anonymiseExpiredCases } from '../../shared/services/retention.js';
import { db } from '../../shared/store/client.js';

/** The run stops this long before the function's 15-minute limit; what is left waits for the next day's run. */
const MARGIN_MS = 2 * 60 * 1000;

export const handler = async (_event: unknown, context?: { getRemainingTimeInMillis?: () => number }): Promise<void> => {
  const remaining = context?.getRemainingTimeInMillis?.();
  const summary = await anonymiseExpiredCases(db(), new Date(), remaining === undefined ? {} : { stopAt: Date.now() + remaining - MARGIN_MS });
  log.info('retention', { ...summary });
};

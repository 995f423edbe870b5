/** The daily retention job (EventBridge, 02:00 Beijing): anonymises cases past their agency's retention period. */
import { log } from '../../shared/http/log.js';
import { anonymiseExpiredCases } from '../../shared/services/retention.js';
import { db } from '../../shared/store/client.js';

export const handler = async (): Promise<void> => {
  const summary = await anonymiseExpiredCases(db(), new Date());
  log.info('retention', { ...summary });
};

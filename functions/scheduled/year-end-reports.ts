/**
 * The year-end statistics (EventBridge, 00:30 on 1 January Beijing time = 16:30 UTC on 31 December): last
 * year's reports of every agency and every subtree, checked and published; one summary line; throws after
 * trying them all if any was not published (docs/domain.md §7).
 */
import { db } from '../../shared/store/client.js';
import { reportStorage } from '../../shared/store/report-storage.js';
import { publishYearEndReports } from '../../shared/services/year-end.js';

export const handler = async (): Promise<void> => {
  await publishYearEndReports(db(), reportStorage(), new Date());
};

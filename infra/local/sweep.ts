/** `npm run sweep`: the daily deadline sweep over the local data (npm start's table), once. */
import { sweepDeadlines } from '../../shared/services/sweep.js';
import { createDb, SETUP_DEADLINE_MS } from '../../shared/store/client.js';
import { localDatabase } from './stack.js';

const database = await localDatabase();
try {
  const db = createDb({ endpoint: database.endpoint, tableName: database.tableName, deadlineMs: SETUP_DEADLINE_MS });
  console.log(JSON.stringify(await sweepDeadlines(db, new Date()), null, 2));
} finally {
  await database.stop();
}

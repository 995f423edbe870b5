/** `npm run retention`: the daily retention job over the local data (npm start's table), once. */
import { anonymiseExpiredCases } from '../../shared/services/retention.js';
import { createDb, SETUP_DEADLINE_MS } from '../../shared/store/client.js';
import { localDatabase } from './stack.js';

const database = await localDatabase();
try {
  const db = createDb({ endpoint: database.endpoint, tableName: database.tableName, deadlineMs: SETUP_DEADLINE_MS });
  console.log(JSON.stringify(await anonymiseExpiredCases(db, new Date()), null, 2));
} finally {
  await database.stop();
}

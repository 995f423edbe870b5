/**
 * CloudFormation custom resource: on Create and Update, writes the seeded national calendar years the table
 * does not hold yet, so a fresh deployment has its calendars (docs/domain.md §4). A year already in the table,
 * seeded earlier or edited by an administrator, is never overwritten. Delete leaves the data alone: the table
 * is retained and outlives the stack.
 *
 * CloudFormation invokes this function directly (no provider framework, so no second function, role and
 * policy) and waits for the answer at the pre-signed ResponseURL. Every path answers, failures included;
 * if the answer itself cannot be sent the invocation fails and Lambda retries it, which is safe because
 * seeding only adds missing years.
 */
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse, Context } from 'aws-lambda';
import { seedCalendarYears } from '../../shared/calendar/seed.js';
import { config } from '../../shared/config.js';
import { listCalendarYears, putCalendarYear } from '../../shared/store/calendar.js';
import { createDb, SETUP_DEADLINE_MS, type Db } from '../../shared/store/client.js';
import { log } from '../../shared/log.js';

const PHYSICAL_RESOURCE_ID = 'gongkai-calendar-seed';
/** CloudFormation keeps the whole response under 4096 bytes; the reason is the only long field. */
const MAX_REASON_LENGTH = 1000;

let shared: Db | undefined;

function database(): Db {
  if (!shared) {
    const env = config();
    shared = createDb({ endpoint: env.DYNAMODB_ENDPOINT, tableName: env.TABLE_NAME, region: env.AWS_REGION, deadlineMs: SETUP_DEADLINE_MS });
  }
  return shared;
}

const keyOf = (year: number, region: string | null | undefined) => `${String(year)}#${region ?? '-'}`;

/** Writes the seeded years the table lacks; returns the years written. */
export async function seedMissingYears(db: Db): Promise<number[]> {
  const present = new Set((await listCalendarYears(db)).map((y) => keyOf(y.year, y.region)));
  const written: number[] = [];
  for (const year of seedCalendarYears()) {
    if (present.has(keyOf(year.year, year.region))) continue;
    await putCalendarYear(db, year);
    written.push(year.year);
  }
  return written;
}

export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<void> {
  const common = {
    // Keep the id on Update: a new one would make CloudFormation replace the resource and send a Delete.
    PhysicalResourceId: event.RequestType === 'Create' ? PHYSICAL_RESOURCE_ID : event.PhysicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  let response: CloudFormationCustomResourceResponse;
  try {
    const written = event.RequestType === 'Delete' ? [] : await seedMissingYears(database());
    log.info('calendar seed', { requestType: event.RequestType, yearsWritten: written });
    response = { ...common, Status: 'SUCCESS', Data: { YearsWritten: written.length } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error('calendar seed failed', { requestType: event.RequestType, error: message });
    const reason = `Seeding the calendars failed: ${message} (log stream ${context.logStreamName})`;
    response = { ...common, Status: 'FAILED', Reason: reason.slice(0, MAX_REASON_LENGTH) };
  }
  await sendResponse(event.ResponseURL, response);
}

async function sendResponse(url: string, body: CloudFormationCustomResourceResponse): Promise<void> {
  // The URL is pre-signed without a content type, so the body goes as bytes, which makes fetch send none.
  const answer = await fetch(url, { method: 'PUT', body: Buffer.from(JSON.stringify(body)) });
  if (!answer.ok) throw new Error(`CloudFormation did not accept the response: HTTP ${String(answer.status)}`);
}

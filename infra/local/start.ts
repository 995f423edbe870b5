/**
 * `npm start`: the local main job. Starts DynamoDB Local with its data under .data/ (DATA_DIR; or uses
 * DYNAMODB_ENDPOINT), creates the table and loads the calendars and the demo
 * agencies once, serves the API on http://localhost:3000 (PORT changes it), and prints the routes, a
 * ready curl line and tokens for the demo agencies. Ctrl-C stops everything.
 */
import { routeList } from '../../shared/http/routes.js';
import { EmbeddedDatabaseError } from './dynamodb-local.js';
import { DEMO_AGENCIES, DEMO_USERS } from './demo-data.js';
import { DATA_DIR, recordRunningEndpoint, startLocalEnvironment } from './stack.js';
import { mintToken } from './tokens.js';

const port = Number(process.env.PORT ?? 3000);
const tableName = process.env.TABLE_NAME ?? 'gongkai';

async function main() {
  const stack = await startLocalEnvironment({
    port,
    tableName,
    endpoint: process.env.DYNAMODB_ENDPOINT,
    dataDir: DATA_DIR,
    demoAgencies: true,
    pages: true,
  });
  recordRunningEndpoint(stack.endpoint);
  const lines: string[] = [];
  lines.push(`Gongkai is running at ${stack.url}  (DynamoDB: ${stack.endpoint}, table ${tableName})`);
  if (stack.setup.table === 'created') lines.push('Created the table.');
  if (stack.setup.calendarYearsLoaded.length > 0) {
    const years = stack.setup.calendarYearsLoaded;
    lines.push(`Loaded the national calendars ${years[0]}–${years[years.length - 1]}.`);
  }
  if (stack.setup.agenciesLoaded > 0) lines.push(`Loaded ${stack.setup.agenciesLoaded} demo agencies (江州市 and its subtree).`);
  lines.push(`Documents (DOCX and printable HTML) are written to ${stack.outbox.documentsDir}`);
  lines.push(`Notifications (e-mail and SMS, one JSON file each) are written to the outbox folder ${stack.outbox.outboxDir}`);
  lines.push(
    '',
    'Pages:',
    `  ${stack.url}/              the application form (政府信息公开申请表)`,
    `  ${stack.url}/track.html    track an application (查询办理进度)`,
    `  ${stack.url}/officer.html  the officers' console (sign in as a demo user)`,
  );
  lines.push('', 'Routes:');
  for (const route of routeList) {
    lines.push(`  ${route.method.padEnd(5)} ${route.path.padEnd(28)} ${route.auth === 'public' ? 'public' : route.auth.roles.join('|')}`);
  }
  const example = {
    agencyId: 'jz-zjj',
    applicant: {
      type: 'natural_person',
      name: '张三',
      idDocument: { type: 'resident_id', number: '110101199003077774' },
      phone: '13800000000',
    },
    request: { description: '江州市2025年保障性住房分配结果', purpose: '了解本人申请进度' },
    delivery: { form: 'electronic', method: 'email' },
  };
  lines.push(
    '',
    'Submit an application (copy and paste):',
    `  curl -s -X POST ${stack.url}/applications -H 'content-type: application/json' -d '${JSON.stringify(example)}'`,
    '',
    'Then read it back with the id and query code from the answer:',
    `  curl -s ${stack.url}/applications/<id> -H 'x-query-code: <queryCode>'`,
  );
  const roles = DEMO_USERS;
  lines.push('', 'Tokens (valid 12 hours; `npm run token -- --agency ID --role ROLE` mints more):');
  for (const { agencyId, role, name } of roles) {
    const token = await mintToken(stack.key, { sub: `demo-${role}`, name, agencyId, roles: [role] });
    const agencyName = DEMO_AGENCIES.find((a) => a.id === agencyId)?.name ?? agencyId;
    lines.push(`  ${role} of ${agencyName} (${agencyId}):`, `    ${token}`);
  }
  const platform = await mintToken(stack.key, { sub: 'demo-platform', name: '平台管理员', agencyId: null, roles: ['platform'] });
  lines.push(
    "  platform administrator (no agency: creates tenants' roots, loads the national calendar; `npm run token -- --role platform`):",
    `    ${platform}`,
  );
  lines.push('', 'Ctrl-C stops the server and the database.');
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  if (error instanceof EmbeddedDatabaseError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use: stop the other program or set PORT, e.g. PORT=3001 npm start.`);
  } else console.error(error);
  process.exit(1);
});

/**
 * `npm run token -- --agency ID --role officer|supervisor|admin [--name N] [--sub S] [--hours H]`, or
 * `npm run token -- --role platform` (the platform administrator: no agency of its own): mints a local
 * token signed with the key under .data/ (the one `npm start` verifies). Local use only.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES } from '../../shared/domain/types.js';
import { DATA_DIR } from './stack.js';
import { loadOrCreateLocalKey, mintToken } from './tokens.js';
import type { Role } from '../../shared/caller.js';

const usage =
  'usage: npm run token -- --agency ID --role officer|supervisor|admin [--name NAME] [--sub SUB] [--hours H]\n' +
  '       npm run token -- --role platform [--name NAME] [--sub SUB] [--hours H]';

async function main() {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string', default: '12' },
    },
  });
  const role = values.role as Role | undefined;
  const platform = role === 'platform';
  if (!role || !(ROLES as readonly string[]).includes(role) || (platform ? values.agency !== undefined : !values.agency)) {
    console.error(usage);
    process.exit(2);
  }
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) {
    console.error('--hours must be a number of hours between 0 and 720');
    process.exit(2);
  }
  const key = await loadOrCreateLocalKey(join(DATA_DIR, 'jwt-key.json'));
  const token = await mintToken(
    key,
    platform
      ? { sub: values.sub ?? 'local-platform', name: values.name ?? 'platform administrator', agencyId: null, roles: [role] }
      : { sub: values.sub ?? `local-${role}-${values.agency}`, name: values.name ?? `${role} (${values.agency})`, agencyId: values.agency!, roles: [role] },
    Math.round(hours * 3600),
  );
  console.log(token);
}

void main();

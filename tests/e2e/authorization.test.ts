/**
 * Who may do what (docs/architecture.md "Visibility"): every role × every officer route × own agency / subtree /
 * another tree, asserted; and tokens that must not pass (malformed, expired, alg none, another key,
 * missing claims) get 401 and write nothing.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { ephemeralKey, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/tokens.js';
import { putAgency } from '../../shared/store/agencies.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { call, tokenFor } from '../helpers/api.js';
import { startTestStack } from '../helpers/stack.js';
import { countItems } from '../helpers/table.js';

let stack: LocalEnvironment;
/** One case per place: the officer's own agency, inside the supervisor's subtree, in another tree. */
const caseIn: Record<'own' | 'subtree' | 'other', string> = { own: '', subtree: '', other: '' };
const tokens: Record<string, string> = {};

function registration(receivedDate = '2026-06-01') {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  return { ...application, channel: 'in_person', receivedDate };
}

beforeAll(async () => {
  stack = await startTestStack();
  const now = new Date().toISOString();
  // Another tree: 海州市 with one department.
  await putAgency(stack.db, { id: 'hz', name: '海州市人民政府', parentId: null, autoConfirmOnline: true, calendarRegion: null, updatedAt: now, updatedBy: 'test' });
  await putAgency(stack.db, { id: 'hz-zjj', name: '海州市住房和城乡建设局', parentId: 'hz', autoConfirmOnline: true, calendarRegion: null, updatedAt: now, updatedBy: 'test' });
  // An agency of 江州市 that uses the regional calendar `xj-test` (its admin may load that region's overrides).
  await putAgency(stack.db, { id: 'jz-xj', name: '江州市驻新疆办事处', parentId: 'jz', autoConfirmOnline: true, calendarRegion: 'xj-test', updatedAt: now, updatedBy: 'test' });
  tokens.officer = await tokenFor(stack, 'jz-qingshan-zjj', 'officer');
  tokens.supervisor = await tokenFor(stack, 'jz-qingshan', 'supervisor');
  tokens.admin = await tokenFor(stack, 'jz', 'admin');
  const hzOfficer = await tokenFor(stack, 'hz-zjj', 'officer');
  const hubinOfficer = await tokenFor(stack, 'jz-qingshan-hubin', 'officer');
  caseIn.own = (await call(stack, 'POST', '/cases', { token: tokens.officer, body: registration() })).body.id;
  caseIn.subtree = (await call(stack, 'POST', '/cases', { token: hubinOfficer, body: registration() })).body.id;
  caseIn.other = (await call(stack, 'POST', '/cases', { token: hzOfficer, body: registration() })).body.id;
  for (const id of Object.values(caseIn)) expect(id).toMatch(/^[0-9A-Z]{26}$/);
});
afterAll(async () => stack?.stop());

type Place = 'own' | 'subtree' | 'other';
const agencyOf: Record<Place, string> = { own: 'jz-qingshan-zjj', subtree: 'jz-qingshan-hubin', other: 'hz-zjj' };

interface Row {
  route: string;
  send: (token: string, place: Place) => Promise<{ status: number }>;
  expect: Record<'officer' | 'supervisor' | 'admin', Record<Place, number>>;
}

const rows: Row[] = [
  {
    route: 'GET /cases/{id}',
    send: (token, place) => call(stack, 'GET', `/cases/${caseIn[place]}`, { token }),
    expect: { officer: { own: 200, subtree: 404, other: 404 }, supervisor: { own: 200, subtree: 200, other: 404 }, admin: { own: 403, subtree: 403, other: 403 } },
  },
  {
    route: 'GET /cases',
    send: (token, place) => call(stack, 'GET', `/cases?agencyId=${agencyOf[place]}&status=all`, { token }),
    expect: { officer: { own: 200, subtree: 422, other: 422 }, supervisor: { own: 200, subtree: 200, other: 422 }, admin: { own: 403, subtree: 403, other: 403 } },
  },
  {
    route: 'POST /cases',
    send: (token, place) => call(stack, 'POST', '/cases', { token, body: { ...registration(), agencyId: agencyOf[place] } }),
    expect: { officer: { own: 201, subtree: 422, other: 422 }, supervisor: { own: 201, subtree: 201, other: 422 }, admin: { own: 403, subtree: 403, other: 403 } },
  },
  {
    route: 'POST /cases/{id}/actions',
    send: async (token, place) => {
      // Read the version as someone who may, then act as the caller under test.
      const current = (await call(stack, 'GET', `/cases/${caseIn[place]}`, { token: await tokenFor(stack, agencyOf[place], 'officer') })).body;
      // Alternate opening and closing a consultation, so that every allowed call is also a legal one.
      const action =
        current.status === 'consulting'
          ? { type: 'end_consultation', date: '2026-06-02', result: 'agreed' }
          : { type: 'start_consultation', date: '2026-06-02', party: 'other_agency', name: '江州市自然资源和规划局' };
      return call(stack, 'POST', `/cases/${caseIn[place]}/actions`, { token, body: { ...action, expectedVersion: current.version } });
    },
    expect: { officer: { own: 200, subtree: 404, other: 404 }, supervisor: { own: 200, subtree: 200, other: 404 }, admin: { own: 403, subtree: 403, other: 403 } },
  },
  {
    route: 'PUT /agencies/{id}',
    send: (token, place) =>
      call(stack, 'PUT', `/agencies/${agencyOf[place]}`, {
        token,
        body: { name: `改名 ${agencyOf[place]}`, parentId: place === 'other' ? 'hz' : place === 'own' ? 'jz-qingshan' : 'jz-qingshan' },
      }),
    // The admin of 江州市 manages its whole tree, and nothing of 海州市.
    expect: { officer: { own: 403, subtree: 403, other: 403 }, supervisor: { own: 403, subtree: 403, other: 403 }, admin: { own: 200, subtree: 200, other: 404 } },
  },
];

describe('the authorization matrix', () => {
  for (const row of rows) {
    for (const role of ['officer', 'supervisor', 'admin'] as const) {
      for (const place of ['own', 'subtree', 'other'] as const) {
        it(`${row.route}: ${role} × ${place} → ${row.expect[role][place]}`, async () => {
          const response = await row.send(tokens[role]!, place);
          expect(response.status).toBe(row.expect[role][place]);
        });
      }
    }
  }

  it('GET /agencies shows each caller only their part of their own tree', async () => {
    const ids = async (token: string) => ((await call(stack, 'GET', '/agencies', { token })).body.items as { id: string }[]).map((a) => a.id);
    expect(await ids(tokens.officer!)).toEqual(['jz-qingshan-zjj']);
    expect(await ids(tokens.supervisor!)).toEqual(['jz-qingshan', 'jz-qingshan-hubin', 'jz-qingshan-zjj']);
    const adminSees = await ids(tokens.admin!);
    expect(adminSees).toContain('jz');
    expect(adminSees).not.toContain('hz');
  });

  it("calendar: everyone reads, only an admin writes (a region its tree uses; the national year is the platform's, tests/e2e/tenancy.test.ts)", async () => {
    expect((await call(stack, 'GET', '/calendar/2026', { token: tokens.officer })).status).toBe(200);
    const body = { holidays: [{ date: '2026-01-01', name: '元旦' }], workdays: [], source: 'test', region: 'xj-test' };
    expect((await call(stack, 'PUT', '/calendar/2026', { token: tokens.officer, body })).status).toBe(403);
    expect((await call(stack, 'PUT', '/calendar/2026', { token: tokens.supervisor, body })).status).toBe(403);
    expect((await call(stack, 'PUT', '/calendar/2026', { token: tokens.admin, body })).status).toBe(200);
  });
});

describe('tokens that must not pass', () => {
  const claims = { name: 'x', agencyId: 'jz-qingshan-zjj', groups: ['officer'] };
  const forged: Record<string, () => Promise<string>> = {
    malformed: async () => 'not.a.token',
    expired: async () =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('s').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setIssuedAt(1).setExpirationTime(2).sign(stack.key.privateKey),
    'unsigned (alg none)': async () =>
      new UnsecuredJWT(claims).setSubject('s').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').encode(),
    'signed with another key': async () =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('s').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').sign((await ephemeralKey()).privateKey),
    'without the agency claim': async () =>
      new SignJWT({ name: 'x', groups: ['officer'] }).setProtectedHeader({ alg: 'ES256' }).setSubject('s').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').sign(stack.key.privateKey),
    'without groups': async () =>
      new SignJWT({ name: 'x', agencyId: 'jz-qingshan-zjj' }).setProtectedHeader({ alg: 'ES256' }).setSubject('s').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').sign(stack.key.privateKey),
    'for another audience': async () =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('s').setIssuer(LOCAL_ISSUER).setAudience('someone-else').setExpirationTime('1h').sign(stack.key.privateKey),
  };
  for (const [name, make] of Object.entries(forged)) {
    it(`${name} → 401, nothing written`, async () => {
      const before = await countItems(stack.db, 'case');
      const response = await call(stack, 'POST', '/cases', { token: await make(), body: registration() });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await countItems(stack.db, 'case')).toBe(before);
    });
  }

  it('no token at all → 401', async () => {
    expect((await call(stack, 'GET', '/cases')).status).toBe(401);
  });
});

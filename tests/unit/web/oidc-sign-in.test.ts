/**
 * The console's sign-in at an external OpenID Connect provider (web/src/lib/auth.ts with the settings the
 * stateless stack writes for `jwtIssuer` + `oidcAuthorizeUrl`/`oidcTokenUrl`, tests/infra/pages.test.ts):
 * the authorization-code flow with PKCE against that provider's own endpoints, and the session read from
 * the ID token under the provider's claim names, as the API reads them (shared/http/auth.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { beginOidc, completeOidc, type AuthConfig } from '../../../web/src/lib/auth.js';
import { codeChallenge } from '../../../web/src/lib/pkce.js';

// The browser globals auth.ts uses, as this (Node, no DOM lib) compilation sees them; the test stubs them.
declare global {
  var sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
  var location: { assign(url: string): void; readonly search: string; readonly pathname: string; readonly hash: string };
  var history: { replaceState(data: unknown, unused: string, url?: string | null): void };
}

const CONFIG: Extract<AuthConfig, { mode: 'oidc' }> = {
  mode: 'oidc',
  authorizeUrl: 'https://idp.example.gov.cn/realms/gongkai/protocol/openid-connect/auth',
  tokenUrl: 'https://sso.example.gov.cn/realms/gongkai/protocol/openid-connect/token',
  clientId: 'gongkai-console',
  redirectUri: 'https://gongkai.example.gov.cn/officer.html',
  scope: 'openid profile',
  claims: { agencyId: 'org_code', groups: 'roles' },
};

/** An unsigned JWT with these claims (the console only reads them; the API verifies the signature). */
function idToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

let storage: Map<string, string>;
let assigned: string[];
let address: { search: string; pathname: string; hash: string };

beforeEach(() => {
  storage = new Map();
  assigned = [];
  address = { search: '', pathname: '/officer.html', hash: '' };
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  });
  vi.stubGlobal('location', {
    assign: (url: string) => void assigned.push(url),
    get search() {
      return address.search;
    },
    get pathname() {
      return address.pathname;
    },
    get hash() {
      return address.hash;
    },
  });
  vi.stubGlobal('history', { replaceState: () => void (address.search = '') });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("sign-in at an external provider's endpoints (authorization code + PKCE)", () => {
  it('sends the officer to its authorize endpoint, then redeems the code at its token endpoint with the verifier', async () => {
    await beginOidc(CONFIG);
    expect(assigned).toHaveLength(1);
    const authorize = new URL(assigned[0]!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(CONFIG.authorizeUrl);
    const query = Object.fromEntries(authorize.searchParams);
    expect(query).toMatchObject({
      response_type: 'code',
      client_id: 'gongkai-console',
      redirect_uri: CONFIG.redirectUri,
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    const pending = JSON.parse(storage.get('gongkai.pkce')!) as { verifier: string; state: string };
    expect(query.state).toBe(pending.state);
    expect(query.code_challenge).toBe(await codeChallenge(pending.verifier));

    // The provider sends the browser back with the code and the state.
    address.search = `?code=auth-code-1&state=${pending.state}`;
    const token = idToken({ sub: 'u-1', name: '赵科员', org_code: 'jz-zjj', roles: ['officer', 'supervisor'], exp: Math.floor(Date.now() / 1000) + 3600 });
    const requests: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify({ id_token: token, access_token: 'a', token_type: 'Bearer' }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const session = await completeOidc(CONFIG);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(CONFIG.tokenUrl);
    expect(requests[0]!.init.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(requests[0]!.init.body as string))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'gongkai-console',
      code: 'auth-code-1',
      redirect_uri: CONFIG.redirectUri,
      code_verifier: pending.verifier,
    });
    // The provider's claim names, as the API is told them (jwtAgencyClaim, jwtGroupsClaim).
    expect(session).toMatchObject({ token, name: '赵科员', agencyId: 'jz-zjj', roles: ['officer', 'supervisor'] });
    expect(storage.has('gongkai.pkce')).toBe(false);
    expect(address.search).toBe('');
  });

  it('refuses a return whose state is not the one it sent, without calling the token endpoint', async () => {
    await beginOidc(CONFIG);
    address.search = '?code=auth-code-2&state=forged';
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    await expect(completeOidc(CONFIG)).rejects.toThrow(/state mismatch/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads the default claim names when the provider uses them (no claims in the settings)', async () => {
    const { claims: _claims, ...plain } = CONFIG;
    await beginOidc(plain);
    const { state } = JSON.parse(storage.get('gongkai.pkce')!) as { state: string };
    address.search = `?code=c&state=${state}`;
    const token = idToken({ sub: 'u-2', name: '钱科员', agencyId: 'jz', groups: 'officer', org_code: 'ignored', exp: Math.floor(Date.now() / 1000) + 3600 });
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ id_token: token }), { status: 200 }));
    expect(await completeOidc(plain)).toMatchObject({ agencyId: 'jz', roles: ['officer'] });
  });
});

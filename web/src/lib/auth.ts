/**
 * Officers' sign-in. The page reads /auth/config.json:
 * - `{mode: "local", users}` (npm start): a "sign in as" list of the demo users; the local server mints
 *   their tokens (POST /auth/local/token), signed with the key its JWT authorizer checks.
 * - `{mode: "oidc", authorizeUrl, tokenUrl, clientId, redirectUri, scope, logoutUrl?, claims?}` (AWS: the
 *   Cognito hosted UI, or an external OpenID Connect provider, whose agency and groups claims may have other
 *   names, given in `claims` as the API is told them): the authorization-code flow with PKCE
 *   (RFC 7636, S256). The verifier and the state live in sessionStorage for the round trip only; the ID
 *   token (the API's JWT authorizer reads its groups and agency) lives in sessionStorage, never in a cookie
 *   or the URL.
 */
import { base64url, codeChallenge, codeVerifier } from './pkce.js';

export interface LocalUser {
  id: string;
  name: string;
  role: 'officer' | 'supervisor' | 'admin';
  agencyId: string;
  agencyName: string;
}

export type AuthConfig =
  | { mode: 'local'; users: LocalUser[] }
  | {
      mode: 'oidc';
      authorizeUrl: string;
      tokenUrl: string;
      clientId: string;
      redirectUri: string;
      scope: string;
      logoutUrl?: string;
      /** The provider's claim names, when not `agencyId`/`custom:agencyId` and `groups`/`cognito:groups`. */
      claims?: ClaimNames;
    };

export interface ClaimNames {
  agencyId?: string;
  groups?: string;
}

export interface Session {
  token: string;
  name: string;
  roles: string[];
  agencyId: string;
  expiresAt: number;
}

const SESSION = 'gongkai.session';
const PKCE = 'gongkai.pkce';

export async function loadConfig(): Promise<AuthConfig> {
  const response = await fetch('/auth/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`/auth/config.json: ${response.status}`);
  return (await response.json()) as AuthConfig;
}

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const bin = atob(part.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** A claim that is a string (a token could carry anything). */
function textClaim(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The session from a token: its claims as the API reads them (the provider's own names when given, else
 * groups or cognito:groups, agencyId or custom:agencyId).
 */
export function sessionFromToken(token: string, names: ClaimNames = {}): Session {
  const claims = decodePayload(token);
  const groups = ((names.groups ? claims[names.groups] : (claims.groups ?? claims['cognito:groups'])) ?? []) as string[] | string;
  return {
    token,
    name: textClaim(claims.name) ?? textClaim(claims.email) ?? textClaim(claims.sub) ?? '',
    roles: Array.isArray(groups) ? groups : String(groups).split(/[ ,]/).filter(Boolean),
    agencyId: (names.agencyId ? textClaim(claims[names.agencyId]) : (textClaim(claims.agencyId) ?? textClaim(claims['custom:agencyId']))) ?? '',
    expiresAt: Number(claims.exp ?? 0) * 1000,
  };
}

export function currentSession(): Session | undefined {
  const stored = sessionStorage.getItem(SESSION);
  if (!stored) return undefined;
  const session = JSON.parse(stored) as Session;
  if (session.expiresAt <= Date.now()) {
    sessionStorage.removeItem(SESSION);
    return undefined;
  }
  return session;
}

function keep(token: string, names?: ClaimNames): Session {
  const session = sessionFromToken(token, names);
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

export function signOut(config: AuthConfig | undefined): void {
  sessionStorage.removeItem(SESSION);
  if (config?.mode === 'oidc' && config.logoutUrl) location.assign(config.logoutUrl);
}

export async function signInLocal(user: LocalUser): Promise<Session> {
  const response = await fetch('/auth/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: user.id }),
  });
  if (!response.ok) throw new Error(String(response.status));
  const { token } = (await response.json()) as { token: string };
  return keep(token);
}

/** Starts the authorization-code flow with PKCE: a redirect to the provider. */
export async function beginOidc(config: Extract<AuthConfig, { mode: 'oidc' }>): Promise<void> {
  const verifier = codeVerifier();
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = await codeChallenge(verifier);
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * Completes the flow when the provider sent the browser back with `?code&state`: checks the state,
 * redeems the code with the verifier, keeps the ID token and removes the code from the address bar.
 * Returns undefined when the page was not such a return.
 */
export async function completeOidc(config: AuthConfig): Promise<Session | undefined> {
  if (config.mode !== 'oidc') return undefined;
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return undefined;
  history.replaceState(null, '', location.pathname + location.hash);
  const pending = sessionStorage.getItem(PKCE);
  sessionStorage.removeItem(PKCE);
  if (error) throw new Error(error);
  const { verifier, state } = (pending ? JSON.parse(pending) : {}) as { verifier?: string; state?: string };
  if (!verifier || state !== params.get('state')) throw new Error('state mismatch');
  const response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code: code!, redirect_uri: config.redirectUri, code_verifier: verifier }).toString(),
  });
  if (!response.ok) throw new Error(`token endpoint: ${response.status}`);
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('no id_token');
  return keep(tokens.id_token, config.claims);
}

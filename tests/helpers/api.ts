/** A small client for the local stack: tokens per role and JSON calls. */
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { mintToken } from '../../infra/local/tokens.js';
import type { Role } from '../../shared/caller.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function tokenFor(stack: LocalEnvironment, agencyId: string, role: Role, sub = `${role}@${agencyId}`): Promise<string> {
  return mintToken(stack.key, { sub, name: `${role} of ${agencyId}`, agencyId, roles: [role] });
}

export async function call<T = any>(
  stack: LocalEnvironment,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      // These suites assert the API's English texts; the default (no header) is Chinese (shared/i18n).
      'accept-language': 'en',
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** A token of the platform administrator (group `platform`, no agency of its own). */
export async function platformToken(stack: LocalEnvironment, sub = 'platform-admin'): Promise<string> {
  return mintToken(stack.key, { sub, name: 'platform administrator', agencyId: null, roles: ['platform'] });
}

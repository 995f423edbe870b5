/**
 * The caller, read from the JWT claims that API Gateway's JWT authorizer (in AWS) or the local server
 * (locally) has verified: one code path for claims either way.
 *
 * Claims: `sub`, `name`, `agencyId` (Cognito: `custom:agencyId`), groups `officer` | `supervisor` |
 * `admin` (`groups`, or Cognito's `cognito:groups`). API Gateway passes array claims as a string such as
 * `[officer supervisor]`; both forms are read.
 */
import { ROLES } from '../domain/types.js';
import type { Role } from './routes.js';

export interface Caller {
  sub: string;
  name: string;
  agencyId: string;
  roles: Role[];
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      const inner = trimmed.slice(1, -1).trim();
      if (inner.startsWith('"')) {
        try {
          return groupsOf(JSON.parse(trimmed));
        } catch {
          return [];
        }
      }
      return inner.split(/[\s,]+/).filter(Boolean);
    }
    return trimmed.split(/[\s,]+/).filter(Boolean);
  }
  return [];
}

/** The caller, or undefined when a required claim is missing. */
export function claimsToCaller(claims: Record<string, unknown>): Caller | undefined {
  const sub = claims.sub;
  const agencyId = claims.agencyId ?? claims['custom:agencyId'];
  const name = claims.name ?? claims['cognito:username'] ?? sub;
  const roles = groupsOf(claims.groups ?? claims['cognito:groups']).filter((g): g is Role =>
    (ROLES as readonly string[]).includes(g),
  );
  if (typeof sub !== 'string' || sub === '' || typeof agencyId !== 'string' || agencyId === '' || roles.length === 0) {
    return undefined;
  }
  return { sub, name: typeof name === 'string' ? name : sub, agencyId, roles };
}

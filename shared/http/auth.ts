/**
 * The caller, read from the JWT claims that API Gateway's JWT authorizer (in AWS) or the local server
 * (locally) has verified: one code path for claims either way.
 *
 * Claims: `sub`, `name`, the agency and the groups `officer` | `supervisor` | `admin` | `platform`, under
 * the names of the deployment's identity provider (shared/config.ts IDENTITY_PROVIDER): Cognito's
 * `custom:agencyId` and `cognito:groups`, or the OIDC provider's configured names (`agencyId` and `groups`
 * by default, as the local tokens carry). Only that provider's names are read: a token cannot choose which
 * claim decides its agency. API Gateway passes array claims as a string such as `[officer supervisor]`;
 * both forms are read.
 *
 * The `platform` group has no agency of its own: its callers carry `agencyId: null` unless they also hold
 * a tenant role (which needs the agency claim).
 */
import type { Caller, Role } from '../caller.js';
import { config, type Config } from '../config.js';
import { ROLES } from '../domain/types.js';

/** The claim names of the configured identity provider. */
export interface ClaimNames {
  agencyId: string;
  groups: string;
}

export function claimNames(env: Pick<Config, 'IDENTITY_PROVIDER' | 'OIDC_AGENCY_CLAIM' | 'OIDC_GROUPS_CLAIM'> = config()): ClaimNames {
  return env.IDENTITY_PROVIDER === 'cognito'
    ? { agencyId: 'custom:agencyId', groups: 'cognito:groups' }
    : { agencyId: env.OIDC_AGENCY_CLAIM, groups: env.OIDC_GROUPS_CLAIM };
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

/**
 * The caller, or undefined when a required claim is missing: `sub`, at least one known group, and the
 * agency claim whenever a tenant role (officer, supervisor, admin) is held.
 */
export function claimsToCaller(claims: Record<string, unknown>, names: ClaimNames = claimNames()): Caller | undefined {
  const sub = claims.sub;
  const agencyClaim = claims[names.agencyId];
  const agencyId = typeof agencyClaim === 'string' && agencyClaim !== '' ? agencyClaim : null;
  const roles = groupsOf(claims[names.groups]).filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  if (typeof sub !== 'string' || sub === '' || roles.length === 0) return undefined;
  const tenantRole = roles.some((role) => role !== 'platform');
  if (tenantRole && agencyId === null) return undefined;
  const name = typeof claims.name === 'string' && claims.name !== '' ? claims.name : sub;
  return { sub, name, agencyId: tenantRole ? agencyId : null, roles };
}

/**
 * Who is calling: an authenticated officer, supervisor or administrator, as the services see them. The
 * HTTP edge builds a Caller from verified JWT claims (shared/http/auth.ts); the services decide with it
 * what the caller may see and do (shared/services/visibility.ts). Neutral ground, so that the services
 * never import the HTTP edge (docs/architecture.md "Layers").
 */
import type { ROLES } from './domain/types.js';
import { ForbiddenError } from './errors.js';

/** A staff role, from the token's groups. */
export type Role = (typeof ROLES)[number];

export interface Caller {
  sub: string;
  name: string;
  /** The caller's agency; null only for a platform administrator without a tenant role. */
  agencyId: string | null;
  roles: Role[];
}

/** The caller's own agency, for routes that act for it (a platform administrator has none: 403). */
export function ownAgency(caller: Caller): string {
  if (caller.agencyId === null) throw new ForbiddenError('This route acts for an agency, and the platform administrator has none.');
  return caller.agencyId;
}

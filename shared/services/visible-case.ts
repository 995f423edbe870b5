/**
 * A case the caller may see, or the same 404 as a case that does not exist (docs/architecture.md
 * "Tenancy": another tenant's case is not found, not forbidden).
 */
import type { Caller } from '../caller.js';
import { NotFoundError } from '../errors.js';
import { getCase, type CaseRecord } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { assertCanSee, loadAgencyTreeWith } from './visibility.js';

export const CASE_NOT_FOUND = 'No case with this number.';

export async function visibleCase(db: Db, caller: Caller, id: string): Promise<CaseRecord> {
  const record = await getCase(db, id);
  if (!record) throw new NotFoundError(CASE_NOT_FOUND);
  const tree = await loadAgencyTreeWith(db, record.agencyId);
  assertCanSee(caller, record.agencyId, tree, CASE_NOT_FOUND);
  return record;
}

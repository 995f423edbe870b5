/**
 * The applicant on the case item (docs/deployment.md "Personal data"): the identity document number,
 * phone, e-mail and address sealed together under the deployment's key (shared/crypto/field-encryption.ts),
 * bound to the case id; in clear only what the worklists and the statistics show; the blind index of the
 * identity document beside it; and what an anonymised case keeps.
 */
import { identityIndex, sealer } from '../crypto/field-encryption.js';
import type { StoredApplication } from './stored-application.js';

export type Applicant = StoredApplication['applicant'];

/** The applicant fields sealed on the case item (shared/crypto/field-encryption.ts): never stored in clear. */
interface SealedFields {
  idNumber: string;
  phone?: string;
  email?: string;
  address?: string;
}

/**
 * The applicant as stored: the identity document number, phone, e-mail and address sealed together
 * (`applicantSealed`, bound to the case id); what stays in clear is what the worklists and statistics
 * show (kind, organisation type, name, document type). `identityIndex` is the blind index of the document.
 */
export async function storedApplicant(caseId: string, applicant: Applicant): Promise<Record<string, unknown>> {
  const { idDocument, phone, email, address, ...clear } = applicant;
  const fields: SealedFields = {
    idNumber: idDocument.number,
    ...(phone !== undefined ? { phone } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(address !== undefined ? { address } : {}),
  };
  return {
    applicant: { ...clear, idDocument: { type: idDocument.type } },
    applicantSealed: await sealer().seal(fields, caseId),
    identityIndex: await identityIndex(idDocument),
  };
}

/** What an anonymised case keeps of its applicant: the kind the statistics count, nothing that names anyone. */
export function anonymousApplicant(applicant: Pick<Applicant, 'type' | 'organizationType' | 'idDocument'>): Applicant {
  return {
    type: applicant.type,
    ...(applicant.organizationType !== undefined ? { organizationType: applicant.organizationType } : {}),
    name: '',
    idDocument: { type: applicant.idDocument.type, number: '' },
  };
}

export async function openedApplicant(item: Record<string, any>): Promise<Applicant> {
  const stored = item.applicant as Record<string, any>;
  if (item.anonymisedAt) return anonymousApplicant(stored as Applicant);
  if (typeof item.applicantSealed !== 'string') return stored as Applicant; // written before sealing existed
  const fields = await sealer().open<SealedFields>(item.applicantSealed, item.id as string);
  return {
    ...stored,
    idDocument: { type: stored.idDocument.type, number: fields.idNumber },
    ...(fields.phone !== undefined ? { phone: fields.phone } : {}),
    ...(fields.email !== undefined ? { email: fields.email } : {}),
    ...(fields.address !== undefined ? { address: fields.address } : {}),
  } as Applicant;
}


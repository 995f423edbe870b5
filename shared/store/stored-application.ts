/**
 * The application as the store keeps it on the case item: who applied, what they asked for, how they
 * want the answer. The store's own type, so that it never depends on the HTTP request schemas
 * (docs/architecture.md "Layers"); the request bodies of `POST /applications` and `POST /cases` are
 * assignable to it, which the type checker verifies where the services build a case record.
 * The case item is the only place the applicant's identity is kept (docs/architecture.md "Data model").
 */
import type { ApplicantType, DELIVERY_FORMS, DELIVERY_METHODS, IdDocumentType, OrganizationType } from '../domain/types.js';

export interface StoredApplicant {
  type: ApplicantType;
  organizationType?: OrganizationType | undefined;
  name: string;
  idDocument: { type: IdDocumentType; number: string };
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
  /** 邮政编码 of the address. */
  postalCode?: string | undefined;
  /** 工作单位 (a citizen's employer). */
  workUnit?: string | undefined;
  /** 法定代表人或者负责人 (a legal person or other organisation). */
  legalRepresentative?: string | undefined;
  /** 联系人姓名 (a legal person or other organisation). */
  contactName?: string | undefined;
}

export interface StoredRequest {
  description: string;
  documentNumber?: string | undefined;
  purpose?: string | undefined;
}

export interface StoredDelivery {
  form: (typeof DELIVERY_FORMS)[number];
  method: (typeof DELIVERY_METHODS)[number];
}

export interface StoredApplication {
  applicant: StoredApplicant;
  request: StoredRequest;
  delivery: StoredDelivery;
}

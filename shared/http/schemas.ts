/**
 * Request schemas (zod/mini: 16 KB instead of zod's 443 KB of locales in every bundle). The types of
 * validated requests come from here (`z.infer`), never written twice. The route table attaches them to
 * routes; the OpenAPI document is generated from them.
 *
 * Source: docs/architecture.md "The API" and docs/domain.md §1 (applicant kinds), Art. 29 of the
 * 2019 Regulation (what an application holds).
 */
import * as z from 'zod/mini';
import { isInstant } from '../calendar/civil-date.js';
import { creditCodeProblem, residentIdProblem } from '../domain/id-numbers.js';
import { FEE_METHODS } from '../domain/fees.js';
import { OUTCOME_CODE_LIST } from '../domain/outcome-codes.js';
import {
  APPLICANT_TYPES,
  CHANNELS,
  DELIVERY_FORMS,
  DELIVERY_METHODS,
  DOCUMENT_DELIVERY_METHODS,
  DOCUMENT_KINDS,
  ID_DOCUMENT_TYPES,
  ORGANIZATION_TYPES,
} from '../domain/types.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import { renderedAs, withKeywords } from './json-schema.js';

/** C0 controls other than TAB, LF, CR, and DEL: never meaningful in a form field. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Free text: trimmed, non-empty, bounded, well-formed Unicode (no lone surrogates, which DynamoDB
 * cannot store), no control characters.
 */
export function freeText(max: number) {
  return withKeywords(
    z.string().check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      z.maxLength(max, `must be at most ${max} characters`),
      z.refine((s) => s.isWellFormed(), 'must be well-formed Unicode text'),
      z.refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters'),
    ),
    // The same rule in JSON Schema: whitespace around (trimmed), no control character inside.
    { pattern: '^\\s*[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*\\s*$' },
  );
}

/**
 * Characters that change how a text is displayed without being seen: the bidirectional controls (ALM,
 * LRM, RLM, the embeddings, overrides and isolates) and the zero-width characters (ZWSP, ZWNJ, ZWJ, word
 * joiner, BOM/ZWNBSP, Mongolian vowel separator). In a name or a number they only serve to make two
 * different strings look alike, or one string look like another (`张三` and `张\u200b三`).
 */
export const INVISIBLE_CHARACTERS = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/**
 * A single line — names, numbers, titles: like freeText, no line breaks, and no bidi control or zero-width
 * character (INVISIBLE_CHARACTERS).
 */
export function line(max: number) {
  return withKeywords(
    freeText(max).check(
      z.refine((s) => !/[\r\n\t]/.test(s), 'must be a single line'),
      z.refine((s) => !INVISIBLE_CHARACTERS.test(s), 'must not contain bidirectional control or zero-width characters'),
    ),
    // The same rule in JSON Schema: no control character (line breaks and tabs included), no invisible one.
    {
      pattern:
        '^\\s*[^\\u0000-\\u001f\\u007f\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]*\\s*$',
    },
  );
}

/** Agency ids: short, URL-safe, stable (`gz`, `gz-fgw`, `gz-huadu`). */
export const AgencyId = withKeywords(
  z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'must be 1–64 lowercase letters, digits or inner hyphens')),
  { maxLength: 64 },
);

/** A civil date `YYYY-MM-DD` that exists in the calendar (JSON Schema: `format: date`, RFC 3339 full-date). */
export const CivilDateString = withKeywords(
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    z.refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    }, 'must be a real calendar date'),
  ),
  { format: 'date', maxLength: 10 },
);

/**
 * A page size in a query string: the digits of a whole number from 1 to `max` (default `fallback`),
 * read as that number; in the OpenAPI document the integer it is.
 */
function pageLimit(max: number, fallback: number) {
  const digits = String(max).length;
  const message = `must be a whole number from 1 to ${max}`;
  return renderedAs(
    z._default(
      z
        .pipe(z.string().check(z.regex(new RegExp(`^\\d{1,${digits}}$`), message)), z.transform((s) => Number(s)))
        .check(z.refine((n) => n >= 1 && n <= max, message)),
      fallback,
    ),
    { type: 'integer', minimum: 1, maximum: max, default: fallback },
  );
}

/**
 * Formats of the identity documents other than the two with a check character (shared/domain/id-numbers.ts):
 * passports and the permits for Hong Kong, Macao and Taiwan residents are letters and digits; a business
 * licence (营业执照) carries either the 15-digit registration number of before 2015 or a credit code.
 */
const DOCUMENT_FORMATS: Record<string, { pattern: RegExp; message: string }> = {
  passport: { pattern: /^[A-Z0-9]{5,20}$/, message: 'must be a passport number: 5–20 letters and digits' },
  travel_permit: { pattern: /^[A-Z0-9]{8,20}$/, message: 'must be a permit number: 8–20 letters and digits' },
  business_license: { pattern: /^(?:\d{15}|[0-9A-HJ-NP-RTUW-Y]{18})$/, message: 'must be a 15-digit registration number or an 18-character credit code' },
};

/**
 * An identity document: the citizen identity number with its GB 11643 check character, the unified social
 * credit code with its GB 32100 check character, the others by format; letters are taken in upper case
 * (a typed `x` is the check character `X`).
 */
export const IdDocument = z
  .strictObject({
    type: z.enum(ID_DOCUMENT_TYPES),
    number: line(64),
  })
  .check(
    z.overwrite((d) => (d.type === 'other' ? d : { ...d, number: d.number.toUpperCase() })),
    z.superRefine((d, ctx) => {
      const problem =
        d.type === 'resident_id'
          ? residentIdProblem(d.number)
          : d.type === 'unified_social_credit_code'
            ? creditCodeProblem(d.number)
            : d.type === 'business_license' && /^[0-9A-Z]{18}$/.test(d.number)
              ? creditCodeProblem(d.number)
              : DOCUMENT_FORMATS[d.type] && !DOCUMENT_FORMATS[d.type]!.pattern.test(d.number)
                ? DOCUMENT_FORMATS[d.type]!.message
                : undefined;
      if (problem) ctx.issues.push({ code: 'custom', input: d.number, path: ['number'], message: problem });
    }),
  );

/**
 * The contact rule and the organisation rule of the superRefine below, in JSON Schema: at least one of
 * phone, e-mail and address; a legal person names its kind of organisation, a natural person has none.
 */
const APPLICANT_RULES = {
  // All under allOf, so that generated types (openapi-typescript) keep the object's own properties.
  allOf: [
    { anyOf: [{ required: ['phone'] }, { required: ['email'] }, { required: ['address'] }] },
    {
      if: { properties: { type: { const: 'legal_person' } } },
      then: { required: ['organizationType'], properties: { organizationType: { enum: [...ORGANIZATION_TYPES] } } },
    },
    { if: { properties: { type: { const: 'natural_person' } } }, then: { properties: { organizationType: false } } },
  ],
};

export const Applicant = withKeywords(z
  .strictObject({
    type: z.enum(APPLICANT_TYPES),
    organizationType: z.optional(z.enum(ORGANIZATION_TYPES)),
    name: line(200),
    idDocument: IdDocument,
    phone: z.optional(
      withKeywords(
        z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'must be a telephone number (digits, spaces, + ( ) -)')),
        { maxLength: 32 },
      ),
    ),
    email: z.optional(z.email('must be an e-mail address').check(z.maxLength(254, 'must be at most 254 characters'))),
    address: z.optional(freeText(500)),
    /** 邮政编码 of the address: six digits. */
    postalCode: z.optional(withKeywords(z.string().check(z.regex(/^\d{6}$/, 'must be a postal code of six digits')), { maxLength: 6 })),
    /** 工作单位 (a citizen's employer; optional on the standard form). */
    workUnit: z.optional(line(200)),
    /** 法定代表人或者负责人 (a legal person or other organisation). */
    legalRepresentative: z.optional(line(200)),
    /** 联系人姓名 (a legal person or other organisation: who to contact; the phone is `phone`). */
    contactName: z.optional(line(200)),
  })
  .check(
    z.superRefine((a, ctx) => {
      if (a.phone === undefined && a.email === undefined && a.address === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: a,
          path: ['phone'],
          message: 'at least one contact is required: phone, email or address',
        });
      }
      if (a.type === 'legal_person' && a.organizationType === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: a,
          path: ['organizationType'],
          message: 'is required for a legal person or other organisation',
        });
      }
      if (a.type === 'natural_person' && a.organizationType !== undefined) {
        ctx.issues.push({
          code: 'custom',
          input: a,
          path: ['organizationType'],
          message: 'applies only to a legal person or other organisation',
        });
      }
    }, {
      // Run even when other fields are invalid, so one answer names every problem.
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
  ), APPLICANT_RULES);

export const InformationRequest = z.strictObject({
  description: freeText(5000),
  documentNumber: z.optional(line(200)),
  purpose: z.optional(freeText(1000)),
});

export const Delivery = z.strictObject({
  form: z.enum(DELIVERY_FORMS),
  method: z.enum(DELIVERY_METHODS),
});

/** `POST /applications`: the public online form. */
export const SubmitApplicationBody = z.strictObject({
  agencyId: AgencyId,
  applicant: Applicant,
  request: InformationRequest,
  delivery: Delivery,
});
export type SubmitApplicationBody = z.infer<typeof SubmitApplicationBody>;

/** `POST /cases`: an officer registers an application that arrived in person, by mail, fax, e-mail… */
export const RegisterCaseBody = z.strictObject({
  agencyId: z.optional(AgencyId),
  applicant: Applicant,
  request: InformationRequest,
  delivery: Delivery,
  channel: z.enum(CHANNELS),
  receivedDate: CivilDateString,
  // The domain's own instant check too: zod accepts any number of decimals of a second, the domain (and
  // every later read of the event) at most nine — a longer one must be a 422 here, not a 500 later.
  // 35 characters: the longest such date-time (`2026-01-01T08:00:00.123456789+08:00`).
  submittedAt: z.optional(
    withKeywords(z.iso.datetime({ offset: true }).check(z.refine(isInstant, 'must be a date-time with a zone and at most 9 decimals of a second')), {
      maxLength: 35,
    }),
  ),
  /**
   * Art. 31(2): an application by plain letter (平常信函, delivered without a signature): the day it arrived.
   * `receivedDate` is then the day the disclosure office confirmed it with the applicant (确认之日为收到申请之日).
   */
  letterArrivedOn: z.optional(CivilDateString),
  /**
   * Why an online submission's receipt is dated later than policy P4 allows, or a plain letter was confirmed
   * after the day it arrived (policy P15; docs/domain.md "Policies").
   */
  lateReason: z.optional(freeText(1000)),
});
export type RegisterCaseBody = z.infer<typeof RegisterCaseBody>;

/**
 * The `{id}` of the public status view: any string, so that a malformed number and a wrong one get the
 * same 404 (docs/architecture.md: a wrong id and a wrong code give the same 404).
 */
export const PublicIdParam = renderedAs(z.string(), {
  type: 'string',
  pattern: '^[0-9A-HJKMNP-TV-Z]{26}$',
  maxLength: 26,
  description: 'The application number. An id of any other form is answered 404, exactly like an unknown one.',
});

/** Path parameter `{id}` of a case (officer routes). */
export const CaseIdParam = withKeywords(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an application number')), {
  maxLength: 26,
});

/** The `Idempotency-Key` header: 1–255 visible ASCII characters. */
export const IdempotencyKeyHeader = withKeywords(z.string().check(z.regex(/^[\x21-\x7e]{1,255}$/, 'must be 1–255 visible ASCII characters')), {
  maxLength: 255,
});

/** The `X-Query-Code` header. */
export const QueryCodeHeader = z.string().check(z.maxLength(64, 'is too long'));

/** What the officer adds to the document an action issues (shared/documents/compose.ts NoticeFields). */
const NoticeFieldsBody = z.strictObject({
  grounds: z.optional(freeText(2000)),
  withheldParts: z.optional(freeText(2000)),
  location: z.optional(freeText(1000)),
  otherAgency: z.optional(freeText(1000)),
  informationProvided: z.optional(freeText(2000)),
});

/** `POST /cases/{id}/actions` (docs/architecture.md): one action, its effective `date`, and the version it expects. */
const actionBase = {
  expectedVersion: z.int().check(z.minimum(1, 'must be at least 1')),
  date: z.optional(CivilDateString),
  /**
   * What the officer adds to the document the action issues (shared/documents/compose.ts NoticeFields):
   * grounds, withheld parts, where the information is public, the responsible agency, what is provided.
   */
  notice: z.optional(NoticeFieldsBody),
};
const AppealResultSchema = z.enum(['upheld', 'corrected', 'other']);

export const CaseActionBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('confirm_receipt'), ...actionBase, receivedDate: CivilDateString, lateReason: z.optional(freeText(1000)) }),
  z.strictObject({
    type: z.literal('request_correction'),
    ...actionBase,
    items: z.array(freeText(1000)).check(z.minLength(1, 'must list at least one item to correct'), z.maxLength(50, 'must list at most 50 items')),
    correctionDueDate: CivilDateString,
  }),
  z.strictObject({ type: z.literal('receive_correction'), ...actionBase }),
  z.strictObject({
    type: z.literal('start_consultation'),
    ...actionBase,
    party: z.enum(['third_party', 'other_agency']),
    name: line(200),
    letterReceivedOn: z.optional(CivilDateString),
  }),
  z.strictObject({ type: z.literal('end_consultation'), ...actionBase, result: z.enum(['agreed', 'objected', 'no_reply']) }),
  z.strictObject({
    type: z.literal('extend'),
    ...actionBase,
    days: z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(20, 'must be at most 20')),
    reason: freeText(1000),
    noticeDate: z.optional(CivilDateString),
  }),
  z.strictObject({
    type: z.literal('reply'),
    ...actionBase,
    outcome: z.enum(OUTCOME_CODE_LIST),
    deliveryMethod: z.optional(z.enum(DELIVERY_METHODS)),
    replyNumber: z.optional(line(100)),
  }),
  z.strictObject({ type: z.literal('withdraw'), ...actionBase }),
  z.strictObject({ type: z.literal('close_no_correction'), ...actionBase }),
  z.strictObject({
    type: z.literal('fee_notice'),
    ...actionBase,
    method: z.enum(FEE_METHODS),
    items: z.optional(z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(1000, 'must be at most 1000'))),
    pages: z.optional(z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(1_000_000, 'must be at most 1000000'))),
    howToPay: freeText(1000),
    noticeReceivedOn: z.optional(CivilDateString),
  }),
  z.strictObject({ type: z.literal('fee_paid'), ...actionBase }),
  z.strictObject({
    type: z.literal('public_interest_disclosure'),
    ...actionBase,
    information: freeText(2000),
    reason: freeText(2000),
    thirdPartyNotifiedOn: z.optional(CivilDateString),
  }),
  z.strictObject({ type: z.literal('request_reasons'), ...actionBase, question: freeText(2000), reasonsDueDate: CivilDateString }),
  z.strictObject({ type: z.literal('reasonable_period'), ...actionBase, until: CivilDateString, reason: freeText(2000), noticeDate: z.optional(CivilDateString) }),
  z.strictObject({ type: z.literal('fee_waived'), ...actionBase, reason: freeText(1000) }),
  z.strictObject({ type: z.literal('close_fee_unpaid'), ...actionBase }),
  z.strictObject({ type: z.literal('file_reconsideration'), ...actionBase }),
  z.strictObject({ type: z.literal('decide_reconsideration'), ...actionBase, result: AppealResultSchema }),
  z.strictObject({ type: z.literal('file_lawsuit'), ...actionBase, afterReconsideration: z.boolean() }),
  z.strictObject({ type: z.literal('decide_lawsuit'), ...actionBase, result: AppealResultSchema }),
  z.strictObject({ type: z.literal('file_complaint'), ...actionBase }),
  z.strictObject({ type: z.literal('decide_complaint'), ...actionBase, result: AppealResultSchema }),
]);
export type CaseActionBody = z.infer<typeof CaseActionBody>;

/** `GET /cases` query. */
export const ListCasesQuery = z.strictObject({
  agencyId: z.optional(AgencyId),
  status: z._default(z.enum(['open', 'closed', 'all']), 'open'),
  dueBefore: z.optional(CivilDateString),
  cursor: z.optional(z.string().check(z.maxLength(2048, 'is too long'))),
  limit: pageLimit(100, 50),
});
export type ListCasesQuery = z.infer<typeof ListCasesQuery>;

/** `GET /cases/{id}/applicant` query: why the full data is read (kept in the read audit). */
export const CaseApplicantQuery = z.strictObject({
  reason: z.optional(line(500)),
});
export type CaseApplicantQuery = z.infer<typeof CaseApplicantQuery>;

/** `GET /audit/personal-data-reads` query: whose reads, between which Beijing dates (inclusive). */
export const AuditReadsQuery = z.strictObject({
  agencyId: z.optional(AgencyId),
  from: z.optional(CivilDateString),
  to: z.optional(CivilDateString),
  cursor: z.optional(z.string().check(z.maxLength(2048, 'is too long'))),
  limit: pageLimit(100, 100),
});
export type AuditReadsQuery = z.infer<typeof AuditReadsQuery>;

/** Path parameter `{year}` of the calendar and report routes. */
export const YearParam = z.pipe(
  withKeywords(z.string().check(z.regex(/^\d{4}$/, 'must be a year YYYY')), { maxLength: 4 }),
  z.transform((s) => Number(s)),
);

/** A region code for calendar overrides (e.g. the GB/T 2260 division code `650000`). */
export const RegionCode = withKeywords(
  z.string().check(z.regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$/, 'must be a region code: 1–32 letters, digits, _ or -')),
  { maxLength: 32 },
);

const CalendarDaySchema = z.strictObject({ date: CivilDateString, name: line(100) });

/** `PUT /calendar/{year}`: a year's holidays and make-up working days, with the notice they come from. */
export const PutCalendarBody = z.strictObject({
  region: z.optional(z.nullable(RegionCode)),
  holidays: z.array(CalendarDaySchema).check(z.maxLength(366, 'must list at most 366 days')),
  workdays: z.array(CalendarDaySchema).check(z.maxLength(366, 'must list at most 366 days')),
  source: freeText(500),
});
export type PutCalendarBody = z.infer<typeof PutCalendarBody>;

/** `PUT /agencies/{id}`. */
export const PutAgencyBody = z.strictObject({
  name: line(200),
  parentId: z.nullable(AgencyId),
  autoConfirmOnline: z.optional(z.boolean()),
  /** Whether the public form offers the agency (default on; shared/store/agencies.ts). */
  acceptsOnlineApplications: z.optional(z.boolean()),
  calendarRegion: z.optional(z.nullable(RegionCode)),
  /**
   * Whole years after a case closes until its applicant's personal data is removed (default 10: the
   * agency's archives schedule, shared/store/agencies.ts DEFAULT_RETENTION_YEARS).
   */
  retentionYears: z.optional(z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(100, 'must be at most 100'))),
  /** The agency's written notices (docs/domain.md §9): number pattern and the bodies of the remedy clause. */
  documents: z.optional(
    z.strictObject({
      numberPattern: z.optional(line(100)),
      numberPatterns: z.optional(
        z.partialRecord(z.enum(DOCUMENT_KINDS), line(100)),
      ),
      reconsiderationBody: z.optional(line(200)),
      reconsiderationBodyEn: z.optional(line(200)),
      court: z.optional(line(200)),
      courtEn: z.optional(line(200)),
      contact: z.optional(line(300)),
    }),
  ),
});
export type PutAgencyBody = z.infer<typeof PutAgencyBody>;

/** `POST /cases/{id}/erasure`: the lawful deletion request being carried out (PIPL Art. 47). */
export const EraseCaseBody = z.strictObject({
  /** The request's reference and legal ground (e.g. `删除申请 2026-017，个人信息保护法第四十七条`), never personal data. */
  note: line(500),
});
export type EraseCaseBody = z.infer<typeof EraseCaseBody>;

/** The report templates (docs/domain.md §7); the same list as shared/reports/templates/registry.ts (a unit test checks). */
export const TemplateIdSchema = z.enum(['cn-2021', 'cn-2019', 'cn-2008'] as const satisfies readonly TemplateId[]);

/** `self`: the agency's own cases; `subtree`: the consolidated report of the agency and every agency below it. */
export const ReportScopeSchema = z.enum(['self', 'subtree']);

/** `GET /reports/{year}` query. */
export const ReportQuery = z.strictObject({
  agencyId: z.optional(AgencyId),
  scope: z._default(ReportScopeSchema, 'self'),
  template: z.optional(TemplateIdSchema),
  format: z._default(z.enum(['json', 'csv', 'html']), 'json'),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** `POST /reports/{year}/generate` body: every field optional (`{}`: the caller's agency, own report, the year's template). */
export const GenerateReportBody = z.strictObject({
  agencyId: z.optional(AgencyId),
  scope: z._default(ReportScopeSchema, 'self'),
  template: z.optional(TemplateIdSchema),
});
export type GenerateReportBody = z.infer<typeof GenerateReportBody>;

/** Path parameter `{cellId}`: `<template>.<row>.<column>` (shared/reports/templates/layout.ts). */
export const CellIdParam = withKeywords(
  z.string().check(z.regex(/^cn-\d{4}\.[a-z0-9_]+\.[a-z0-9_]+$/, 'must be a report cell id <template>.<row>.<column>, e.g. cn-2021.new.total')),
  { maxLength: 128 },
);

/** `GET /reports/{year}/cells/{cellId}` query: whose figure, and the page of case ids. */
export const CellCasesQuery = z.strictObject({
  agencyId: z.optional(AgencyId),
  scope: z._default(ReportScopeSchema, 'self'),
  cursor: z.optional(z.string().check(z.maxLength(4096, 'is too long'))),
  limit: pageLimit(10_000, 1000),
});
export type CellCasesQuery = z.infer<typeof CellCasesQuery>;

/** Path parameter `{documentId}`: a document's id (a ULID, like case ids). */
export const DocumentIdParam = withKeywords(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a document id')), { maxLength: 26 });

/** `?format=docx|html&lang=zh|en` of a document download (DOCX is Chinese only). */
export const DocumentFileQuery = z.strictObject({
  format: z._default(z.enum(['docx', 'html']), 'docx'),
  lang: z._default(z.enum(['zh', 'en']), 'zh'),
});
export type DocumentFileQuery = z.infer<typeof DocumentFileQuery>;

/** `POST /cases/{id}/documents/{documentId}/delivery`: how and when it reached its addressee (送达). */
export const DeliveryBody = z.strictObject({
  expectedVersion: z.int().check(z.minimum(1, 'must be at least 1')),
  method: z.enum(DOCUMENT_DELIVERY_METHODS),
  deliveredOn: CivilDateString,
  trackingNumber: z.optional(line(64)),
});
export type DeliveryBody = z.infer<typeof DeliveryBody>;

/** `POST /cases/{id}/documents/{documentId}/reissue`: the corrected notice text. */
export const ReissueBody = z.strictObject({
  expectedVersion: z.int().check(z.minimum(1, 'must be at least 1')),
  notice: z.optional(NoticeFieldsBody),
});
export type ReissueBody = z.infer<typeof ReissueBody>;

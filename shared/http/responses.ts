/**
 * Response schemas (zod/mini): what every route answers, in one place. The route table names each
 * route's success schema; the handler's result is typed from it (`httpHandler` refuses a body that does
 * not fit, at compile time); the OpenAPI document renders these schemas under components.schemas; the
 * end-to-end tests validate every answer against that document (tests/helpers/contract.ts). A field a
 * service adds without adding it here fails the build or the tests (objects allow no other properties).
 *
 * Source: the services' return types (shared/services/), RFC 9457 for problems.
 */
import * as z from 'zod/mini';
import {
  APPLICANT_TYPES,
  CASE_STATUSES,
  CHANNELS,
  DOCUMENT_DELIVERY_METHODS,
  DOCUMENT_KINDS,
  ID_DOCUMENT_TYPES,
  ORGANIZATION_TYPES,
  ROLES,
} from '../domain/types.js';
import { FEE_METHODS } from '../domain/fees.js';
import { OUTCOME_CODE_LIST } from '../domain/outcome-codes.js';
import { CivilDateString, Delivery, ReportScopeSchema, TemplateIdSchema } from './schemas.js';

/** The names under components.schemas of the OpenAPI document. */
export const responseSchemas = z.registry<{ id: string; description?: string }>();

function named<S extends z.ZodMiniType>(id: string, schema: S, description?: string): S {
  responseSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

const Instant = z.string().check(z.minLength(20), z.maxLength(40));
const Text = z.string();
const Count = z.int().check(z.minimum(0));
const Version = z.int().check(z.minimum(1));
const Sequence = z.int().check(z.minimum(1));
const HttpErrorStatus = z.int().check(z.minimum(400), z.maximum(599));
const DayOfWeek = z.int().check(z.minimum(0), z.maximum(6));
const RetentionYears = z.int().check(z.minimum(1), z.maximum(100));
const ActorRoleSchema = z.enum([...ROLES, 'applicant', 'system']);
const AppealResult = z.enum(['upheld', 'corrected', 'other']);
const ApplicantColumn = z.enum(['natural_person', 'commercial', 'research', 'social_welfare', 'legal_services', 'other']);
const Bilingual = z.object({ zh: Text, en: Text });

// ---- Problems (RFC 9457) ---------------------------------------------------------------------------

const ProblemDetailSchema = z.object({
  path: z.array(z.union([z.string(), z.int()])),
  message: Text,
});

/** Every error answer (application/problem+json): the one error table of shared/http/problem.ts and the local server's. */
export const ProblemSchema = named(
  'Problem',
  z.object({
    type: z.string(),
    title: Text,
    status: HttpErrorStatus,
    detail: z.optional(Text),
    instance: z.optional(z.string()),
    problems: z.optional(z.array(ProblemDetailSchema)),
    rule: z.optional(z.string()),
    citation: z.optional(Text),
    messages: z.optional(Bilingual),
    currentVersion: z.optional(z.int()),
    violations: z.optional(z.array(z.object({ identity: z.int(), message: Text, cellIds: z.array(z.string()) }))),
    retryable: z.optional(z.boolean()),
  }),
  'An RFC 9457 problem. `problems` lists every invalid input with its path; 422 illegal actions name the `rule`, its `citation` and its `messages` (zh, en); 409 gives the `currentVersion`; a report that breaks its identities lists the `violations`; 503 says `retryable`.',
);

// ---- Written notices (docs/domain.md §9) -------------------------------------------------------------

const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
const Sha256 = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const DocumentHashes = z.object({ html: Sha256, htmlEn: Sha256 });

/** A written notice in a list (the case's documents, the applicant's): its number, title, hashes, delivery. */
export const DocumentSummarySchema = named(
  'DocumentSummary',
  z.object({
    id: z.string(),
    kind: DocumentKindSchema,
    title: Text,
    titleEn: Text,
    number: Text,
    issuedOn: CivilDateString,
    sha256: DocumentHashes,
    rendered: z.boolean(),
    supersedes: z.optional(z.string()),
    supersededBy: z.optional(z.string()),
    delivery: z.optional(z.object({ method: z.enum(DOCUMENT_DELIVERY_METHODS), deliveredOn: CivilDateString, trackingNumber: z.optional(Text) })),
  }),
  'A written notice: its number, its title (zh, en), the SHA-256 of its printable HTML in each language, whether its files are rendered yet, what it supersedes or is superseded by, and its delivery (送达) once recorded.',
);

/** `POST /cases/{id}/documents/{documentId}/delivery`. */
export const DeliveryRecordedSchema = named(
  'DeliveryRecorded',
  z.object({ version: Version, document: DocumentSummarySchema }),
  "The case's version after the `record_delivery` event, and the document with its delivery.",
);

/** `POST /cases/{id}/documents/{documentId}/reissue`. */
export const DocumentReissuedSchema = named(
  'DocumentReissued',
  z.object({ version: Version, document: DocumentSummarySchema, superseded: z.string() }),
  "The case's version after the `reissue_document` event, the new numbered document, and the id of the one it supersedes.",
);

// ---- Applications ------------------------------------------------------------------------------------

const Stretch = z.object({
  kind: z.enum(['counted', 'extension', 'excluded', 'paused', 'restart', 'awaiting_correction']),
  from: CivilDateString,
  to: z.nullable(CivilDateString),
  workingDays: z.nullable(Count),
  rule: Text,
});

export const DeadlineExplanationSchema = named(
  'DeadlineExplanation',
  z.object({
    regime: z.enum(['2008', '2019']),
    regulation: Text,
    receivedDate: CivilDateString,
    clockStart: z.nullable(CivilDateString),
    workingDays: Count,
    extensionDays: Count,
    dueDate: z.nullable(CivilDateString),
    originalDueDate: z.nullable(CivilDateString),
    provisional: z.boolean(),
    provisionalReason: z.nullable(Text),
    paused: z.boolean(),
    pausedSince: z.nullable(CivilDateString),
    workingDaysLeft: z.nullable(Count),
    awaitingCorrection: z.boolean(),
    summary: Text,
    counting: Text,
    stretches: z.array(Stretch),
    calendarSources: z.array(z.object({ year: z.int(), sources: z.array(Text) })),
    notes: z.array(Bilingual),
  }),
  'The deadline explained: the regime, the count, every stretch with its rule, the calendar sources.',
);

const CaseStatusSchema = z.enum(CASE_STATUSES);

/** `POST /applications` (201). */
export const SubmitResultSchema = named(
  'SubmitResult',
  z.object({
    id: z.string(),
    queryCode: z.string(),
    status: CaseStatusSchema,
    submittedAt: Instant,
    receivedDate: z.optional(CivilDateString),
    dueDate: z.optional(CivilDateString),
    provisional: z.optional(z.boolean()),
    receiptRule: Bilingual,
  }),
  'The application number, the query code (shown once: only its hash is kept) and the status.',
);

/** `GET /applications/{id}`: the public view, no personal data. */
export const ApplicationViewSchema = named(
  'ApplicationView',
  z.object({
    id: z.string(),
    agencyId: z.string(),
    status: CaseStatusSchema,
    submittedAt: z.optional(Instant),
    receivedDate: z.optional(CivilDateString),
    dueDate: z.optional(CivilDateString),
    originalDueDate: z.optional(CivilDateString),
    provisional: z.boolean(),
    provisionalReason: z.optional(Text),
    extended: z.boolean(),
    paused: z.boolean(),
    pausedSince: z.optional(CivilDateString),
    workingDaysLeft: z.optional(Count),
    outcome: z.optional(z.enum(OUTCOME_CODE_LIST)),
    closedDate: z.optional(CivilDateString),
    deadline: z.optional(DeadlineExplanationSchema),
    timeline: z.array(
      z.object({
        date: CivilDateString,
        recordedAt: Instant,
        type: z.string(),
        label: Text,
        details: z.optional(z.record(z.string(), z.unknown())),
      }),
    ),
    documents: z.optional(z.array(DocumentSummarySchema)),
  }),
  "The applicant's view of an application (no personal data); with electronic delivery, the documents addressed to them (download each with the query code).",
);

// ---- Cases ---------------------------------------------------------------------------------------

const ActorSchema = z.object({ sub: z.string(), name: Text, role: ActorRoleSchema, agencyId: z.optional(z.string()) });

const CaseFlagsSchema = z.object({
  correctionLate: z.optional(z.boolean()),
  dueSoon: z.optional(z.boolean()),
  overdue: z.optional(z.boolean()),
  consultationLapsed: z.optional(z.boolean()),
  receiptConfirmedLate: z.optional(z.boolean()),
  unconfirmed: z.optional(z.boolean()),
});

const OutcomeSchema = z.enum(OUTCOME_CODE_LIST);

/** One tier of a fee as applied (shared/domain/fees.ts): units `from`–`to` at `rateFen` each, `amountFen` in all. */
const FeeBandSchema = z.object({ from: z.int(), to: z.int(), units: z.int(), rateFen: z.int(), amountFen: z.int() });
/** A fee as computed (shared/domain/fees.ts FeeComputation) and how to pay it: in the case's fee and its notice event. */
const feeComputed = {
  method: z.enum(FEE_METHODS),
  units: z.int(),
  priorUnits: z.int(),
  breakdown: z.array(FeeBandSchema),
  amountFen: z.int(),
  howToPay: Text,
};

export const CaseStateSchema = named(
  'CaseState',
  z.object({
    id: z.string(),
    agencyId: z.string(),
    status: CaseStatusSchema,
    channel: z.enum(CHANNELS),
    applicantColumn: ApplicantColumn,
    regime: z.nullable(z.enum(['2008', '2019'])),
    submittedAt: z.optional(Instant),
    receivedDate: z.optional(CivilDateString),
    letterArrivedOn: z.optional(CivilDateString),
    clockStart: z.optional(CivilDateString),
    dueDate: z.optional(CivilDateString),
    originalDueDate: z.optional(CivilDateString),
    provisional: z.boolean(),
    provisionalReason: z.optional(Text),
    extended: z.boolean(),
    extension: z.optional(
      z.object({
        days: z.int(),
        reason: Text,
        approvedBy: ActorSchema,
        approvingAgencyId: z.optional(z.string()),
        approvedOn: CivilDateString,
        noticeDate: CivilDateString,
      }),
    ),
    paused: z.boolean(),
    pausedSince: z.optional(CivilDateString),
    workingDaysLeft: z.optional(Count),
    correction: z.optional(
      z.object({
        requestedOn: CivilDateString,
        items: z.array(Text),
        correctionDueDate: CivilDateString,
        noticeDueDate: z.optional(CivilDateString),
        deliveredOn: z.optional(CivilDateString),
        late: z.boolean(),
        receivedOn: z.optional(CivilDateString),
      }),
    ),
    consultations: z.array(
      z.object({
        party: z.enum(['third_party', 'other_agency']),
        name: Text,
        start: CivilDateString,
        letterReceivedOn: z.optional(CivilDateString),
        windowEnd: z.optional(CivilDateString),
        end: z.optional(CivilDateString),
        result: z.optional(z.enum(['agreed', 'objected', 'no_reply'])),
        lapsed: z.optional(z.boolean()),
      }),
    ),
    outcome: z.optional(OutcomeSchema),
    publicInterest: z.optional(
      z.object({ decidedOn: CivilDateString, decidedBy: ActorSchema, information: Text, reason: Text, thirdPartyNotifiedOn: CivilDateString }),
    ),
    art35: z.optional(
      z.object({
        requestedOn: CivilDateString,
        question: Text,
        reasonsDueDate: CivilDateString,
        reasonablePeriod: z.optional(
          z.object({ until: CivilDateString, reason: Text, decidedOn: CivilDateString, decidedBy: ActorSchema, noticeDate: CivilDateString }),
        ),
      }),
    ),
    fee: z.optional(
      z.object({
        ...feeComputed,
        noticeDate: CivilDateString,
        noticeReceivedOn: CivilDateString,
        paymentDueDate: z.optional(CivilDateString),
        status: z.enum(['notified', 'paid', 'waived', 'unpaid']),
        settledOn: z.optional(CivilDateString),
        waiverReason: z.optional(Text),
      }),
    ),
    closingAction: z.optional(z.enum(['reply', 'withdraw', 'close_no_correction', 'close_fee_unpaid'])),
    closedDate: z.optional(CivilDateString),
    timing: z.optional(z.enum(['on_time', 'extended', 'overdue'])),
    appeals: z.array(
      z.object({
        kind: z.enum(['reconsideration', 'lawsuit']),
        afterReconsideration: z.optional(z.boolean()),
        filedDate: CivilDateString,
        decidedDate: z.optional(CivilDateString),
        result: z.optional(AppealResult),
      }),
    ),
    complaints: z.array(z.object({ filedDate: CivilDateString, decidedDate: z.optional(CivilDateString), result: z.optional(AppealResult) })),
    flags: CaseFlagsSchema,
    explanation: z.optional(DeadlineExplanationSchema),
    missedDeadline: z.optional(CivilDateString),
    receiptLateReason: z.optional(Text),
    lastEffectiveDate: z.optional(CivilDateString),
    version: Version,
  }),
  "A case's state, derived from its events.",
);

/** A written notice issued with an event, numbered in its transaction (docs/domain.md §9). */
const IssuedDocumentRefSchema = z.object({
  id: z.string(),
  kind: DocumentKindSchema,
  number: Text,
  sha256: DocumentHashes,
  supersedes: z.optional(z.string()),
});

const eventBase = {
  seq: Sequence,
  actor: ActorSchema,
  recordedAt: Instant,
  effectiveDate: CivilDateString,
  documents: z.optional(z.array(IssuedDocumentRefSchema)),
};

/** One event of a case's history (append-only); `type` names what happened. */
export const CaseEventSchema = named(
  'CaseEvent',
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('submit'), channel: z.literal('online'), submittedAt: Instant, applicantColumn: ApplicantColumn, ...eventBase }),
    z.object({
      type: z.literal('register'),
      channel: z.enum(CHANNELS),
      receivedDate: CivilDateString,
      submittedAt: z.optional(Instant),
      applicantColumn: ApplicantColumn,
      lateReason: z.optional(Text),
      letterArrivedOn: z.optional(CivilDateString),
      ...eventBase,
    }),
    z.object({ type: z.literal('confirm_receipt'), receivedDate: CivilDateString, lateReason: z.optional(Text), ...eventBase }),
    z.object({ type: z.literal('request_correction'), items: z.array(Text), correctionDueDate: CivilDateString, ...eventBase }),
    z.object({ type: z.literal('receive_correction'), ...eventBase }),
    z.object({
      type: z.literal('start_consultation'),
      party: z.enum(['third_party', 'other_agency']),
      name: Text,
      letterReceivedOn: z.optional(CivilDateString),
      ...eventBase,
    }),
    z.object({ type: z.literal('end_consultation'), result: z.enum(['agreed', 'objected', 'no_reply']), ...eventBase }),
    z.object({ type: z.literal('consultation_lapsed'), windowEnd: CivilDateString, ...eventBase }),
    z.object({ type: z.literal('extend'), days: z.int(), reason: Text, noticeDate: z.optional(CivilDateString), ...eventBase }),
    z.object({
      type: z.literal('reply'),
      outcome: OutcomeSchema,
      deliveryMethod: z.optional(z.string()),
      replyNumber: z.optional(Text),
      ...eventBase,
    }),
    z.object({ type: z.literal('withdraw'), ...eventBase }),
    z.object({ type: z.literal('close_no_correction'), ...eventBase }),
    z.object({
      type: z.literal('fee_notice'),
      ...feeComputed,
      noticeReceivedOn: z.optional(CivilDateString),
      ...eventBase,
    }),
    z.object({ type: z.literal('fee_paid'), ...eventBase }),
    z.object({ type: z.literal('public_interest_disclosure'), information: Text, reason: Text, thirdPartyNotifiedOn: z.optional(CivilDateString), ...eventBase }),
    z.object({ type: z.literal('request_reasons'), question: Text, reasonsDueDate: CivilDateString, ...eventBase }),
    z.object({ type: z.literal('reasonable_period'), until: CivilDateString, reason: Text, noticeDate: z.optional(CivilDateString), ...eventBase }),
    z.object({ type: z.literal('fee_waived'), reason: Text, ...eventBase }),
    z.object({ type: z.literal('close_fee_unpaid'), ...eventBase }),
    z.object({ type: z.literal('file_reconsideration'), ...eventBase }),
    z.object({ type: z.literal('decide_reconsideration'), result: AppealResult, ...eventBase }),
    z.object({ type: z.literal('file_lawsuit'), afterReconsideration: z.boolean(), ...eventBase }),
    z.object({ type: z.literal('decide_lawsuit'), result: AppealResult, ...eventBase }),
    z.object({ type: z.literal('file_complaint'), ...eventBase }),
    z.object({ type: z.literal('decide_complaint'), result: AppealResult, ...eventBase }),
    z.object({ type: z.literal('deadline_flag'), flag: z.enum(['due_soon', 'overdue']), dueDate: CivilDateString, ...eventBase }),
    z.object({ type: z.literal('receipt_flag'), flag: z.literal('unconfirmed'), submittedOn: CivilDateString, ...eventBase }),
    z.object({
      type: z.literal('anonymise'),
      reason: z.enum(['retention', 'erasure_request']),
      retentionYears: z.optional(z.int()),
      note: z.optional(Text),
      ...eventBase,
    }),
    z.object({ type: z.literal('reissue_document'), documentId: z.string(), supersedes: z.string(), ...eventBase }),
    z.object({
      type: z.literal('record_delivery'),
      documentId: z.string(),
      kind: z.optional(DocumentKindSchema),
      method: z.enum(DOCUMENT_DELIVERY_METHODS),
      deliveredOn: CivilDateString,
      trackingNumber: z.optional(Text),
      ...eventBase,
    }),
  ]),
);

const headline = {
  id: z.string(),
  agencyId: z.string(),
  version: Version,
  status: CaseStatusSchema,
  channel: z.enum(CHANNELS),
  receivedDate: z.nullable(CivilDateString),
  dueDate: z.nullable(CivilDateString),
  provisional: z.boolean(),
  extended: z.boolean(),
  outcome: z.nullable(z.enum(OUTCOME_CODE_LIST)),
  closedDate: z.nullable(CivilDateString),
};

/**
 * An applicant as stored and answered: the fields of the request's Applicant, as free strings, because the
 * officers' views mask the identity number, the phone and the e-mail (`*`, shared/services/personal-data.ts)
 * and an anonymised case (shared/services/retention.ts) keeps only the kinds, with an empty name and number.
 */
function applicantData() {
  return z.object({
    type: z.enum(APPLICANT_TYPES),
    organizationType: z.optional(z.enum(ORGANIZATION_TYPES)),
    name: Text,
    idDocument: z.object({
      type: z.enum(ID_DOCUMENT_TYPES),
      number: Text,
    }),
    phone: z.optional(Text),
    email: z.optional(Text),
    address: z.optional(Text),
    postalCode: z.optional(z.string()),
    workUnit: z.optional(Text),
    legalRepresentative: z.optional(Text),
    contactName: z.optional(Text),
  });
}

export const MaskedApplicantSchema = named(
  'MaskedApplicant',
  applicantData(),
  'The applicant with the identity number, phone and e-mail masked (an anonymised case: the kinds only).',
);

export const ApplicantDataSchema = named(
  'ApplicantData',
  applicantData(),
  "The applicant's full personal data (an anonymised case: the kinds only).",
);

/** The information asked for (an anonymised case: an empty description). */
const InformationRequestData = z.object({ description: Text, documentNumber: z.optional(Text), purpose: z.optional(Text) });

const caseViewFields = {
  ...headline,
  state: CaseStateSchema,
  applicant: MaskedApplicantSchema,
  request: InformationRequestData,
  delivery: Delivery,
  createdAt: Instant,
  updatedAt: Instant,
  /** When the applicant's personal data was removed (shared/services/retention.ts). */
  anonymisedAt: z.optional(Instant),
  events: z.optional(z.array(CaseEventSchema)),
  /** The written notices the answer's action issued (an action's answer), or all the case's (GET /cases/{id}). */
  documents: z.optional(z.array(DocumentSummarySchema)),
};

/** `POST /cases/{id}/actions` (and `POST /cases`): a case as officers see it, the applicant's numbers masked. */
export const CaseViewSchema = named('CaseView', z.object(caseViewFields), "A case as officers see it: the applicant's identity number, phone and e-mail masked.");

/** `POST /cases` (201): the case and the query code for the applicant (shown once). */
export const RegisteredCaseSchema = named('RegisteredCase', z.object({ ...caseViewFields, queryCode: z.string() }));

const DayExplanationSchema = z.object({
  date: CivilDateString,
  dayOfWeek: DayOfWeek,
  kind: z.enum(['workday', 'weekend', 'holiday', 'makeup_workday']),
  name: z.optional(Text),
  role: z.enum(['clock_start', 'counted', 'extension', 'not_working', 'excluded', 'paused']),
  count: z.optional(z.int()),
  guess: z.boolean(),
});

/** `GET /cases/{id}`: the case with its history and the deadline day by day. */
export const CaseDetailSchema = named(
  'CaseDetail',
  z.object({ ...caseViewFields, deadlineDays: z.array(DayExplanationSchema), documents: z.array(DocumentSummarySchema) }),
);

/** `GET /cases`: a page of the worklist. */
export const CaseListSchema = named(
  'CaseList',
  z.object({
    items: z.array(
      z.object({ ...headline, paused: z.boolean(), flags: CaseFlagsSchema, applicantName: Text, description: Text }),
    ),
    cursor: z.optional(z.string()),
  }),
);

/** `GET /cases/{id}/applicant`. */
export const ApplicantViewSchema = named(
  'ApplicantView',
  z.object({ caseId: z.string(), agencyId: z.string(), applicant: ApplicantDataSchema, delivery: Delivery }),
  "The applicant's full personal data (the read is recorded).",
);

/** `GET /audit/personal-data-reads`. */
export const PersonalDataReadsSchema = named(
  'PersonalDataReads',
  z.object({
    agencyId: z.string(),
    from: CivilDateString,
    to: CivilDateString,
    items: z.array(
      z.object({
        agencyId: z.string(),
        caseId: z.string(),
        at: Instant,
        reader: z.object({ sub: z.string(), name: Text, role: ActorRoleSchema }),
        reason: z.optional(Text),
        requestId: z.string(),
      }),
    ),
    cursor: z.optional(z.string()),
  }),
);

// ---- Calendar and agencies -------------------------------------------------------------------------

const CalendarDay = z.object({ date: CivilDateString, name: Text });

const CalendarYearSchema = named(
  'CalendarYear',
  z.object({
    year: z.int(),
    region: z.optional(z.nullable(z.string())),
    holidays: z.array(CalendarDay),
    workdays: z.array(CalendarDay),
    source: Text,
    loadedBy: z.string(),
    loadedAt: Instant,
  }),
);

/** `POST /cases/{id}/erasure`. */
export const ErasureResultSchema = named(
  'ErasureResult',
  z.object({ id: z.string(), version: Version, anonymisedAt: Instant }),
  'The case erased: its version after the `anonymise` event, and when.',
);

/** `GET /calendar/{year}`. */
export const CalendarSchema = named(
  'Calendar',
  z.object({ year: z.int(), national: z.nullable(CalendarYearSchema), regions: z.array(CalendarYearSchema) }),
);

/** `PUT /calendar/{year}`. */
export const CalendarLoadedSchema = named(
  'CalendarLoaded',
  z.object({
    calendar: CalendarYearSchema,
    recomputed: z.object({ examined: Count, changed: Count, stillProvisional: Count, skippedConcurrentlyChanged: Count }),
  }),
);

export const AgencySchema = named(
  'Agency',
  z.object({
    id: z.string(),
    name: Text,
    parentId: z.nullable(z.string()),
    autoConfirmOnline: z.boolean(),
    acceptsOnlineApplications: z.boolean(),
    calendarRegion: z.nullable(z.string()),
    retentionYears: RetentionYears,
    documents: z.optional(
      z.object({
        numberPattern: z.optional(Text),
        numberPatterns: z.optional(z.partialRecord(DocumentKindSchema, Text)),
        reconsiderationBody: z.optional(Text),
        reconsiderationBodyEn: z.optional(Text),
        court: z.optional(Text),
        courtEn: z.optional(Text),
        contact: z.optional(Text),
      }),
    ),
    updatedAt: Instant,
    updatedBy: z.string(),
  }),
);

/** `GET /agencies`. */
export const AgencyListSchema = named('AgencyList', z.object({ items: z.array(AgencySchema) }));

/** `GET /public/agencies`. */
export const PublicAgencyListSchema = named(
  'PublicAgencyList',
  z.object({ items: z.array(z.object({ id: z.string(), name: Text, path: z.array(Text), pathText: Text })) }),
);

// ---- Reports ---------------------------------------------------------------------------------------

const IdentityCheckSchema = z.object({
  passed: z.literal(true),
  identities: z.array(z.int()),
  previousYear: z.nullable(z.object({ year: z.int(), templateId: TemplateIdSchema, generatedAt: Instant })),
  children: z.nullable(z.array(z.string())),
});

/** `GET /reports/{year}` (JSON) and `POST /reports/{year}/generate`: the report document. */
export const ReportDocumentSchema = named(
  'ReportDocument',
  z.object({
    published: z.boolean(),
    publishedAt: z.optional(Instant),
    publishedBy: z.optional(z.string()),
    storage: z.optional(z.string()),
    files: z.optional(z.object({ json: z.string(), csv: z.string(), html: z.string() })),
    templateId: TemplateIdSchema,
    year: z.int(),
    agencyId: z.string(),
    agencyName: Text,
    scope: ReportScopeSchema,
    generatedAt: Instant,
    identityCheck: IdentityCheckSchema,
    sections: z.array(z.object({ id: z.string(), title: z.optional(Text), rowIds: z.array(z.string()), columnIds: z.array(z.string()) })),
    cells: z.record(
      z.string(),
      z.object({
        id: z.string(),
        sectionId: z.string(),
        rowId: z.string(),
        columnId: z.string(),
        rowLabels: z.array(Text),
        columnLabels: z.array(Text),
        value: Count,
      }),
    ),
  }),
  'A year-end report: its figures by cell, the identities it passed, and whether (and where) it is published.',
);

/** `GET /reports/{year}/cells/{cellId}`. */
export const CellCasesSchema = named(
  'CellCases',
  z.object({
    year: z.int(),
    agencyId: z.string(),
    scope: ReportScopeSchema,
    cellId: z.string(),
    caseIds: z.array(z.string()),
    cursor: z.optional(z.string()),
  }),
);

/** `GET /openapi.json`: an OpenAPI 3.1 document. */
export const OpenApiDocumentSchema = named(
  'OpenApiDocument',
  z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
);

/**
 * The answers by their component name. The route table names each route's answer by it
 * (shared/http/routes.ts), so a function's bundle carries no response schema at run time: they are types
 * for the handlers (shared/http/handler.ts `SuccessBody`) and the OpenAPI document's components.
 */
export const RESPONSES = {
  Agency: AgencySchema,
  AgencyList: AgencyListSchema,
  ApplicantView: ApplicantViewSchema,
  ApplicationView: ApplicationViewSchema,
  Calendar: CalendarSchema,
  CalendarLoaded: CalendarLoadedSchema,
  CaseDetail: CaseDetailSchema,
  CaseList: CaseListSchema,
  CaseView: CaseViewSchema,
  CellCases: CellCasesSchema,
  DeliveryRecorded: DeliveryRecordedSchema,
  DocumentReissued: DocumentReissuedSchema,
  ErasureResult: ErasureResultSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  PersonalDataReads: PersonalDataReadsSchema,
  PublicAgencyList: PublicAgencyListSchema,
  RegisteredCase: RegisteredCaseSchema,
  ReportDocument: ReportDocumentSchema,
  SubmitResult: SubmitResultSchema,
} as const;
export type ResponseSchemas = typeof RESPONSES;
export type ResponseName = keyof ResponseSchemas;

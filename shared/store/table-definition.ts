/**
 * The one table (single-table design, docs/architecture.md "Data and consistency"): its key schema, indexes and TTL
 * attribute. The CDK stateful stack and the local setup both build the table from this definition, so
 * they cannot drift. Index attribute names are generic (docs/architecture.md "Data model"); what goes into them is decided by
 * shared/store/keys.ts alone.
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** What the index is for (documentation). */
  purpose: string;
  /** ALL, or only these non-key attributes (keeps personal data out of the statistics indexes). */
  projection: 'ALL' | readonly string[];
}

/**
 * The case item's attribute that holds what the year-end statistics need (shared/reports ReportCase):
 * the statistics indexes project only this, never the applicant's identity.
 */
export const REPORT_ATTRIBUTE = 'report';

/**
 * What the worklist index projects (besides the keys): what a worklist row shows and the deadline sweep and
 * calendar recomputation read — a case's state, its version, the request, the applicant's name
 * (`applicantName`) — and an agency's fields (the agency list reads the same index). Never the applicant's
 * identity document, phone, e-mail or address: those stay on the case item.
 */
export const WORKLIST_ATTRIBUTE_NAMES = [
  'id',
  'agencyId',
  'version',
  'state',
  'request',
  'applicantName',
  'createdAt',
  'updatedAt',
  'name',
  'parentId',
  'autoConfirmOnline',
  'acceptsOnlineApplications',
  'calendarRegion',
  'retentionYears',
  'updatedBy',
] as const;

/** The worklist index's projection, typed as any projection (so INDEXES keeps one shape per index). */
const WORKLIST_PROJECTION = WORKLIST_ATTRIBUTE_NAMES as IndexDefinition['projection'];

export const INDEXES = {
  /** Worklists: an agency's open / closed cases sorted by deadline (open) or closing date (closed). */
  byAgencyStatus: {
    indexName: 'GSI1',
    partitionKey: 'GSI1PK',
    sortKey: 'GSI1SK',
    purpose: "an agency's open cases by deadline, closed cases by closing date",
    projection: WORKLIST_PROJECTION,
  },
  /** Year-end statistics: an agency's cases by the year they were received. */
  byAgencyReceivedYear: {
    indexName: 'GSI2',
    partitionKey: 'GSI2PK',
    sortKey: 'GSI2SK',
    purpose: "an agency's cases by receipt year, sorted by receipt date",
    projection: [REPORT_ATTRIBUTE],
  },
  /** Year-end statistics: an agency's cases by the year they were concluded (or still open). */
  byAgencyClosedYear: {
    indexName: 'GSI3',
    partitionKey: 'GSI3PK',
    sortKey: 'GSI3SK',
    purpose: "an agency's cases by closing year (or open), sorted by receipt date",
    projection: [REPORT_ATTRIBUTE],
  },
} as const satisfies Record<string, IndexDefinition>;

/** Items with this attribute (epoch seconds) expire: idempotency records. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Every key attribute is a string. */
export const KEY_ATTRIBUTES: string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...Object.values(INDEXES).flatMap((index) => [index.partitionKey, index.sortKey]),
];

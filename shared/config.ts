/**
 * The process environment, parsed once (docs/architecture.md "Layers": zod at the edge only). Every variable the code reads
 * is here, with its default; README.md "Configuration" lists the same.
 */
import * as z from 'zod/mini';

const EnvSchema = z.object({
  /** The DynamoDB table. */
  TABLE_NAME: z._default(z.string().check(z.minLength(1)), 'gongkai'),
  /** Another DynamoDB-compatible endpoint (DynamoDB Local, a real table); unset in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** Region for the SDK; in Lambda set by the runtime. Locally any name works. */
  AWS_REGION: z._default(z.string(), 'local'),
  /** The S3 bucket of the generated year-end reports (set by the CDK stack); unset: a local folder. */
  REPORT_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /** The S3 bucket of the fan-out jobs' plans, map results and summaries (set by the CDK stack; AWS only). */
  JOB_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /** The local folder of the generated reports when REPORT_BUCKET is unset (default `.data/reports`). */
  REPORTS_DIR: z.optional(z.string().check(z.minLength(1))),
  /**
   * Whose ID tokens the API receives (shared/http/auth.ts): `cognito` reads `custom:agencyId` and
   * `cognito:groups`; `oidc` (another OpenID Connect provider, and the local server) reads the claims
   * named by OIDC_AGENCY_CLAIM and OIDC_GROUPS_CLAIM. Exactly one set of names is read, never both.
   */
  IDENTITY_PROVIDER: z._default(z.enum(['cognito', 'oidc']), 'oidc'),
  /** The agency claim of an OIDC provider (IDENTITY_PROVIDER=oidc). */
  OIDC_AGENCY_CLAIM: z._default(z.string().check(z.minLength(1)), 'agencyId'),
  /** The groups claim of an OIDC provider (IDENTITY_PROVIDER=oidc). */
  OIDC_GROUPS_CLAIM: z._default(z.string().check(z.minLength(1)), 'groups'),
  /**
   * The request header that carries the client's address as the edge saw it, when the API sits behind
   * CloudFront (the stack sets `x-viewer-address`, written by the edge's CloudFront Function); unset: API
   * Gateway's sourceIp (shared/http/client-address.ts). Set it only together with ORIGIN_SECRET_ARN, so a
   * request that went around the distribution is refused before the header is read.
   */
  CLIENT_ADDRESS_HEADER: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, 'must be a lower-case header name'))),
  /**
   * The Secrets Manager ARN of the edge's origin secret (set by the stack when CloudFront is in front):
   * every request must carry it in `x-origin-verify` (shared/http/origin.ts); unset: no check.
   */
  ORIGIN_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** Per-client limit of `POST /applications` per hour (shared/services/applications.ts publicRequestLimits). */
  SUBMISSIONS_PER_CLIENT_HOUR: z._default(z.pipe(z.string().check(z.regex(/^[1-9]\d{0,8}$/, 'must be a whole number ≥ 1')), z.transform(Number)), 20),
  /** Per-client limit of `GET /applications/{id}` per minute, right codes included. */
  LOOKUPS_PER_CLIENT_MINUTE: z._default(z.pipe(z.string().check(z.regex(/^[1-9]\d{0,8}$/, 'must be a whole number ≥ 1')), z.transform(Number)), 60),
  /**
   * The limit of one store call, all attempts together, in ms (shared/store/client.ts): a stalled store
   * answers 503 within this plus 3 s. Production keeps the default; the test suites raise it on a busy
   * machine, except the stall suite, which checks the default.
   */
  STORE_DEADLINE_MS: z._default(z.string().check(z.regex(/^[1-9]\d{2,5}$/, 'must be a whole number of milliseconds (100–999999)')), '4000'),
  /** The customer-managed KMS key of the applicant fields (set by the CDK stack); unset: the local key file. */
  KMS_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  /** Secrets Manager ARNs of the query-code and blind-index keys (set by the CDK stack); unset: local files. */
  QUERY_CODE_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  BLIND_INDEX_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** The local key folder (field key, secrets; mode 0600) when the above are unset (default `.data/keys`). */
  LOCAL_KEY_DIR: z.optional(z.string().check(z.minLength(1))),
  /** The S3 bucket of the cases' documents (set by the CDK stack); unset: a local folder. */
  DOCUMENT_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /** The local folder of the documents when DOCUMENT_BUCKET is unset (default `.data/documents`). */
  DOCUMENTS_DIR: z.optional(z.string().check(z.minLength(1))),
  /** Where notifications go locally (default `.data/outbox`): one JSON file per message sent. */
  OUTBOX_DIR: z.optional(z.string().check(z.minLength(1))),
  /** The sender of the notification e-mails (an SES verified identity); set by the CDK stack. */
  NOTIFY_FROM_EMAIL: z.optional(z.string().check(z.minLength(3))),
  /** Set in AWS on the sender function: send with SES and SNS; unset: write to the outbox folder. */
  NOTIFY_TRANSPORT: z._default(z.enum(['folder', 'aws']), 'folder'),
  /** pino-style level for the JSON logs. */
  LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']), 'INFO'),
});

export type Config = z.infer<typeof EnvSchema>;

let cached: Config | undefined;

/** The configuration of this process; throws naming every bad variable. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && cached) return cached;
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  if (env === process.env) cached = result.data;
  return result.data;
}

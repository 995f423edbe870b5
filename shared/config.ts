/**
 * The process environment, parsed once (STYLE.md §3: zod at the edge only). Every variable the code reads
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
  /** The local folder of the generated reports when REPORT_BUCKET is unset (default `.data/reports`). */
  REPORTS_DIR: z.optional(z.string().check(z.minLength(1))),
  /** The customer-managed KMS key of the applicant fields (set by the CDK stack); unset: the local key file. */
  KMS_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  /** Secrets Manager ARNs of the query-code and blind-index keys (set by the CDK stack); unset: local files. */
  QUERY_CODE_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  BLIND_INDEX_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** The local key folder (field key, secrets; mode 0600) when the above are unset (default `.data/keys`). */
  LOCAL_KEY_DIR: z.optional(z.string().check(z.minLength(1))),
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

/**
 * Only the edge may call the API (issue 13 item 9). Behind CloudFront (infra/constructs/edge.ts) the API's
 * custom domain is the distribution's origin, and it stays resolvable: a client that calls it directly
 * would pass around the WAF and could send its own `x-viewer-address` to choose the address the per-client
 * limits count (shared/http/client-address.ts). So CloudFront adds a secret header to every request it sends
 * to the origin (`x-origin-verify`, an origin custom header whose value is the `origin-verify` secret), and
 * every function refuses a request without it (403) before it reads anything else — the viewer address
 * included. A viewer cannot learn the value: CloudFront adds it on the way to the origin and never answers
 * it, and it is in neither the templates nor the code (a CloudFormation dynamic reference).
 *
 * The value is the Secrets Manager secret named by ORIGIN_SECRET_ARN (set by the stack only when the edge
 * exists; unset locally and without an edge: no check). Its current and previous versions (AWSCURRENT,
 * AWSPREVIOUS) are both accepted, so a rotation — put a new value, then update the edge stack — loses no
 * request in between; a process reads them again every five minutes. The comparison takes constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import { config } from '../config.js';
import { ForbiddenError, ServiceUnavailableError } from '../errors.js';
import { AwsJsonError, awsJsonClient, type AwsJsonCall } from '../store/aws-json.js';

/** The header CloudFront adds to every origin request (lower case, as API Gateway passes it). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** The message of the refusal (also in the i18n catalogue). */
export const ORIGIN_REFUSED = 'This API is reached through its public address only.';

/** The accepted values: the secret's current and, during a rotation, its previous version. */
export type OriginSecrets = () => Promise<readonly string[]>;

const TTL_MS = 5 * 60 * 1000;

/** The current and previous values of the secret `arn`, from Secrets Manager, cached for five minutes. */
export function secretsManagerOriginSecrets(arn: string, call: AwsJsonCall, now: () => number = Date.now): OriginSecrets {
  let cached: { at: number; values: Promise<readonly string[]> } | undefined;
  const stage = async (versionStage: string): Promise<string | undefined> => {
    try {
      const out = await call<{ SecretString: string }>('GetSecretValue', { SecretId: arn, VersionStage: versionStage });
      return out.SecretString;
    } catch (error) {
      // No previous version before the first rotation.
      if (versionStage === 'AWSPREVIOUS' && error instanceof AwsJsonError && error.code === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  };
  return () => {
    if (cached && now() - cached.at < TTL_MS) return cached.values;
    const values = Promise.all([stage('AWSCURRENT'), stage('AWSPREVIOUS')]).then((v) => v.filter((s): s is string => !!s));
    const entry = { at: now(), values };
    cached = entry;
    values.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return values;
  };
}

let shared: OriginSecrets | null | undefined;

/** The process's check: Secrets Manager when the stack set ORIGIN_SECRET_ARN; null (no check) otherwise. */
function originSecrets(): OriginSecrets | null {
  if (shared === undefined) {
    const env = config();
    shared = env.ORIGIN_SECRET_ARN
      ? secretsManagerOriginSecrets(env.ORIGIN_SECRET_ARN, awsJsonClient({ service: 'secretsmanager', targetPrefix: 'secretsmanager', region: env.AWS_REGION }))
      : null;
  }
  return shared;
}

/** Tests: check requests against these values (null: no check) for the rest of the process. */
export function useOriginSecrets(secrets: OriginSecrets | null): void {
  shared = secrets;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Throws ForbiddenError (403) unless the request carries the edge's secret header, when the deployment has
 * an edge; a ServiceUnavailableError (503, retry) when the secret cannot be read.
 */
export async function verifyOrigin(headers: Readonly<Record<string, string | undefined>>): Promise<void> {
  const secrets = originSecrets();
  if (secrets === null) return;
  let accepted: readonly string[];
  try {
    accepted = await secrets();
  } catch {
    throw new ServiceUnavailableError();
  }
  const sent = headers[ORIGIN_VERIFY_HEADER];
  if (sent === undefined || !accepted.some((value) => same(sent, value))) throw new ForbiddenError(ORIGIN_REFUSED);
}

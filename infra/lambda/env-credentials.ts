/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (an esbuild alias in infra/bundling.ts) in the
 * Lambda bundles only. In Lambda the runtime always provides the function role's credentials as
 * environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the rest of the
 * default chain (SSO, INI files, web identity, instance metadata, with the STS and SSO clients they
 * bring) is never used there — and it is about 100 KB of every bundle, a third of the size budget.
 * Local runs and tests keep the SDK's full default chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);

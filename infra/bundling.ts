/**
 * How every function is bundled, decided once (docs/architecture.md "Stacks") and used by both the CDK function construct
 * and the bundle benchmark: esbuild, ESM, minified, for node20 (the same code runs in the tests here and
 * on the nodejs24.x Lambda runtime), the AWS SDK bundled (pinned version, faster cold start), source maps.
 */
export const BUNDLE_TARGET = 'node20';

/** ESM output needs `require` for the few CommonJS dependencies the SDK still pulls in. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __gkCreateRequire } from 'node:module'; const require = __gkCreateRequire(import.meta.url);";

/**
 * The output's charset: UTF-8, so the catalogues' Chinese texts (the rules, the messages) are 3 bytes a
 * character instead of esbuild's default ASCII escapes (`\uXXXX`, 6 bytes); Node reads its sources as UTF-8.
 */
export const BUNDLE_CHARSET = 'utf8';

/** Prefer the ESM builds of dependencies (smaller, tree-shakable). */
export const MAIN_FIELDS = ['module', 'main'];

/** Budget from docs/architecture.md "Budgets": a function bundle is at most 400 KB minified. */
export const BUNDLE_BUDGET_BYTES = 400 * 1024;

/**
 * The one exception (docs/architecture.md "Budgets"): the function that renders documents carries the `docx`
 * library (217 KB minified) beside the DynamoDB client (180 KB), which together exceed 400 KB; it runs on
 * the table's stream, never in a request, so its cold start delays no caller. Nothing else of it is
 * bundled (shared/services/render-work.ts), and no other function bundles `docx`.
 */
export const RENDERER_BUNDLE_BUDGET_BYTES = 480 * 1024;
/** The logical id prefix of that function (infra/constructs/outbox-workers.ts). */
export const RENDERER_LOGICAL_ID = 'OutboxRenderDocuments';

/**
 * Module replacements for the Lambda bundles only (esbuild `alias`, paths relative to the repo root),
 * each saying why in its file: the SDK's default credential chain becomes the environment provider, which
 * is all Lambda uses (infra/lambda/env-credentials.ts, ~100 KB); the endpoint-discovery cache's LRU library
 * a Map (infra/lambda/lru-cache.ts, 7 KB); the event-stream support no DynamoDB operation uses a module
 * that says so (infra/lambda/no-event-streams.ts, 15 KB).
 */
export const LAMBDA_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': './infra/lambda/env-credentials.ts',
  'mnemonist/lru-cache': './infra/lambda/lru-cache.ts',
  '@smithy/core/event-streams': './infra/lambda/no-event-streams.ts',
};

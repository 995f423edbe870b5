import { defineConfig } from 'vitest/config';

/**
 * Three kinds of tests, one command (`npm test`, run with TZ=UTC so a time-zone mistake fails):
 * - unit: pure code, no I/O;
 * - integration and e2e: handlers and the local HTTP server over a real DynamoDB Local that
 *   tests/global-setup.ts starts once (in memory) and always stops;
 * - browser: the pages in real Chromium over the local stack;
 * - infra: CDK assertions with bundling skipped.
 */
/**
 * Every request of a test file comes from one client (127.0.0.1), so the per-client limits of the public
 * routes (shared/services/applications.ts publicRequestLimits) are lifted for the suites that are not about
 * them; tests/resilience/lockout.test.ts and query-code.test.ts set the real ones.
 */
const LIFTED_CLIENT_LIMITS = { SUBMISSIONS_PER_CLIENT_HOUR: '1000000', LOOKUPS_PER_CLIENT_MINUTE: '1000000' };
/** The local keys of the tests (shared/crypto/: field key and secrets, mode 0600), apart from `npm start`'s. */
const KEY_ENV = { LOCAL_KEY_DIR: '.data/test-keys' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Property tests run a few hundred random histories; on a loaded 2-core machine that can pass 5 s.
          testTimeout: 30_000,
          env: KEY_ENV,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/global-setup.ts'],
          // A store call may take up to 20 s here (production: 4 s): on a busy 2-core machine a cold
          // DynamoDB Local can take seconds to answer, and a 503 there would be a false failure.
          env: { ...KEY_ENV, ...LIFTED_CLIENT_LIMITS, STORE_DEADLINE_MS: '20000' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // Load, faults and hostile input against the running local stack: short forms in `npm test`, the
      // full forms with `npm run stress` (STRESS=full). The fault suite also runs its own on-disk database.
      {
        test: {
          name: 'resilience',
          include: ['tests/resilience/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/global-setup.ts'],
          // As above; the stall suite sets the production deadline back for itself.
          env: { ...KEY_ENV, ...LIFTED_CLIENT_LIMITS, STORE_DEADLINE_MS: '20000' },
          testTimeout: process.env.STRESS === 'full' ? 1_800_000 : 180_000,
          hookTimeout: 120_000,
        },
      },
      // The pages in real Chromium (Debian's chromium driven by playwright-core) over the local stack:
      // the citizen's and the officers' journeys, axe-core on every page, screenshots into docs/screenshots.
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          environment: 'node',
          env: KEY_ENV,
          testTimeout: 120_000,
        },
      },
    ],
  },
});

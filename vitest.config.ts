import { defineConfig } from 'vitest/config';

/**
 * Three kinds of tests, one command (`npm test`, run with TZ=UTC so a time-zone mistake fails):
 * - unit: pure code, no I/O;
 * - integration and e2e: handlers and the local HTTP server over a real DynamoDB Local that
 *   tests/global-setup.ts starts once (in memory) and always stops;
 * - infra: CDK assertions with bundling skipped.
 */
/** The local keys of the tests (shared/crypto/: field key and secrets, mode 0600), apart from `npm start`'s. */
const env = { LOCAL_KEY_DIR: '.data/test-keys' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          env,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup: ['tests/global-setup.ts'],
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
          env,
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: process.env.STRESS === 'full' ? 1_800_000 : 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 120_000,
        },
      },
    ],
  },
});

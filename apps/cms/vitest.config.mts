import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          // Processed by Vite like the tests, so that it and the tests share one copy of graphql
          // (its ESM build would otherwise load a second one: "another module or realm").
          server: { deps: { inline: ['graphql-query-complexity'] } },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          // One real Strapi on a scratch database serves every integration test file.
          globalSetup: ['test/support/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

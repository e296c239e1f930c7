/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Astro's Vite setup, so that unit tests can render .astro components (Astro's container API).
export default getViteConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.int.test.ts', 'test/**/*.e2e.test.ts'],
          // One seeded CMS and one built, served site for every end-to-end test file.
          globalSetup: ['test/support/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

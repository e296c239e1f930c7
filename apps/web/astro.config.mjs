// @ts-check
import { existsSync } from 'node:fs';
import { defineConfig, passthroughImageService } from 'astro/config';
import { readSiteUrl } from './src/env.ts';
import siteRendererAdapter from './src/renderer/adapter.mjs';

// The site's local .env (apps/web/.env.example) fills in what the shell has not set.
if (existsSync('.env')) process.loadEnvFile('.env');

export default defineConfig({
  site: readSiteUrl(),
  // `astro build` builds the site's code only, without reading the CMS: the site server renders
  // the pages with it (server/), all of them in a full build or the ones a change touches.
  output: 'server',
  adapter: siteRendererAdapter(),
  // Images come from the CMS's media library as they are; nothing is transformed at build time.
  image: { service: passthroughImageService() },
  trailingSlash: 'ignore',
  build: {
    // Pages are small; one inlined stylesheet saves a request on every page view.
    inlineStylesheets: 'always',
  },
  server: { host: '127.0.0.1', port: 4321 },
  // No telemetry, no dev toolbar: at run time nothing talks to anything but the CMS.
  devToolbar: { enabled: false },
});

// @ts-check
import { existsSync } from 'node:fs';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// The site's local .env (written by the CMS in development) fills in what the shell has not set.
if (existsSync('.env')) process.loadEnvFile('.env');

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  output: 'static',
  // Middleware mode: the site server (server/) serves the prerendered files itself and hands
  // on-demand routes to the handler each release carries.
  adapter: node({ mode: 'middleware' }),
  trailingSlash: 'ignore',
  build: {
    // Pages are small; one inlined stylesheet saves a request on every page view.
    inlineStylesheets: 'always',
  },
  server: { host: '127.0.0.1', port: 4321 },
  // No telemetry, no dev toolbar: at run time nothing talks to anything but the CMS.
  devToolbar: { enabled: false },
});

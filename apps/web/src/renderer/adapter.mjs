// @ts-check
import { fileURLToPath } from 'node:url';

/**
 * An Astro adapter of our own, because the job is specific to this site: the site server
 * renders pages in its own process (a full build, or only the pages a change touches), which
 * needs Astro's `app.render(request)`. @astrojs/node only exposes an HTTP handler; this adapter
 * builds the same App around our entry (entry.ts), which exports the renderer instead.
 *
 * It leans on Astro's adapter API and `astro/app/entrypoint`, which change between minor
 * versions: Astro is pinned to an exact version in package.json, and the site's tests (every page
 * rendered and compared with a full build) fail loudly when an upgrade changes them.
 * @returns {import('astro').AstroIntegration}
 */
export default function siteRendererAdapter() {
  return {
    name: 'malardalsradet:site-renderer',
    hooks: {
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'malardalsradet:site-renderer',
          serverEntrypoint: fileURLToPath(new URL('./entry.ts', import.meta.url)),
          entrypointResolution: 'auto',
          adapterFeatures: { buildOutput: 'server' },
          supportedAstroFeatures: {
            serverOutput: 'stable',
            staticOutput: 'unsupported',
            hybridOutput: 'unsupported',
            sharpImageService: 'unsupported',
            envGetSecret: 'stable',
          },
        });
      },
    },
  };
}

// Loads the compiled CMS (dist/, from `pnpm run build:server`) without starting its HTTP server,
// runs one task against it, and shuts it down. Used by the command-line scripts beside it.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');
const distDir = path.join(appDir, 'dist');

/** Runs task(strapi) on a loaded CMS; exits non-zero with the error's message when it fails. */
exports.withStrapi = async (task) => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const strapi = createStrapi({ appDir, distDir });
  let exitCode = 0;
  try {
    await strapi.load();
    await task(strapi);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
  } finally {
    await strapi.destroy();
  }
  process.exit(exitCode);
};

/** Requires a module of the compiled CMS source, e.g. dist('seed/seedContent'). */
exports.compiled = (modulePath) => require(path.join(distDir, 'src', modulePath));

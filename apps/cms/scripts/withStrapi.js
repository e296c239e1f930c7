// Loads the compiled CMS without starting its HTTP server, runs one task against it, and shuts it
// down. Used by the command-line scripts beside it. In a checkout they run the TypeScript compiled
// by `pnpm run build:server` into build/server, not Strapi's own dist/, which `strapi develop`
// empties and rewrites whenever a file changes: tests and tools keep working while it runs. The
// production image has only dist/ (`strapi build`), so there they run that one
// (`docker compose exec cms node scripts/seed.js`).
const { existsSync } = require('fs');
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');
const distDir = [path.join(appDir, 'build', 'server'), path.join(appDir, 'dist')].find((dir) => existsSync(path.join(dir, 'src', 'index.js')));
if (!distDir) {
  console.error('The CMS is not compiled: run `pnpm --filter @malardalsradet/cms run build:server` first.');
  process.exit(1);
}

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

/** Requires a module of the compiled CMS source, e.g. compiled('seed/seedContent'). */
exports.compiled = (modulePath) => require(path.join(distDir, 'src', modulePath));

/** Starts the compiled CMS with its HTTP server, as `strapi start` does with dist/. */
exports.startCompiled = () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  return createStrapi({ appDir, distDir }).start();
};

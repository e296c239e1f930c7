// Starts the CMS from build/server (`pnpm run build:server`): what the integration tests run,
// so that they never race `strapi develop`, which rebuilds dist/ under their feet.
require('./withStrapi').startCompiled();

// `pnpm --filter @malardalsradet/cms generate`: after a change to the content model, writes
// - types/generated/: Strapi's TypeScript types of the content types and components, and
// - schema.graphql: the content API's GraphQL schema, from which packages/types is generated
//   without a running CMS. A test fails while the committed schema differs from what the CMS serves.
const fs = require('fs');
const os = require('os');
const path = require('path');

// Both depend on the content model only, so an empty scratch database will do.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-generate-'));
process.env.DATABASE_CLIENT = 'sqlite';
process.env.DATABASE_FILENAME = path.join(scratch, 'generate.db');
process.env.CMS_SEED_ON_START = 'false';
// Nor may it touch the development accounts, which belong to the real database.
process.env.CMS_DEV_ACCESS = 'false';

const tsUtils = require('@strapi/typescript-utils');
const { withStrapi, compiled } = require('./withStrapi');

withStrapi(async (strapi) => {
  const appDir = path.resolve(__dirname, '..');
  await tsUtils.generators.generate({
    strapi,
    pwd: appDir,
    logger: { silent: true },
    artifacts: { contentTypes: true, components: true },
  });
  const schema = strapi.plugin('graphql').service('content-api').buildSchema();
  fs.writeFileSync(path.join(appDir, 'schema.graphql'), compiled('graphql/schemaSdl').sdlFromSchema(schema));
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log('Wrote types/generated/ and schema.graphql');
});

// `pnpm --filter @malardalsradet/cms schema`: writes the content API's GraphQL schema to
// schema.graphql, from which packages/types is generated without a running CMS. A test fails
// while the committed file differs from what the CMS serves.
const fs = require('fs');
const os = require('os');
const path = require('path');

// The schema depends on the content model only, so an empty scratch database will do.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-schema-'));
process.env.DATABASE_CLIENT = 'sqlite';
process.env.DATABASE_FILENAME = path.join(scratch, 'schema.db');
process.env.CMS_SEED_ON_START = 'false';
// Nor may it touch the development admin or the site's token, which belong to the real database.
process.env.CMS_DEV_ACCESS = 'false';

const { withStrapi, compiled } = require('./withStrapi');

withStrapi(async (strapi) => {
  const schema = strapi.plugin('graphql').service('content-api').buildSchema();
  const target = path.resolve(__dirname, '..', 'schema.graphql');
  fs.writeFileSync(target, compiled('graphql/schemaSdl').sdlFromSchema(schema));
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
});

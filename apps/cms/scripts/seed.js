// `pnpm --filter @malardalsradet/cms seed` (or `npm run seed` at the root): creates whatever of
// the seed content is missing, in Swedish and English, and prints what it created as JSON.
// Safe to run any number of times: it never creates a document twice or overwrites an edit.
const { withStrapi, compiled } = require('./withStrapi');

withStrapi(async (strapi) => {
  // Recorded in the documents' history as the seed's doing, not an anonymous system's.
  const report = await compiled('history').actingAs('System (seed)', () => compiled('seed/seedContent').seedContent(strapi));
  console.log(JSON.stringify({ created: report }));
});

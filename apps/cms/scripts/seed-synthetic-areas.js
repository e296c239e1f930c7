// Benchmark support: seeds the normal content plus N synthetic priority areas, each in Swedish and
// English and published, into the database the environment names. Never for a real database:
// it refuses to run unless BENCH_SCRATCH_DATABASE=true.
//   node scripts/seed-synthetic-areas.js 10000
const { withStrapi, compiled } = require('./withStrapi');

if (process.env.BENCH_SCRATCH_DATABASE !== 'true') {
  console.error('Refusing to add synthetic priority areas: set BENCH_SCRATCH_DATABASE=true for a scratch database.');
  process.exit(1);
}
const count = Number(process.argv[2] ?? 1000);
if (!Number.isInteger(count) || count < 1 || count > 99_999) {
  console.error(`The number of synthetic priority areas must be a whole number from 1 to 99999, got "${process.argv[2]}".`);
  process.exit(1);
}
const { paragraphs } = require('@malardalsradet/seed-content');

// Tens of thousands of rows through the document service would take minutes, so they are written
// straight to the database in batched inserts (createMany: one transaction, the dialect's batch
// size per INSERT): a draft and a published row per language, as the document service would store
// them. The plan relation stays empty: synthetic areas belong to no plan, so no plan page (and not
// the start page) lists them; each has only its own page in each language.
withStrapi(async (strapi) => {
  await compiled('seed/seedContent').seedContent(strapi);
  const started = Date.now();
  const uid = 'api::priority-area.priority-area';
  const existing = await strapi.db.query(uid).count({ where: { slug: { $startsWith: 'syntetiskt-omrade-' } } });
  if (existing > 0) throw new Error(`This database already has ${existing} synthetic priority area rows.`);

  const now = new Date();
  const firstOrder = 1000;
  const rows = [];
  for (let index = 0; index < count; index++) {
    const number = String(index + 1).padStart(5, '0');
    const documentId = `syntheticarea${String(index).padStart(11, '0')}`;
    const text = {
      sv: {
        title: `Syntetiskt prioriterat område ${number}`,
        slug: `syntetiskt-omrade-${number}`,
        summary: `Sammanfattning av syntetiskt område ${number}, skapat för prestandamätning.`,
        description: paragraphs(
          `Syntetiskt prioriterat område nummer ${index + 1}, skapat för prestandamätning.`,
          'Mälardalsrådet arbetar med infrastruktur, kompetensförsörjning och innovation i hela storregionen.',
        ),
      },
      en: {
        title: `Synthetic priority area ${number}`,
        slug: `synthetic-area-${number}`,
        summary: `Summary of synthetic area ${number}, made for performance measurements.`,
        description: paragraphs(
          `Synthetic priority area number ${index + 1}, made for performance measurements.`,
          'Mälardalsrådet works on infrastructure, skills supply and innovation across the wider region.',
        ),
      },
    };
    for (const locale of ['sv', 'en']) {
      for (const publishedAt of [null, now]) {
        rows.push({ documentId, locale, order: firstOrder + index, ...text[locale], publishedAt });
      }
    }
  }
  // A few thousand rows per call keeps the memory of one call small; each call is one transaction.
  const chunk = 4000;
  for (let offset = 0; offset < rows.length; offset += chunk) {
    await strapi.db.query(uid).createMany({ data: rows.slice(offset, offset + chunk) });
  }
  console.log(JSON.stringify({ syntheticPriorityAreas: count, rows: rows.length, insertMs: Date.now() - started }));
});

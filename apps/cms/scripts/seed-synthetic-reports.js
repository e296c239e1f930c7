// Benchmark support: seeds the normal content plus N synthetic annual reports, each in Swedish
// and English and published, into the database the environment names. Never for a real database:
// it refuses to run unless BENCH_SCRATCH_DATABASE=true.
//   node scripts/seed-synthetic-reports.js 1000
const { withStrapi, compiled } = require('./withStrapi');

if (process.env.BENCH_SCRATCH_DATABASE !== 'true') {
  console.error('Refusing to add synthetic reports: set BENCH_SCRATCH_DATABASE=true for a scratch database.');
  process.exit(1);
}
const count = Number(process.argv[2] ?? 1000);
const { paragraphs } = require('@malardalsradet/seed-content');

// Each report needs a unique year, and a thousand do not fit the editors' range (2000–2100), so
// the rows are written straight to the database, past the validation: a draft and a published
// row per language, as the document service would store them.
withStrapi(async (strapi) => {
  await compiled('seed/seedContent').seedContent(strapi);
  const rows = strapi.db.query('api::report.report');
  const now = new Date();
  const firstYear = 3000;
  for (let index = 0; index < count; index++) {
    const year = firstYear + index;
    const documentId = `synthetic${String(index).padStart(15, '0')}`;
    const body = paragraphs(
      `Syntetisk verksamhetsberättelse nummer ${index + 1}, skapad för prestandamätning.`,
      'Under året arbetade Mälardalsrådet med infrastruktur, kompetensförsörjning och innovation.',
    );
    const text = {
      sv: { title: `Verksamhetsberättelse ${year}`, summary: `Sammanfattning av år ${year}.` },
      en: { title: `Annual report ${year}`, summary: `Summary of ${year}.` },
    };
    for (const locale of ['sv', 'en']) {
      for (const publishedAt of [null, now]) {
        await rows.create({ data: { documentId, locale, year, body, ...text[locale], publishedAt } });
      }
    }
  }
  console.log(JSON.stringify({ syntheticReports: count }));
});

// What the history costs on disk: 1,000 saves and publishes of one page (a plan, its summary
// changed each time) on the seeded CMS, through the admin API as an editor would make them; then
// the history's rows and the size of their content. `pnpm --filter @malardalsradet/cms bench:history`
// (SQLite; CMS_TEST_DATABASE=postgres for PostgreSQL, whose table size it reports too).
import { spawnSync } from 'node:child_process';
import { adminJson, adminRequest, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { CMS_DIR, startCms, TEST_DATABASE } from '@malardalsradet/test-support/cmsProcess';

const PUBLISHES = Number(process.env.HISTORY_BENCH_PUBLISHES ?? 1000);
const PLAN = 'api::plan.plan';

const cms = await startCms({ CMS_SEED_ON_START: 'true' });
try {
  const jwt = await registerFirstAdmin(cms.url);
  const plans = await adminJson<{ results: { documentId: string; summary: string }[] }>(
    cms.url,
    jwt,
    `/content-manager/collection-types/${PLAN}?locale=sv`,
  );
  const plan = plans.results[0];
  if (!plan) throw new Error('The seed has no plan.');
  const base = `/content-manager/collection-types/${PLAN}/${plan.documentId}`;
  const started = Date.now();
  for (let index = 1; index <= PUBLISHES; index++) {
    await adminRequest(cms.url, jwt, `${base}?locale=sv`, { method: 'PUT', json: { summary: `${plan.summary} (ändring ${index})` } });
    await adminRequest(cms.url, jwt, `${base}/actions/publish?locale=sv`, { method: 'POST', json: {} });
  }
  const seconds = (Date.now() - started) / 1000;
  await cms.kill();
  const script = `require('./scripts/withStrapi').withStrapi(async (strapi) => {
    const knex = strapi.db.connection;
    const documentId = process.argv[1];
    const [plan] = await knex('mr_history_versions').where({ document_id: documentId }).count({ rows: '*' }).sum({ bytes: knex.raw('length(data)') });
    const [all] = await knex('mr_history_versions').count({ rows: '*' }).sum({ bytes: knex.raw('length(data)') });
    const [events] = await knex('mr_history_events').count({ rows: '*' });
    // The tables on disk, indexes included (SQLite's dbstat, PostgreSQL's relation sizes).
    const size = strapi.db.dialect.client === 'postgres'
      ? (await knex.raw("select pg_total_relation_size('mr_history_versions') + pg_total_relation_size('mr_history_events') as bytes")).rows[0].bytes
      : (await knex.raw("select sum(pgsize) as bytes from dbstat where name like 'mr_history%'"))[0].bytes;
    const versions = { thePlan: plan, all };
    console.log('RESULT ' + JSON.stringify({ versions, events, tablesBytes: size }));
  });`;
  const result = spawnSync(process.execPath, ['-e', script, plan.documentId], { cwd: CMS_DIR, env: cms.env, encoding: 'utf8' });
  const line = result.stdout.split('\n').find((candidate) => candidate.startsWith('RESULT ')) ?? `RESULT {"error": ${JSON.stringify(result.stderr)}}`;
  console.log(JSON.stringify({ database: TEST_DATABASE, publishes: PUBLISHES, seconds, ...(JSON.parse(line.slice(7)) as object) }, null, 2));
} finally {
  await cms.stop();
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminJson, adminRequest, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import type { FormerAddress } from '@malardalsradet/site-contract';
import { onDatabase } from './support/onDatabase';

// The CMS's old addresses are durable data (src/addresses/store.ts): a database from before their
// table gets them from the history at its first start, and the history's gallring of published
// versions takes none of them away. On a CMS of its own, stopped and started between the steps.
const AREAS = '/content-manager/collection-types/api::priority-area.priority-area';
let own: CmsProcess;
let jwt = '';

const list = async () => (await adminJson<{ data: FormerAddress[] }>(own.url, jwt, '/site-addresses')).data;
const areaId = async (slug: string) => {
  const { results } = await adminJson<{ results: { documentId: string; slug: string }[] }>(own.url, jwt, `${AREAS}?locale=sv&pageSize=100`);
  const found = results.find((area) => area.slug === slug);
  if (!found) throw new Error(`No priority area ${slug}`);
  return found.documentId;
};

beforeAll(async () => {
  own = await startCms({ CMS_SEED_ON_START: 'true' });
  jwt = await registerFirstAdmin(own.url);
}, 300_000);

afterAll(async () => {
  await own?.stop();
});

describe('old addresses in the CMS', () => {
  let before: FormerAddress[] = [];

  it('lists a renamed and an unpublished page', async () => {
    const berlin = await areaId('studieresa-till-berlin');
    await adminRequest(own.url, jwt, `${AREAS}/${berlin}?locale=sv`, { method: 'PUT', json: { slug: 'studieresa-berlin' } });
    await adminRequest(own.url, jwt, `${AREAS}/${berlin}/actions/publish?locale=sv`, { method: 'POST', json: {} });
    const skills = await areaId('strategisk-kompetensforsorjning');
    await adminRequest(own.url, jwt, `${AREAS}/${skills}/actions/unpublish?locale=sv`, { method: 'POST', json: {} });
    before = await list();
    expect(before).toEqual([
      expect.objectContaining({ path: '/prioriterade-omraden/strategisk-kompetensforsorjning/', to: null, documentId: skills, locale: 'sv' }),
      expect.objectContaining({
        path: '/prioriterade-omraden/studieresa-till-berlin/',
        to: '/prioriterade-omraden/studieresa-berlin/',
        documentId: berlin,
      }),
    ]);
  });

  it('fills the table from the history on a database from before it', async () => {
    await own.kill();
    onDatabase(own.env, "await knex.schema.dropTable('mr_site_addresses');");
    await own.restart();
    const after = await list();
    // The same answers; "since" is when the page left, which the history knows too.
    expect(after).toEqual(before);
  }, 300_000);

  it('keeps them when the gallring deletes the published versions they came from', async () => {
    await own.kill();
    onDatabase(
      own.env,
      `await knex('mr_history_versions').update({ at: Date.now() - 500 * 24 * 60 * 60 * 1000 });
       await knex('mr_history_jobs').delete();`,
    );
    own.env.HISTORY_KEEP_PUBLISHED_DAYS = '365';
    await own.restart();
    // The versions that held the old addresses are gone …
    const berlin = before.find((entry) => entry.to !== null)?.documentId ?? '';
    const versions = await adminRequest<{ event: string }[]>(own.url, jwt, `/history/api::priority-area.priority-area/${berlin}?locale=sv`);
    expect(versions.filter((version) => version.event !== 'draft')).toEqual([]);
    // … and the addresses are not.
    expect(await list()).toEqual(before);
  }, 300_000);
});

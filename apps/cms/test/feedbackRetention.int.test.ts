import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { FEEDBACK_API_PATH, FEEDBACK_UID } from '@malardalsradet/site-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminJson, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { CMS_DIR, startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';

// Production gives the CMS and the site server the same CMS_FEEDBACK_TOKEN (docker-compose.yml);
// the CMS keeps readers' feedback FEEDBACK_RETENTION_MONTHS (12 by default), deleting what is
// older at every start and daily.
const key = randomBytes(32).toString('base64url');
let cms: CmsProcess;
let adminJwt = '';

const monthsAgo = (months: number) => {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
};

const deliver = async (submissionId: string) =>
  (
    await fetch(`${cms.url}${FEEDBACK_API_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { submissionId, message: `Synpunkt ${submissionId}`, page: '/', replyTo: '', locale: 'sv' } }),
    })
  ).status;

/** Backdates feedback through Strapi's query API, on the stopped CMS's database. */
const backdate = (createdAt: Record<string, Date>) => {
  const script = `require('./scripts/withStrapi').withStrapi(async (strapi) => {
    for (const [submissionId, createdAt] of Object.entries(JSON.parse(process.argv[1]))) {
      await strapi.db.query('${FEEDBACK_UID}').updateMany({ where: { submissionId }, data: { createdAt: new Date(createdAt) } });
    }
  });`;
  const result = spawnSync(process.execPath, ['-e', script, JSON.stringify(createdAt)], { cwd: CMS_DIR, env: cms.env, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
};

const storedIds = async () => {
  const { results } = await adminJson<{ results: { submissionId: string }[] }>(
    cms.url,
    adminJwt,
    `/content-manager/collection-types/${FEEDBACK_UID}?pageSize=100`,
  );
  return results.map((entry) => entry.submissionId).sort();
};

beforeAll(async () => {
  cms = await startCms({ CMS_FEEDBACK_TOKEN: key });
  adminJwt = await registerFirstAdmin(cms.url);
});

afterAll(async () => {
  await cms?.stop();
});

describe('the feedback token from CMS_FEEDBACK_TOKEN', () => {
  it('delivers feedback with the configured key, and reads nothing', async () => {
    expect(await deliver(randomUUID())).toBe(201);
    const read = await fetch(`${cms.url}/api/plans`, { headers: { authorization: `Bearer ${key}` } });
    expect(read.status).toBe(403);
  });
});

describe('feedback retention', () => {
  it('deletes feedback older than FEEDBACK_RETENTION_MONTHS at start, and keeps the rest', async () => {
    const [old, recent, fresh] = ['a-old', 'b-recent', 'c-fresh'].map((name) => `${name}-${randomUUID()}`) as [string, string, string];
    for (const submissionId of [old, recent, fresh]) expect(await deliver(submissionId)).toBe(201);
    await cms.kill();
    backdate({ [old]: monthsAgo(13), [recent]: monthsAgo(11) });

    await cms.restart();
    const kept = await storedIds();
    expect(kept).not.toContain(old);
    expect(kept).toEqual(expect.arrayContaining([recent, fresh]));

    cms.env.FEEDBACK_RETENTION_MONTHS = '6';
    await cms.restart();
    const left = await storedIds();
    expect(left).not.toContain(recent);
    expect(left).toContain(fresh);
  });
});

describe('feedback stored before entries had titles', () => {
  it('gets its title, the first words of its message, at the next start', async () => {
    const submissionId = `untitled-${randomUUID()}`;
    expect(await deliver(submissionId)).toBe(201);
    await cms.kill();
    const script = `require('./scripts/withStrapi').withStrapi(async (strapi) => {
      await strapi.db.query('${FEEDBACK_UID}').updateMany({ where: { submissionId: process.argv[1] }, data: { title: null } });
    });`;
    const cleared = spawnSync(process.execPath, ['-e', script, submissionId], { cwd: CMS_DIR, env: cms.env, encoding: 'utf8' });
    expect(cleared.status, cleared.stderr).toBe(0);

    await cms.restart();
    const { results } = await adminJson<{ results: { title: string | null }[] }>(
      cms.url,
      adminJwt,
      `/content-manager/collection-types/${FEEDBACK_UID}?filters[submissionId][$eq]=${submissionId}`,
    );
    expect(results.map((entry) => entry.title)).toEqual([`Synpunkt ${submissionId}`]);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';

// Production gives the CMS and the site the same CMS_API_TOKEN (docker-compose.yml): the CMS must
// make its token for the site take exactly that key, with the site's permissions only, and follow
// a rotated key at the next start.
const key = () => randomBytes(32).toString('base64url');
let cms: CmsProcess;
let first: string;

const read = (pathname: string, token: string) => fetch(`${cms.url}${pathname}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  first = key();
  cms = await startCms({ CMS_API_TOKEN: first, CMS_SEED_ON_START: 'true' });
});

afterAll(async () => {
  await cms?.stop();
});

describe('the site token from CMS_API_TOKEN', () => {
  it('reads the site content with the configured key, and nothing else', async () => {
    const plans = await read('/api/plans?locale=sv', first);
    expect(plans.status).toBe(200);
    expect(((await plans.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expect((await read('/api/users', first)).status).toBe(403);
    expect((await read('/api/plans?locale=sv', key())).status).toBe(401);
  });

  it('takes a rotated key at the next start, and the old key stops working', async () => {
    const second = key();
    cms.env.CMS_API_TOKEN = second;
    await cms.restart();
    expect((await read('/api/plans?locale=sv', second)).status).toBe(200);
    expect((await read('/api/plans?locale=sv', first)).status).toBe(401);
  });
});

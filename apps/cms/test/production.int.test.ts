import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type CmsProcess } from './support/cmsProcess';

// A second CMS, started as in production, on its own scratch database.
describe('GraphQL in production', () => {
  let production: CmsProcess;
  beforeAll(async () => {
    production = await startCms({ NODE_ENV: 'production' });
  });
  afterAll(() => production?.stop());

  it('turns introspection off', async () => {
    const response = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it('serves no Apollo landing page', async () => {
    const response = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    const body = await response.text();
    expect(response.headers.get('content-type')).not.toMatch(/html/);
    expect(body).not.toMatch(/<html|sandbox|playground/i);
  });
});

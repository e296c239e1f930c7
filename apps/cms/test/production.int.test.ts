import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type CmsProcess } from './support/cmsProcess';

// Secrets a production CMS needs beyond those every scratch CMS gets.
const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  SITE_WEBHOOK_SECRET: 'a-long-random-webhook-value-0123456789',
  PREVIEW_SECRET: 'a-long-random-preview-value-0123456789',
};

describe('production start', () => {
  it('refuses placeholder or missing secrets, naming them', async () => {
    await expect(startCms({ ...PRODUCTION_ENV, APP_KEYS: 'change-me-1,change-me-2', PREVIEW_SECRET: '' })).rejects.toThrow(
      /Refusing to start in production: APP_KEYS is still a placeholder; PREVIEW_SECRET is missing/,
    );
  });
});

// A second CMS, started as in production, on its own scratch database.
describe('GraphQL in production', () => {
  let production: CmsProcess;
  beforeAll(async () => {
    production = await startCms(PRODUCTION_ENV);
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

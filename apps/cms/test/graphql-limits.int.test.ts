import { describe, expect, it } from 'vitest';
import { cms, graphql, rest } from './support/contentApi';

// plan → priorityAreas → plan → … : nine levels, one more than the configured depthLimit of 8.
const TOO_DEEP = `{ plans { priorityAreas { plan { priorityAreas { plan { priorityAreas { plan { priorityAreas { plan { title } } } } } } } } } }`;

describe('GraphQL limits', () => {
  it('rejects a query nested deeper than the limit, saying so', async () => {
    const { status, body } = await graphql(TOO_DEEP, {}, cms().readToken);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/exceeds maximum operation depth of 8/);
  });

  it('accepts a query at the depth the site needs', async () => {
    const { body } = await graphql<{ plans: { priorityAreas: { plan: { title: string } }[] }[] }>(
      '{ plans { priorityAreas { plan { title } } } }',
      {},
      cms().readToken,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.plans[0]?.priorityAreas[0]?.plan.title).toBe('Verksamhetsplan 2018');
  });

  it('rejects a page larger than the maximum instead of quietly shortening it', async () => {
    const { body } = await graphql<{ plans: unknown }>('{ plans(pagination: { limit: 1000 }) { title } }', {}, cms().readToken);
    expect(body.data?.plans ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toBe('pagination.limit must be a whole number from 0 to 100; got 1000.');

    const viaRest = await rest('/api/plans?pagination[pageSize]=500', cms().readToken);
    expect(viaRest.status).toBe(400);
    expect(viaRest.body.error?.message).toBe('pagination.pageSize must be a whole number from 0 to 100; got 500.');
  });

  it('refuses many aliases before running them, naming the limit', async () => {
    const aliases = Array.from({ length: 200 }, (_, index) => `a${index}: plans { priorityAreas { plan { title } } }`).join(' ');
    const started = Date.now();
    const { status, body } = await graphql(`{ ${aliases} }`, {}, cms().readToken);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded, found 200\./);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a query whose lists multiply past the cost limit, with its variables counted', async () => {
    const query = `query Costly($size: Int!) {
      plans(pagination: { limit: $size }) { priorityAreas(pagination: { limit: $size }) { plan { priorityAreas(pagination: { limit: $size }) { title } } } }
    }`;
    const refused = await graphql(query, { size: 100 }, cms().readToken);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.message).toMatch(/^Query cost limit of 20000 exceeded, found \d+/);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    // The same shape with small pages costs little, and runs.
    const small = await graphql<{ plans: { priorityAreas: unknown[] }[] }>(query, { size: 2 }, cms().readToken);
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data?.plans[0]?.priorityAreas.length).toBeGreaterThan(0);
  });

  it('answers introspection only to callers with a token', async () => {
    const anonymous = await graphql('{ __schema { queryType { name } } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.data ?? null).toBeNull();
    // Refused by our guard, or earlier by Strapi when the public role has no permission at all
    // (then in Strapi's own error format): either way nothing of the schema.
    expect(JSON.stringify(anonymous.body)).not.toContain('Query');
    if (anonymous.body.errors) expect(anonymous.body.errors[0]?.message).toBe('Introspection needs an API token (Authorization: Bearer …).');
    expect((await graphql('{ __type(name: "Plan") { name } }')).status).toBe(401);
    const withToken = await graphql<{ __schema: { queryType: { name: string } } }>('{ __schema { queryType { name } } }', {}, cms().readToken);
    expect(withToken.body.data?.__schema.queryType.name).toBe('Query');
    // __typename is no introspection: the guard lets it through.
    expect((await graphql('{ __typename }', {}, cms().readToken)).body.data).toEqual({ __typename: 'Query' });
  });

  it('pages lists by 25 unless asked otherwise', async () => {
    const { body } = await graphql<{ plans_connection: { pageInfo: { pageSize: number } } }>(
      '{ plans_connection { pageInfo { pageSize } } }',
      {},
      cms().readToken,
    );
    expect(body.data?.plans_connection.pageInfo.pageSize).toBe(25);
  });
});

describe('GraphQL and browsers (CORS)', () => {
  const preflightAndPost = async (origin: string) => {
    const preflight = await fetch(`${cms().url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    await preflight.arrayBuffer();
    const post = await fetch(`${cms().url}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${cms().readToken}` },
      body: JSON.stringify({ query: '{ plans { title } }' }),
    });
    await post.arrayBuffer();
    return [preflight.headers.get('access-control-allow-origin'), post.headers.get('access-control-allow-origin')];
  };

  it('gives a foreign origin no access, neither a wildcard nor its own name', async () => {
    expect(await preflightAndPost('https://angripare.example')).toEqual([null, null]);
  });

  it("allows the configured origins only (the CMS's CORS, config/middlewares.ts)", async () => {
    // The scratch CMS has no SITE_URL: development's site is the configured origin.
    expect(await preflightAndPost('http://localhost:4321')).toEqual(['http://localhost:4321', 'http://localhost:4321']);
  });
});

describe('malformed GraphQL queries', () => {
  it.each([
    ['a fragment cycle', 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }', /Cannot spread fragment "A" within itself/],
    ['a fragment that spreads itself', 'query { ...A } fragment A on Query { plans { title } ...A }', /Cannot spread fragment "A" within itself/],
    ['an unknown fragment', 'query { ...Missing }', /Unknown fragment "Missing"/],
    ['a syntax error', '{ plans { title }', /Syntax Error/],
  ])('answers %s with 400, saying what is wrong', async (_label, query, message) => {
    const { status, body } = await graphql(query, {}, cms().readToken);
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(message);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { INTROSPECTION_QUERY, sdlFromIntrospection } from '../src/graphql/schemaSdl';
import { CMS_DIR } from '@malardalsradet/test-support/cmsProcess';
import { cms, graphql } from './support/contentApi';

describe('committed GraphQL schema', () => {
  it('matches the schema the CMS serves (regenerate with `pnpm --filter @malardalsradet/cms generate`)', async () => {
    const { body } = await graphql(INTROSPECTION_QUERY, {}, cms().readToken);
    expect(body.errors).toBeUndefined();
    const served = sdlFromIntrospection(body.data as IntrospectionQuery);
    const committed = readFileSync(path.join(CMS_DIR, 'schema.graphql'), 'utf8');
    expect(committed === served, 'apps/cms/schema.graphql is stale: run `pnpm --filter @malardalsradet/cms generate`').toBe(true);
  });
});

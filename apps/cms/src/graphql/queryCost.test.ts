import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as siteTypes from '@malardalsradet/types';
import { buildSchema, Kind, parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maxAliasesValidationRule, QUERY_LIMITS, queryCost, queryTooCostly } from './queryCost';

// The CMS's schema as committed, and the site's own operations: the limits must leave every one
// of them room, and refuse what an attacker would send. The operations come from
// @malardalsradet/types, which generates a typed document of each (with its fragments) from the
// site's .graphql files, so that the CMS reads nothing of the site's folders.
const CMS_DIR = path.resolve(__dirname, '..', '..');
const schema = buildSchema(readFileSync(path.join(CMS_DIR, 'schema.graphql'), 'utf8'));

const isDocument = (value: unknown): value is DocumentNode =>
  typeof value === 'object' && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT;

/** Each of the site's operations, as its own document. */
const siteOperations = (): [string, DocumentNode][] =>
  Object.values(siteTypes)
    .filter(isDocument)
    .flatMap((document) =>
      document.definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION ? [[definition.name?.value ?? '?', document] as [string, DocumentNode]] : [],
      ),
    );

// The largest page the site asks for, and values for the rest: its costs at their highest.
const WORST_CASE = { locale: 'sv', status: 'PUBLISHED', documentId: 'x', page: 1, pageSize: 100 };

describe('GraphQL query limits', () => {
  it("leave every one of the site's operations well inside them, at its largest page", () => {
    const operations = siteOperations();
    expect(operations.length).toBeGreaterThan(10);
    const costs: Record<string, number> = {};
    for (const [name, document] of operations) {
      expect(
        validate(schema, document, [maxAliasesValidationRule()]).map((error) => error.message),
        name,
      ).toEqual([]);
      costs[name] = queryCost(schema, document, WORST_CASE, name);
    }
    // Half the limit at most: room for the site to grow without touching the limit.
    expect(Object.entries(costs).filter(([, cost]) => cost > QUERY_LIMITS.maxCost / 2)).toEqual([]);
    expect(Math.max(...Object.values(costs))).toBeGreaterThan(1000);
  });

  it('refuse many aliases of a nested list, naming the limit', () => {
    const aliases = Array.from({ length: 200 }, (_, index) => `a${index}: plans { priorityAreas { plan { title } } }`).join(' ');
    expect(validate(schema, parse(`{ ${aliases} }`), [maxAliasesValidationRule()]).map((error) => error.message)).toEqual([
      expect.stringMatching(/Aliases limit of 30 exceeded, found 200\./),
    ]);
  });

  it('count a query whose lists multiply past the limit as over it, and a plain one far under', () => {
    const nested = parse(
      `{ plans(pagination: { limit: 100 }) { priorityAreas(pagination: { limit: 100 }) { plan { priorityAreas(pagination: { limit: 100 }) { title } } } } }`,
    );
    expect(queryCost(schema, nested, {})).toBeGreaterThan(QUERY_LIMITS.maxCost);
    expect(queryCost(schema, parse('{ plans { title year } }'), {})).toBeLessThan(100);
    expect(queryTooCostly(25_000).message).toMatch(/^Query cost limit of 20000 exceeded, found 25000/);
  });
});

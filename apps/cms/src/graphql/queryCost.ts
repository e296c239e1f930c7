import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../access/pageSizeLimit';

/**
 * Limits on what one GraphQL request may ask for, checked before it runs. Depth alone (Strapi's
 * depthLimit) lets a query ask for hundreds of aliases of a nested list, each multiplying the
 * work, and stalls every other request while it runs (measured: README.md, Figures).
 */
export const QUERY_LIMITS = {
  /** Aliases in one operation; the site's largest operation (its content fingerprint) has 12. */
  maxAliases: 30,
  /**
   * The estimated cost: every field costs 1, and a list multiplies what it holds by the number of
   * items it may return (its page size, or Strapi's default of 25). The site's operations cost
   * at most a few thousand at the largest page (see queryCost.test.ts).
   */
  maxCost: 20_000,
};

/** Strapi's page size for a list that does not ask for one (config/plugins.ts: defaultLimit). */
const DEFAULT_LIST_SIZE = 25;

/** How many items a field with a `pagination` argument may return. */
const listSize = (pagination: unknown): number => {
  const { pageSize, limit } = (pagination ?? {}) as { pageSize?: unknown; limit?: unknown };
  const size = typeof pageSize === 'number' ? pageSize : typeof limit === 'number' ? limit : DEFAULT_LIST_SIZE;
  return Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
};

/**
 * Strapi's lists are the fields with a `pagination` argument (`plans`, `plans_connection`, a
 * plan's `priorityAreas`): they multiply the cost of what they hold by their size.
 */
const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((argument) => argument.name === 'pagination')) return undefined;
  return 1 + listSize(args.pagination) * childComplexity;
};

/** The estimated cost of an operation with its variables, as the limit counts it. */
export const queryCost = (schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown>, operationName?: string): number =>
  getComplexity({ schema, query, variables, operationName, estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })] });

/** The aliases limit, as a validation rule that reports (the library's default would throw). */
export const maxAliasesValidationRule = (): ValidationRule =>
  maxAliasesRule({
    n: QUERY_LIMITS.maxAliases,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(error)],
  });

/** The error for a query over the cost limit, naming the limit; answered with 400. */
export const queryTooCostly = (cost: number): GraphQLError =>
  new GraphQLError(
    `Query cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${cost} (every field costs 1, lists multiply by their page size): ask for fewer fields, or fewer or smaller lists.`,
    { extensions: { code: 'QUERY_TOO_COSTLY', limit: QUERY_LIMITS.maxCost, cost, http: { status: 400 } } },
  );

/**
 * The cost limit, as an Apollo plugin: it needs the request's variables (a page size is usually
 * one), which validation rules never see. Runs once the operation is known, before execution.
 */
export const queryCostPlugin = (): ApolloServerPlugin => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema }) {
        let cost: number;
        try {
          cost = queryCost(schema, document, request.variables ?? {}, request.operationName ?? undefined);
        } catch {
          // Variables that do not fit the operation: execution refuses them with its own message.
          return;
        }
        if (cost > QUERY_LIMITS.maxCost) throw queryTooCostly(cost);
      },
    };
  },
});

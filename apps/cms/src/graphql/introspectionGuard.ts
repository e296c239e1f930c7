import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';

/** Whether an operation asks for the schema itself (`__schema`, `__type`; `__typename` is ordinary). */
export const asksForSchema = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
};

/**
 * Introspection for callers with credentials only (an API token, or a signed-in user): in
 * development it stays on for the tools (codegen reads the schema with the site's token), but
 * an anonymous caller learns nothing of the schema there either. Production turns it off
 * altogether (config/plugins.ts).
 */
export const introspectionGuardPlugin = (): ApolloServerPlugin<{ state?: { auth?: { credentials?: unknown } } }> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ document, contextValue }) {
        if (asksForSchema(document) && !contextValue.state?.auth?.credentials) {
          throw new GraphQLError('Introspection needs an API token (Authorization: Bearer …).', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
      },
    };
  },
});

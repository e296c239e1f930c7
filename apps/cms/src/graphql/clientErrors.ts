import type { ApolloServerPlugin } from '@apollo/server';

/** GraphQL's hint that spells out the schema: "… Did you mean "title"?" at the end of a message. */
const SUGGESTION = /\s*Did you mean .+\?$/s;

export const withoutSuggestions = (message: string): string => message.replace(SUGGESTION, '');

/**
 * Production answers errors without GraphQL's suggestions, which name fields, arguments and enum
 * values and so spell out the schema that introspection keeps to itself. Apollo's own option
 * (hideSchemaDetailsFromClientErrors) covers validation only, not the variables' errors that
 * execution reports ("Value "X" does not exist in "PublicationStatus" enum. Did you mean …?"), so
 * this takes them out of every error of the answer.
 */
export const noSuggestionsPlugin = (): ApolloServerPlugin => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          (error as { message: string }).message = withoutSuggestions(error.message);
        }
      },
    };
  },
});

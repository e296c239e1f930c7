import { FEEDBACK_UID } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';

/** Content types that GraphQL does not know at all: readers' feedback is never read through the content API. */
export const GRAPHQL_HIDDEN_TYPES = [FEEDBACK_UID];

// The part of the GraphQL plugin's extension service that is used here (Strapi types it as `any`).
interface ExtensionService {
  shadowCRUD(uid: string): { disable(): void };
}

/** Turns off the GraphQL plugin's generated types, queries and mutations for GRAPHQL_HIDDEN_TYPES. */
export const hideTypesFromGraphql = (strapi: Core.Strapi): void => {
  const extension = strapi.plugin('graphql').service<ExtensionService>('extension');
  for (const uid of GRAPHQL_HIDDEN_TYPES) extension.shadowCRUD(uid).disable();
};

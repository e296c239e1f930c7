import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Drafts are for API tokens only (the site's preview). Strapi hands drafts to any content-API
 * caller with `find` that asks for `status=draft`; these checks refuse anonymous callers and
 * end-user logins, in the document service (REST, GraphQL root queries) and in GraphQL's
 * relation fields, which take a `status` argument of their own (graphql/contentApiGuards.ts).
 */
export const DRAFTS_FORBIDDEN_MESSAGE = 'Drafts are only available to callers with an API token.';

export interface RequestState {
  route?: { info?: { type?: string } };
  auth?: { strategy?: { name?: string } };
}

// Strapi's API-token strategy: 'content-api-token' since 5.x added admin tokens, 'api-token' before.
const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/** True when the caller is on the content API without an API token. */
export const isUntrustedContentApiCall = (state: RequestState | undefined): boolean =>
  state?.route?.info?.type === 'content-api' && !API_TOKEN_STRATEGIES.has(state.auth?.strategy?.name ?? '');

/** Throws Forbidden when an untrusted content-API caller asks for drafts. */
export const assertDraftAccess = (status: unknown, state: RequestState | undefined): void => {
  if (status === 'draft' && isUntrustedContentApiCall(state)) {
    throw new errors.ForbiddenError(DRAFTS_FORBIDDEN_MESSAGE);
  }
};

/** Installs the draft check on every document service call. */
export const registerDocumentDraftGuard = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    const params = context.params as { status?: string } | undefined;
    assertDraftAccess(params?.status, strapi.requestContext.get()?.state);
    return next();
  });
};

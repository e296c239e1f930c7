import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';
import { readSiteEnv } from '../env';

/** A failed CMS request, naming the operation and the URL, so that a failed build says why. */
export class CmsRequestError extends Error {
  readonly operation: string;
  readonly url: string;

  constructor(operation: string, url: string, reason: string) {
    super(`CMS request "${operation}" to ${url} failed: ${reason}`);
    this.name = 'CmsRequestError';
    this.operation = operation;
    this.url = url;
  }
}

const describeFailure = (error: unknown): string => {
  if (error instanceof ClientError) {
    const messages = error.response.errors?.map((graphqlError) => graphqlError.message) ?? [];
    return messages.length > 0 ? `GraphQL error: ${messages.join('; ')}` : `HTTP ${error.response.status}`;
  }
  if (error instanceof Error) {
    // Node's fetch hides the network reason (ECONNREFUSED, ENOTFOUND) in `cause`.
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
};

/**
 * At most `limit` calls of `task` run at once; the others wait their turn, first come first
 * served. A dozen lines rather than a dependency: the release's code bundle imports its
 * dependencies from node_modules at run time, and this is all it needs of p-limit.
 */
export const createLimiter = (limit: number) => {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so `running` counts it still.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
};

let client:
  { graphql: GraphQLClient; url: string; limit: ReturnType<typeof createLimiter>; cmsUrl: string; token: string; fetch: typeof fetch } | undefined;

const cmsClient = () => {
  if (!client) {
    const env = readSiteEnv();
    const url = `${env.CMS_URL}/graphql`;
    // Every request has a time limit: a CMS (or a proxy before it) that accepts the connection
    // and never answers must fail the render with a clear reason, not hold it forever.
    const fetchWithTimeout: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(env.CMS_TIMEOUT_MS) }).catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'TimeoutError') {
          throw new Error(`no answer within ${env.CMS_TIMEOUT_MS} ms (CMS_TIMEOUT_MS)`);
        }
        throw error;
      });
    client = {
      url,
      // Every request of a render shares CMS_CONCURRENCY slots (6 unless set): a burst of changes
      // (two requests each, one per language) or a full build's lists would otherwise reach the
      // CMS all at once, and slow it for editors; six keep a full build as fast as before.
      limit: createLimiter(env.CMS_CONCURRENCY),
      graphql: new GraphQLClient(url, { headers: { authorization: `Bearer ${env.CMS_API_TOKEN}` }, fetch: fetchWithTimeout }),
      cmsUrl: env.CMS_URL,
      token: env.CMS_API_TOKEN,
      fetch: fetchWithTimeout,
    };
  }
  return client;
};

/** Runs one typed GraphQL operation against the CMS; any failure becomes a CmsRequestError. */
export const cmsRequest = async <Result, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> => {
  const { graphql, url, limit } = cmsClient();
  const operation = getOperationAST(document)?.name?.value ?? 'anonymous operation';
  try {
    return await limit(() => graphql.request<Result, Variables>({ document, variables } as never));
  } catch (error) {
    throw new CmsRequestError(operation, url, describeFailure(error));
  }
};

/**
 * Reads one route of the CMS's REST API (the old addresses: not content, so not in GraphQL), with
 * the token, time limit and slots of the GraphQL requests; any failure becomes a CmsRequestError.
 */
export const cmsGetJson = async <Result>(path: string): Promise<Result> => {
  const { cmsUrl, token, fetch: fetchWithTimeout, limit } = cmsClient();
  const url = `${cmsUrl}${path}`;
  try {
    return await limit(async () => {
      const response = await fetchWithTimeout(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as Result;
    });
  } catch (error) {
    throw new CmsRequestError(`GET ${path}`, url, describeFailure(error));
  }
};

/** The largest page the CMS serves (apps/cms: MAX_PAGE_SIZE); fewer pages, fewer requests. */
export const PAGE_SIZE = 100;

interface Connection<Node> {
  nodes: Node[];
  pageInfo: { pageCount: number };
}

/** Fetches every page of a paginated list: one request per 100 documents, never per document. */
export const fetchAllPages = async <Result, Node, Variables extends { page: number; pageSize: number }>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Omit<Variables, 'page' | 'pageSize'>,
  connectionOf: (result: Result) => Connection<Node> | null,
): Promise<Node[]> => {
  const nodes: Node[] = [];
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const result = await cmsRequest(document, { ...variables, page, pageSize: PAGE_SIZE } as Variables);
    const connection = connectionOf(result);
    nodes.push(...(connection?.nodes ?? []));
    pageCount = connection?.pageInfo.pageCount ?? 0;
  }
  return nodes;
};

/** Which version of a document a preview shows. */
export type PreviewStatus = 'draft' | 'published';

/** The GraphQL enum value for a preview status. */
export const publicationStatus = (status: PreviewStatus): 'DRAFT' | 'PUBLISHED' => (status === 'draft' ? 'DRAFT' : 'PUBLISHED');

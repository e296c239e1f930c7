import { inject } from 'vitest';

export const cms = () => inject('cms');

/** A REST request on the content API, anonymous unless a token is given; `Data` is the caller's expectation. */
export const rest = async <Data = unknown>(pathname: string, token?: string) => {
  const response = await fetch(`${cms().url}${pathname}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: (await response.json()) as { data: Data; error?: { message: string } } };
};

/** A GraphQL request on the content API, anonymous unless a token is given; `Data` is the caller's expectation. */
export const graphql = async <Data = unknown>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
  const response = await fetch(`${cms().url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Data; errors?: { message: string; extensions?: { code?: string } }[] },
  };
};

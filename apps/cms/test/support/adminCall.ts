import { expect } from 'vitest';

export interface Answer<Body> {
  status: number;
  body: Body;
}

/** An admin API call with a session: its status and body, whatever the status (refusals are tested too). */
export const call = async <Body = unknown>(
  url: string,
  jwt: string,
  pathname: string,
  init: { method?: string; json?: unknown } = {},
): Promise<Answer<Body>> => {
  const response = await fetch(`${url}${pathname}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${jwt}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Body };
};

/** The body of an answer that must have this status. */
export const ok = <Body>(answer: Answer<Body>, status = 200): Body => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
};

import { randomUUID } from 'node:crypto';
import { FEEDBACK_API_PATH, FEEDBACK_LIMITS, FEEDBACK_UID, type FeedbackSubmission } from '@malardalsradet/site-contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminJson, adminRequest, createApiToken, inviteEditor } from '@malardalsradet/test-support/adminApi';
import { cms, graphql } from './support/contentApi';

// Readers' feedback (issue 15), the CMS's side: the site server delivers it with a token that may
// only create it; nobody reads it through the content API; editors see it in the admin and mark
// it handled.
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)> "citat" & \'apostrof\' — åäö\n\nrad två';
const LIST = `/content-manager/collection-types/${FEEDBACK_UID}`;
const EDITOR = { firstname: 'Synpunkt', lastname: 'Redaktör', email: 'synpunkt-redaktor@example.org', password: 'Synpunkt-2026-redaktor' };

interface Entry {
  documentId: string;
  submissionId: string;
  message: string;
  page: string | null;
  replyTo: string | null;
  language: string;
  handled: boolean;
  createdAt: string;
}

let feedbackToken = '';
let editorJwt = '';

const submission = (overrides: Partial<FeedbackSubmission> = {}): FeedbackSubmission => ({
  submissionId: randomUUID(),
  message: 'Pdf:en med verksamhetsplanen går inte att läsa med skärmläsare.',
  page: '/verksamhetsplaner/2018',
  replyTo: 'lasare@example.se',
  locale: 'sv',
  ...overrides,
});

/** A request to the CMS with a bearer (API token or admin session): its status and JSON body. */
const call = async (pathname: string, { bearer, method = 'GET', json }: { bearer?: string; method?: string; json?: unknown } = {}) => {
  const response = await fetch(`${cms().url}${pathname}`, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
};

/** Delivers a submission as the site server does: POST { data } with the feedback token. */
const deliver = (data: unknown, bearer = feedbackToken) => call(FEEDBACK_API_PATH, { bearer, method: 'POST', json: { data } });

/** The stored entries of a submission, as the admin reads them. */
const storedEntries = async (submissionId: string) => {
  const { url, adminJwt } = cms();
  const { results } = await adminJson<{ results: Entry[] }>(url, adminJwt, `${LIST}?filters[submissionId][$eq]=${submissionId}`);
  return results;
};

beforeAll(async () => {
  const { url, adminJwt } = cms();
  feedbackToken = await createApiToken(url, adminJwt, 'Integrationstest (synpunkter)', 'feedback');
  editorJwt = await inviteEditor(url, adminJwt, EDITOR);
});

describe('the content type', () => {
  it('is a Swedish "Synpunkt", neither localized nor with Draft & Publish, and unknown to GraphQL', async () => {
    const { url, adminJwt } = cms();
    const types = await adminRequest<
      { uid: string; schema: { displayName: string; draftAndPublish: boolean; pluginOptions?: { i18n?: { localized?: boolean } } } }[]
    >(url, adminJwt, '/content-type-builder/content-types');
    const schema = types.find((type) => type.uid === FEEDBACK_UID)?.schema;
    expect(schema).toMatchObject({ displayName: 'Synpunkt', draftAndPublish: false });
    expect(schema?.pluginOptions?.i18n?.localized).toBe(false);

    const { body } = await graphql('{ feedbacks { message } }', {}, cms().readToken);
    expect(body.errors?.[0]?.message).toMatch(/Cannot query field "feedbacks"/);
  });
});

describe('a delivery with the feedback token', () => {
  it("is stored (201) with the text exactly as the reader wrote it, and answers the entry's identity only", async () => {
    const sent = submission({ message: HOSTILE, replyTo: '', locale: 'en', page: 'https://www.malardalsradet.se/en/?q=<b>x</b>' });
    const { status, body } = await deliver(sent);
    expect(status, JSON.stringify(body)).toBe(201);
    const data = body?.data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['createdAt', 'documentId', 'submissionId']);
    expect(data.submissionId).toBe(sent.submissionId);

    const [entry, ...more] = await storedEntries(sent.submissionId);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ message: HOSTILE, page: sent.page, language: 'en', handled: false });
    expect(entry?.replyTo ?? '').toBe('');
    expect(Date.now() - Date.parse(entry?.createdAt ?? '')).toBeLessThan(60_000);
  });

  it('stores a submission once however often it is delivered, and tells every delivery it is stored', async () => {
    const sent = submission();
    const first = await deliver(sent);
    expect(first.status).toBe(201);
    const again = await deliver(sent);
    expect(again.status).toBe(200);
    expect(again.body?.data).toEqual(first.body?.data);
    expect(again.body?.meta).toEqual({ alreadyStored: true });
    expect(await storedEntries(sent.submissionId)).toHaveLength(1);

    // At the same moment, as after a restart with a delivery still under way.
    const racing = submission();
    const answers = await Promise.all([1, 2, 3].map(() => deliver(racing)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
    expect(await storedEntries(racing.submissionId)).toHaveLength(1);
  });

  it('takes every field at its longest', async () => {
    const local = 'a'.repeat(FEEDBACK_LIMITS.replyTo - '@example.se'.length);
    const sent = submission({
      message: 'm'.repeat(FEEDBACK_LIMITS.message),
      page: `/${'p'.repeat(FEEDBACK_LIMITS.page - 1)}`,
      replyTo: `${local.slice(0, 64)}@${'d'.repeat(60)}.example.se`,
    });
    const { status, body } = await deliver(sent);
    expect(status, JSON.stringify(body)).toBe(201);
    expect((await storedEntries(sent.submissionId))[0]?.message).toHaveLength(FEEDBACK_LIMITS.message);
  });

  it.each([
    ['a message over the limit', { message: 'm'.repeat(FEEDBACK_LIMITS.message + 1) }, /message must be at most 5000 characters/],
    ['a page over the limit', { page: 'p'.repeat(FEEDBACK_LIMITS.page + 1) }, /page must be at most 500 characters/],
    ['a reply address over the limit', { replyTo: `${'a'.repeat(FEEDBACK_LIMITS.replyTo)}@example.se` }, /replyTo must be at most 254 characters/],
    ['a reply address that is none', { replyTo: 'inte en adress' }, /replyTo must be empty or an e-mail address/],
    ['an empty message', { message: '  \n ' }, /message must not be empty/],
    ['a language the site lacks', { locale: 'de' }, /locale must be one of sv, en/],
    ['no submission id', { submissionId: '' }, /submissionId must not be empty/],
  ])('refuses %s with 400 and stores nothing', async (_what, overrides, reason) => {
    const sent = submission(overrides);
    const { status, body } = await deliver(sent);
    expect(status).toBe(400);
    expect((body?.error as { message: string }).message).toMatch(reason);
    if (sent.submissionId) expect(await storedEntries(sent.submissionId)).toEqual([]);
  });

  it('refuses a body that is not { data: … } with 400', async () => {
    const { status } = await call(FEEDBACK_API_PATH, { bearer: feedbackToken, method: 'POST', json: submission() });
    expect(status).toBe(400);
  });
});

describe('reading feedback', () => {
  it('is impossible through the content API, with any token or none', async () => {
    for (const bearer of [feedbackToken, cms().readToken, undefined]) {
      for (const pathname of [FEEDBACK_API_PATH, `${FEEDBACK_API_PATH}/anything`]) {
        const { status, body } = await call(pathname, { bearer });
        expect([403, 404, 405], `${pathname} ${bearer === undefined ? 'anonymous' : 'token'}`).toContain(status);
        expect(JSON.stringify(body)).not.toContain('skärmläsare');
      }
    }
  });

  it('is not what the feedback token may do: it reads no content, nor users, nor files', async () => {
    for (const pathname of ['/api/plans', '/api/organisation', '/api/accessibility-statement', '/api/users', '/api/upload/files']) {
      expect((await call(pathname, { bearer: feedbackToken })).status, pathname).toBe(403);
    }
    const { body } = await graphql<{ plans: unknown }>('{ plans { title } }', {}, feedbackToken);
    expect(body.data?.plans ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("and nobody but the feedback token may deliver it: not the site's read token, not the public", async () => {
    expect((await deliver(submission(), cms().readToken)).status).toBe(403);
    expect((await call(FEEDBACK_API_PATH, { method: 'POST', json: { data: submission() } })).status).toBe(403);
  });
});

describe('editors and feedback', () => {
  const asEditor = (pathname: string, init: { method?: string; json?: unknown } = {}) => call(pathname, { ...init, bearer: editorJwt });

  it('may read, mark handled and delete it, but not create it', async () => {
    const { body } = await asEditor('/admin/users/me/permissions');
    const granted = (body?.data as { action: string; subject: string | null; properties: { fields?: string[] } }[]).filter(
      (p) => p.subject === FEEDBACK_UID,
    );
    expect(granted.map((p) => p.action.replace('plugin::content-manager.explorer.', '')).sort()).toEqual(['delete', 'read', 'update']);
    expect(granted.find((p) => p.action.endsWith('.update'))?.properties.fields).toEqual(['handled']);
    expect((await asEditor(LIST, { method: 'POST', json: { submissionId: randomUUID(), message: 'Från redaktören', language: 'sv' } })).status).toBe(
      403,
    );
  });

  it('titles an entry by the first words of its message, which editors cannot change', async () => {
    const sent = submission({ message: 'Pdf:en med verksamhetsplanen för 2018 går inte att läsa med skärmläsare, och tabellerna saknar rubriker.' });
    const { body: created } = await deliver(sent);
    const documentId = (created?.data as { documentId: string }).documentId;
    const [entry] = await storedEntries(sent.submissionId);
    expect((entry as Entry & { title: string }).title).toBe('Pdf:en med verksamhetsplanen för 2018 går inte att läsa med…');
    const changed = await asEditor(`${LIST}/${documentId}`, { method: 'PUT', json: { handled: true, title: 'Ändrad rubrik' } });
    expect(changed.status).toBe(200);
    expect((((await storedEntries(sent.submissionId))[0] ?? {}) as { title?: string }).title).toBe(
      'Pdf:en med verksamhetsplanen för 2018 går inte att läsa med…',
    );
  });

  it('lists it newest first and marks an entry handled without changing what the reader wrote', async () => {
    const sent = submission({ message: 'Markera mig som hanterad.' });
    const { body: created } = await deliver(sent);
    const documentId = (created?.data as { documentId: string }).documentId;

    const list = await asEditor(`${LIST}?page=1&pageSize=10&sort=createdAt:DESC`);
    expect(list.status).toBe(200);
    const results = list.body?.results as Entry[];
    expect(results[0]?.documentId).toBe(documentId);

    const updated = await asEditor(`${LIST}/${documentId}`, { method: 'PUT', json: { handled: true, message: 'Ändrad av redaktören' } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const [entry] = await storedEntries(sent.submissionId);
    expect(entry).toMatchObject({ handled: true, message: 'Markera mig som hanterad.' });

    expect((await asEditor(`${LIST}/${documentId}`, { method: 'DELETE' })).status).toBe(200);
    expect(await storedEntries(sent.submissionId)).toEqual([]);
  });

  it('has Swedish labels and the list columns editors need, newest first', async () => {
    const { url, adminJwt } = cms();
    const { contentType } = await adminRequest<{
      contentType: {
        settings: { defaultSortBy: string; defaultSortOrder: string; mainField: string };
        layouts: { list: string[]; edit: { name: string }[][] };
        metadatas: Record<string, { list: { label: string } }>;
      };
    }>(url, adminJwt, `/content-manager/content-types/${FEEDBACK_UID}/configuration`);
    expect(contentType.settings).toMatchObject({ defaultSortBy: 'createdAt', defaultSortOrder: 'DESC' });
    // Received first, then the entry's title (its first words); never a technical id or a URL path as the name.
    expect(contentType.layouts.list).toEqual(['createdAt', 'title', 'page', 'handled']);
    expect(contentType.settings).toMatchObject({ mainField: 'title' });
    // The edit view: the message first, the submission id last, the title (not editable) left out.
    expect(contentType.layouts.edit.map((row) => row.map((field) => field.name))).toEqual([
      ['message'],
      ['page', 'replyTo'],
      ['language', 'handled'],
      ['submissionId'],
    ]);
    const labels = Object.fromEntries(
      ['title', 'message', 'page', 'replyTo', 'language', 'handled', 'createdAt'].map((field) => [field, contentType.metadatas[field]?.list.label]),
    );
    expect(labels).toEqual({
      title: 'Rubrik',
      message: 'Meddelande',
      page: 'Sida',
      replyTo: 'Svara till',
      language: 'Språk',
      handled: 'Hanterad',
      createdAt: 'Mottagen',
    });
  });

  it('are told on the start page how much feedback is new, with a link to it', async () => {
    const { url, adminJwt } = cms();
    await deliver(submission({ message: 'Räkna mig.' }));
    const { pagination } = await adminJson<{ pagination: { total: number } }>(url, adminJwt, `${LIST}?filters[handled][$eq]=false&pageSize=1`);
    const answer = await adminJson<{ newFeedback: { count: number; listPath: string } }>(url, adminJwt, '/site-status');
    expect(answer.newFeedback.count).toBe(pagination.total);
    expect(answer.newFeedback.count).toBeGreaterThan(0);
    expect(answer.newFeedback.listPath).toMatch(new RegExp(`^${LIST}\\?.*sort=createdAt:DESC.*handled`));
  });
});

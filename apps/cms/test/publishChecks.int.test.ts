import { beforeAll, describe, expect, it } from 'vitest';
import { adminJson, inviteEditor } from '@malardalsradet/test-support/adminApi';
import { cms, graphql } from './support/contentApi';
import { imageBlock as imageBlockOf, uploadImage as uploadImageAs, type UploadedFile } from '@malardalsradet/test-support/images';

// The checks at publish (src/publishing/), through the admin's own API as an editor (role
// Redaktör) uses it: images without a text alternative, links to pages that do not exist, and
// who links to a page.

let editorJwt = '';

beforeAll(async () => {
  const { url, adminJwt } = cms();
  editorJwt = await inviteEditor(url, adminJwt, {
    firstname: 'Alva',
    lastname: 'Text',
    email: `alva.text.${Date.now()}@malardalsradet.local`,
    password: 'Alternativ-text-2026!',
  });
});

interface Answer {
  status: number;
  body: { data?: unknown; error?: { name: string; message: string; details?: { errors?: { path: string[]; message: string }[] } } };
}

const call = async (pathname: string, method: string, json?: unknown): Promise<Answer> => {
  const response = await fetch(`${cms().url}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editorJwt}` },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
};

const GOALS = '/content-manager/collection-types/api::goal.goal';

const uploadImage = (name: string) => uploadImageAs(cms().url, editorJwt, name);
const imageBlock = (file: UploadedFile) => imageBlockOf(cms().url, file);

const linkParagraph = (url: string, text: string) => ({
  type: 'paragraph',
  children: [
    { type: 'text', text: 'Läs ' },
    { type: 'link', url, children: [{ type: 'text', text }] },
    { type: 'text', text: '.' },
  ],
});

/** A goal in Swedish and English with the given rich text, not published. */
const draftGoal = async (title: string, description: unknown[], english: unknown[] = description) => {
  const created = await call(`${GOALS}?locale=sv`, 'POST', { title, order: 90 + Math.floor(Math.random() * 1000), description });
  expect(created.status, JSON.stringify(created.body.error)).toBe(201);
  const { documentId } = created.body.data as { documentId: string };
  const en = await call(`${GOALS}/${documentId}?locale=en`, 'PUT', { title: `${title} (en)`, description: english });
  expect(en.status).toBe(200);
  return documentId;
};

const publish = (documentId: string, locale: string) => call(`${GOALS}/${documentId}/actions/publish?locale=${locale}`, 'POST', {});
const setTexts = (file: UploadedFile, change: Record<string, unknown>) => call(`/image-texts/${file.id}`, 'PUT', change);

const remove = async (documentId: string) => {
  for (const locale of ['sv', 'en'])
    await adminJson(cms().url, cms().adminJwt, `${GOALS}/${documentId}?locale=${locale}`, { method: 'DELETE' }).catch(() => undefined);
};

describe('images need a text alternative in the language published', () => {
  it('refuses an image without alt text, naming it; takes it once decorative; English needs its own', async () => {
    const file = await uploadImage('utan-alt.png');
    const documentId = await draftGoal('Mål med bild', [
      { type: 'paragraph', children: [{ type: 'text', text: 'Text före bilden.' }] },
      imageBlock(file),
    ]);
    try {
      const refused = await publish(documentId, 'sv');
      expect(refused.status).toBe(400);
      expect(refused.body.error?.name).toBe('ValidationError');
      expect(refused.body.error?.message).toBe(
        'Bilden "utan-alt.png" saknar alternativtext på svenska. Skriv en under Bilder och alternativtexter, eller markera bilden som dekorativ om den inte säger något som texten inte redan säger.',
      );
      // Under the field in the admin.
      expect(refused.body.error?.details?.errors?.[0]?.path).toEqual(['description']);

      // Decorative: accepted in both languages, with no alt text at all.
      expect((await setTexts(file, { decorative: true })).status).toBe(200);
      expect((await publish(documentId, 'sv')).status).toBe(200);
      expect((await publish(documentId, 'en')).status).toBe(200);

      // Not decorative, Swedish alt only: Swedish publishes, English is refused in English's name.
      expect((await setTexts(file, { decorative: false, alternativeText: 'Svart ruta' })).status).toBe(200);
      expect((await publish(documentId, 'sv')).status).toBe(200);
      const english = await publish(documentId, 'en');
      expect(english.status).toBe(400);
      expect(english.body.error?.message).toMatch(/^Bilden "utan-alt.png" saknar alternativtext på engelska\./);
      expect((await setTexts(file, { alternativeTextEn: 'Black square' })).status).toBe(200);
      expect((await publish(documentId, 'en')).status).toBe(200);

      // The site reads each language's alt text and the mark through GraphQL.
      const files = await graphql<{ uploadFiles: { name: string; alternativeText: string; alternativeTextEn: string; decorative: boolean }[] }>(
        'query($hash: String) { uploadFiles(filters: { hash: { eq: $hash } }) { name alternativeText alternativeTextEn decorative } }',
        { hash: file.hash },
        cms().readToken,
      );
      expect(files.body.errors).toBeUndefined();
      expect(files.body.data?.uploadFiles).toEqual([
        { name: 'utan-alt.png', alternativeText: 'Svart ruta', alternativeTextEn: 'Black square', decorative: false },
      ]);
    } finally {
      await remove(documentId);
    }
  });

  it('lists images for "Bilder och alternativtexter" and refuses a text that is too long, in Swedish', async () => {
    const file = await uploadImage('lista-mig.png');
    const listed = await call('/image-texts?q=lista-mig', 'GET');
    expect(listed.status).toBe(200);
    expect(
      (listed.body.data as { id: number; alternativeTextEn: string; decorative: boolean }[]).find((image) => image.id === file.id),
    ).toMatchObject({
      alternativeTextEn: '',
      decorative: false,
    });
    const missing = await call('/image-texts?missing=true&q=lista-mig', 'GET');
    expect((missing.body.data as { id: number }[]).map((image) => image.id)).toEqual([file.id]);
    expect((await setTexts(file, { decorative: true })).status).toBe(200);
    expect((await call('/image-texts?missing=true&q=lista-mig', 'GET')).body.data).toEqual([]);
    const tooLong = await setTexts(file, { alternativeText: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error?.message).toMatch(/^Alternativtexten på svenska är 501 tecken; högst 500 går\./);
    expect((await fetch(`${cms().url}/image-texts`)).status).toBe(401);
  });
});

describe('links to pages of the site', () => {
  it('refuses a link to a page that is not published, naming it and suggesting the right address; external links pass', async () => {
    const documentId = await draftGoal(
      'Mål med länkar',
      [
        linkParagraph('https://www.regionvastmanland.se/finns-inte-har', 'Region Västmanland'),
        linkParagraph('/inriktningsmal/', 'Alla inriktningsmål'),
      ],
      [linkParagraph('/en/operational-plans/2018', 'Operational plan 2018'), linkParagraph('/en/search?q=plan', 'Search')],
    );
    try {
      // Swedish: an external link and a list page: published.
      expect((await publish(documentId, 'sv')).status).toBe(200);
      const refused = await publish(documentId, 'en');
      expect(refused.status).toBe(400);
      expect(refused.body.error?.message).toBe(
        'Länken "Operational plan 2018" (/en/operational-plans/2018) går till en sida som inte finns på webbplatsen. Menade du /en/plans/2018/?',
      );
      // The unpublished 2019 plan of the seed has no page: refused without a guess.
      const draftPlan = await call(`${GOALS}/${documentId}?locale=en`, 'PUT', { description: [linkParagraph('/en/plans/2019/', 'Plan 2019')] });
      expect(draftPlan.status).toBe(200);
      const noPage = await publish(documentId, 'en');
      expect(noPage.body.error?.message).toBe(
        'Länken "Plan 2019" (/en/plans/2019/) går till en sida som inte finns på webbplatsen. Ändra eller ta bort länken.',
      );
      await call(`${GOALS}/${documentId}?locale=en`, 'PUT', { description: [linkParagraph('/en/plans/2018', 'Plan 2018')] });
      expect((await publish(documentId, 'en')).status).toBe(200);
    } finally {
      await remove(documentId);
    }
  });

  it('names the published pages that link to a page ("who links here")', async () => {
    const plans = await adminJson<{ results: { documentId: string; year: number }[] }>(
      cms().url,
      editorJwt,
      '/content-manager/collection-types/api::plan.plan?locale=sv&pageSize=50',
    );
    const plan2018 = plans.results.find((plan) => plan.year === 2018);
    if (!plan2018) throw new Error('the seed has a plan for 2018');
    const documentId = await draftGoal(
      'Mål som länkar till planen',
      [linkParagraph('/verksamhetsplaner/2018/', 'Verksamhetsplan 2018')],
      [linkParagraph('/en/plans/2018/', 'Plan 2018')],
    );
    try {
      const before = await call(`/publishing/links-to/api::plan.plan/${plan2018.documentId}`, 'GET');
      expect(before.status).toBe(200);
      expect((before.body as unknown as { paths: string[] }).paths.sort()).toEqual(['/en/plans/2018/', '/verksamhetsplaner/2018/']);
      expect((before.body.data as { documentId: string }[]).filter((page) => page.documentId === documentId)).toEqual([]);
      expect((await publish(documentId, 'sv')).status).toBe(200);
      expect((await publish(documentId, 'en')).status).toBe(200);
      const after = await call(`/publishing/links-to/api::plan.plan/${plan2018.documentId}`, 'GET');
      expect((after.body.data as { documentId: string }[]).filter((page) => page.documentId === documentId)).toEqual([
        expect.objectContaining({ type: 'Inriktningsmål', locale: 'sv', title: 'Mål som länkar till planen', linksTo: '/verksamhetsplaner/2018/' }),
        expect.objectContaining({ type: 'Inriktningsmål', locale: 'en', title: 'Mål som länkar till planen (en)', linksTo: '/en/plans/2018/' }),
      ]);
      expect((await call('/publishing/links-to/api::nope.nope/x', 'GET')).status).toBe(400);
    } finally {
      await remove(documentId);
    }
  });
});

describe('the seed content', () => {
  it('has nothing the checks refuse: every published document publishes again', async () => {
    for (const type of ['goal', 'plan', 'report', 'priority-area']) {
      const list = await adminJson<{ results: { documentId: string; status: string }[] }>(
        cms().url,
        cms().adminJwt,
        `/content-manager/collection-types/api::${type}.${type}?locale=sv&pageSize=100`,
      );
      for (const entry of list.results.filter((result) => result.status !== 'draft')) {
        const answer = await call(`/content-manager/collection-types/api::${type}.${type}/${entry.documentId}/actions/publish?locale=sv`, 'POST', {});
        expect(answer.body.error?.message, `${type} ${entry.documentId}`).toBeUndefined();
      }
    }
    for (const type of ['organisation', 'accessibility-statement']) {
      for (const locale of ['sv', 'en']) {
        const answer = await call(`/content-manager/single-types/api::${type}.${type}/actions/publish?locale=${locale}`, 'POST', {});
        expect(answer.body.error?.message, `${type} ${locale}`).toBeUndefined();
      }
    }
  });
});

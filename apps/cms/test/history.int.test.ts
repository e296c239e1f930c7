import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRequest, createApiToken, inviteEditor, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { freePort, scratchCmsEnv, startCms, startCmsOn, TEST_DATABASE, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import type { HistoryVersion, RestoreAnswer, SiteEventsAnswer } from '../src/history/types';
import { call, ok } from './support/adminCall';
import { cms } from './support/contentApi';
import { onDatabase } from './support/onDatabase';

// The history of documents (src/history/), over the admin API the admin's "Historik" uses, on
// the suite's seeded CMS (SQLite, and PostgreSQL in the suite's PostgreSQL run).
const EDITOR = { firstname: 'Historik', lastname: 'Redaktör', email: 'historik-redaktor@example.org', password: 'Historik-2026-redaktor' };
const EDITOR_NAME = 'Historik Redaktör';
const GOAL = 'api::goal.goal';

/** What the tests created, to be deleted afterwards: the suite's CMS is shared, and other files count its content. */
const created: { url: string; uid: string; documentId: string }[] = [];

/** The content manager, as the admin's edit view calls it. */
const contentManager = (url: string, jwt: string, uid: string) => {
  const base = `/content-manager/collection-types/${uid}`;
  return {
    create: async (data: Record<string, unknown>, locale = 'sv') => {
      const { documentId } = ok(
        await call<{ data: { documentId: string } }>(url, jwt, `${base}?locale=${locale}`, { method: 'POST', json: data }),
        201,
      ).data;
      created.push({ url, uid, documentId });
      return documentId;
    },
    update: async (documentId: string, data: Record<string, unknown>, locale = 'sv') =>
      ok(await call(url, jwt, `${base}/${documentId}?locale=${locale}`, { method: 'PUT', json: data })),
    publish: async (documentId: string, locale = 'sv') =>
      ok(await call(url, jwt, `${base}/${documentId}/actions/publish?locale=${locale}`, { method: 'POST', json: {} })),
    remove: async (documentId: string, locale = 'sv') => ok(await call(url, jwt, `${base}/${documentId}?locale=${locale}`, { method: 'DELETE' })),
    draft: async (documentId: string, locale = 'sv') =>
      ok(await call<{ data: Record<string, unknown> }>(url, jwt, `${base}/${documentId}?locale=${locale}&status=draft`)).data,
    published: async (documentId: string, locale = 'sv') =>
      ok(await call<{ data: Record<string, unknown> }>(url, jwt, `${base}/${documentId}?locale=${locale}&status=published`)).data,
  };
};

const historyOf = async (url: string, jwt: string, uid: string, documentId: string, locale = 'sv') =>
  ok(await call<{ data: HistoryVersion[] }>(url, jwt, `/history/${uid}/${documentId}?locale=${locale}`)).data;

const restore = async (url: string, jwt: string, versionId: number) =>
  ok(await call<{ data: RestoreAnswer }>(url, jwt, `/history/${versionId}/restore`, { method: 'POST' })).data;

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

describe(`the history of documents (${TEST_DATABASE})`, () => {
  let url = '';
  let adminJwt = '';
  let editorJwt = '';

  beforeAll(async () => {
    ({ url, adminJwt } = cms());
    editorJwt = await inviteEditor(url, adminJwt, EDITOR);
  });

  afterAll(async () => {
    // Every language of what the tests made (a restore may have brought a deleted one back).
    for (const { uid, documentId } of created.filter((entry) => entry.url === url)) {
      await call(url, adminJwt, `/content-manager/collection-types/${uid}/${documentId}?locale=*`, { method: 'DELETE' });
    }
  });

  it("records the seed's content as the seed's, per language", async () => {
    const organisation = ok(
      await call<{ data: { documentId: string } }>(url, adminJwt, '/content-manager/single-types/api::organisation.organisation?locale=sv'),
    ).data;
    for (const locale of ['sv', 'en']) {
      const versions = await historyOf(url, editorJwt, 'api::organisation.organisation', organisation.documentId, locale);
      expect(versions.length, locale).toBeGreaterThan(0);
      expect(versions.every((version) => version.by === 'System (seed)' && version.locale === locale)).toBe(true);
      expect(versions.map((version) => version.event)).toContain('publish');
      expect(typeof versions[0]?.data.name).toBe('string');
    }
    // Restoring the seed's Swedish text brings back every field as it was: blocks, components
    // (the contact, the members, the SEO), nothing lost or added on the way.
    const [seeded] = await historyOf(url, editorJwt, 'api::organisation.organisation', organisation.documentId, 'sv');
    if (!seeded) throw new Error('no seed version');
    const restored = await restore(url, editorJwt, seeded.id);
    expect(restored.missing).toEqual([]);
    expect(restored.version.data).toEqual(seeded.data);
  });

  it('keeps two publishes and restores the first as the draft, over the admin API as the editor', async () => {
    const goals = contentManager(url, editorJwt, GOAL);
    const documentId = await goals.create({ title: 'Historikmål, första lydelsen', order: 41 });
    await goals.publish(documentId);
    await goals.update(documentId, { title: 'Historikmål, andra lydelsen' });
    await goals.publish(documentId);

    const versions = await historyOf(url, editorJwt, GOAL, documentId);
    // Newest first; the save before each publish that changed nothing is not a version of its own.
    expect(versions.map((version) => [version.event, version.data.title])).toEqual([
      ['publish', 'Historikmål, andra lydelsen'],
      ['draft', 'Historikmål, andra lydelsen'],
      ['publish', 'Historikmål, första lydelsen'],
      ['draft', 'Historikmål, första lydelsen'],
    ]);
    for (const version of versions) {
      expect(version).toMatchObject({ by: EDITOR_NAME, locale: 'sv', documentId, contentType: GOAL, missing: [] });
      expect(new Date(version.at).toISOString()).toBe(version.at);
    }
    const firstPublish = versions[2];
    if (!firstPublish) throw new Error('no first publish');

    const restored = await restore(url, editorJwt, firstPublish.id);
    expect(restored).toMatchObject({ documentId, locale: 'sv', recreated: false, missing: [], version: { event: 'restore', by: EDITOR_NAME } });
    expect(restored.entry.title).toBe('Historikmål, första lydelsen');
    // The draft is the old text; the site still shows the second until the editor publishes.
    expect((await goals.draft(documentId)).title).toBe('Historikmål, första lydelsen');
    expect((await goals.published(documentId)).title).toBe('Historikmål, andra lydelsen');
    const after = await historyOf(url, editorJwt, GOAL, documentId);
    expect(after[0]).toMatchObject({ id: restored.version.id, event: 'restore', data: { title: 'Historikmål, första lydelsen', order: 41 } });

    // "Händelser": the publishes and the restore, by the editor, today; draft saves are not events.
    const events = ok(await call<SiteEventsAnswer>(url, editorJwt, `/history/events?by=${encodeURIComponent(EDITOR_NAME)}&day=${today()}`));
    const mine = events.data.filter((event) => event.documentId === documentId);
    expect(mine.map((event) => event.type)).toEqual(['restore', 'publish', 'publish']);
    expect(mine[0]).toMatchObject({ label: 'Historikmål, första lydelsen', contentType: GOAL, locale: 'sv', versionId: restored.version.id });
    const publishes = ok(await call<SiteEventsAnswer>(url, editorJwt, '/history/events?type=publish'));
    expect(publishes.data.every((event) => event.type === 'publish')).toBe(true);
    expect(ok(await call<SiteEventsAnswer>(url, editorJwt, '/history/events?day=2001-01-01')).data).toEqual([]);
  });

  it('records content changed through the REST API and GraphQL with a token, under the token’s name', async () => {
    const token = await createApiToken(url, adminJwt, 'Historiktest (skriv)', 'full-access');
    const goals = contentManager(url, editorJwt, GOAL);
    const documentId = await goals.create({ title: 'Mål som ändras över API:t', order: 42 });
    const response = await fetch(`${url}/api/goals/${documentId}?locale=sv`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { title: 'Ändrat över REST' } }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    // The content API publishes what it saves unless asked for a draft: the save, then the publish.
    const [published, saved] = await historyOf(url, editorJwt, GOAL, documentId);
    expect(published).toMatchObject({ event: 'publish', by: 'Historiktest (skriv)', data: { title: 'Ändrat över REST' } });
    expect(saved).toMatchObject({ event: 'draft', by: 'Historiktest (skriv)', data: { title: 'Ändrat över REST' } });
    // GraphQL, the other door of the content API.
    const mutation = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($id: ID!) { updateGoal(documentId: $id, locale: "sv", data: { title: "Ändrat över GraphQL" }) { documentId } }',
        variables: { id: documentId },
      }),
    });
    expect(mutation.status, await mutation.clone().text()).toBe(200);
    expect(((await mutation.json()) as { errors?: unknown }).errors).toBeUndefined();
    const [viaGraphql] = await historyOf(url, editorJwt, GOAL, documentId);
    expect(viaGraphql).toMatchObject({ by: 'Historiktest (skriv)', data: { title: 'Ändrat över GraphQL' } });
    // Making the token is an event too.
    const tokens = ok(await call<SiteEventsAnswer>(url, editorJwt, '/history/events?type=token.create'));
    expect(tokens.data.map((event) => event.label)).toContain('Historiktest (skriv)');
  });

  it('keeps the history of a deleted document and restores it as a new draft with its documentId', async () => {
    const goals = contentManager(url, editorJwt, GOAL);
    const documentId = await goals.create({ title: 'Mål som tas bort', order: 43 });
    await goals.publish(documentId);
    await goals.remove(documentId);
    expect((await call(url, editorJwt, `/content-manager/collection-types/${GOAL}/${documentId}?locale=sv`)).status).toBe(404);

    const versions = await historyOf(url, editorJwt, GOAL, documentId);
    expect(versions.map((version) => version.event)).toEqual(['delete', 'publish', 'draft']);
    expect(versions[0]?.data).toMatchObject({ title: 'Mål som tas bort', order: 43 });

    const restored = await restore(url, editorJwt, versions[0]?.id ?? 0);
    expect(restored).toMatchObject({ documentId, recreated: true, missing: [], version: { event: 'restore' } });
    // A draft, not published.
    expect(await goals.draft(documentId)).toMatchObject({ title: 'Mål som tas bort', order: 43, publishedAt: null, status: 'draft' });
  });

  it('names a relation that no longer exists instead of dropping it silently', async () => {
    const areas = contentManager(url, editorJwt, 'api::priority-area.priority-area');
    const plans = contentManager(url, editorJwt, 'api::plan.plan');
    const area = await areas.create({ title: 'Området som försvinner', slug: 'omradet-som-forsvinner', order: 1 });
    const plan = await plans.create({
      title: 'Verksamhetsplan med historik',
      year: 2091,
      priorityAreas: { connect: [{ documentId: area, locale: 'sv' }] },
    });
    const [withArea] = await historyOf(url, editorJwt, 'api::plan.plan', plan);
    expect(withArea?.data.priorityAreas).toEqual([{ documentId: area, label: 'Området som försvinner' }]);
    expect(withArea?.missing).toEqual([]);

    await areas.remove(area);
    const [version] = (await historyOf(url, editorJwt, 'api::plan.plan', plan)).filter((candidate) => candidate.id === withArea?.id);
    const missing = [{ field: 'priorityAreas', kind: 'relation', documentId: area, label: 'Området som försvinner' }];
    expect(version?.missing).toEqual(missing);
    const restored = await restore(url, editorJwt, withArea?.id ?? 0);
    expect(restored.missing).toEqual(missing);
    expect(restored.entry.title).toBe('Verksamhetsplan med historik');
  });

  it('refuses, in Swedish, a user without the right to read the type, an unknown type, language and version', async () => {
    const role = await adminRequest<{ id: number }>(url, adminJwt, '/admin/roles', {
      method: 'POST',
      json: { name: 'Historiktest utan innehåll', description: 'Ingen rätt till innehåll' },
    });
    const invited = await adminRequest<{ registrationToken: string }>(url, adminJwt, '/admin/users', {
      method: 'POST',
      json: { firstname: 'Utan', lastname: 'Roll', email: 'historik-utan-roll@example.org', roles: [role.id] },
    });
    const outsider = (
      await adminRequest<{ token: string }>(url, adminJwt, '/admin/register', {
        method: 'POST',
        json: { registrationToken: invited.registrationToken, userInfo: { firstname: 'Utan', lastname: 'Roll', password: 'Utan-roll-2026-x' } },
      })
    ).token;
    const goals = contentManager(url, editorJwt, GOAL);
    const documentId = await goals.create({ title: 'Mål som inte får läsas', order: 44 });
    const [version] = await historyOf(url, editorJwt, GOAL, documentId);

    const read = await call<{ error: { message: string } }>(url, outsider, `/history/${GOAL}/${documentId}?locale=sv`);
    expect(read.status).toBe(403);
    expect(read.body.error.message).toMatch(/behörighet/);
    const restoring = await call<{ error: { message: string } }>(url, outsider, `/history/${version?.id ?? 0}/restore`, { method: 'POST' });
    expect(restoring.status).toBe(403);
    expect(restoring.body.error.message).toMatch(/behörighet/);
    expect((await call(url, outsider, '/history/events')).status).toBe(403);
    expect((await fetch(`${url}/history/${GOAL}/${documentId}`)).status).toBe(401);

    const unknownType = await call<{ error: { message: string } }>(url, editorJwt, `/history/api::feedback.feedback/${documentId}`);
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.error.message).toMatch(/ingen innehållstyp med historik/);
    expect((await call(url, editorJwt, `/history/${GOAL}/${documentId}?locale=de`)).status).toBe(400);
    const unknownVersion = await call<{ error: { message: string } }>(url, editorJwt, '/history/999999999/restore', { method: 'POST' });
    expect(unknownVersion.status).toBe(404);
    expect(unknownVersion.body.error.message).toMatch(/finns inte i historiken/);
    expect((await call(url, editorJwt, '/history/abc/restore', { method: 'POST' })).status).toBe(400);
    expect((await call(url, editorJwt, '/history/events?day=2026-02-30')).status).toBe(400);
    expect((await call(url, editorJwt, '/history/events?type=draft')).status).toBe(400);

    // Making the role was an event, by the administrator who made it.
    const roles = ok(await call<SiteEventsAnswer>(url, editorJwt, '/history/events?type=role.create'));
    expect(roles.data.find((event) => event.label === 'Historiktest utan innehåll')).toMatchObject({ by: 'Test Redaktör' });

    // Given the right to read goals, the same user reads the history; the change of the role's
    // permissions is an event.
    await adminRequest(url, adminJwt, `/admin/roles/${role.id}/permissions`, {
      method: 'PUT',
      json: {
        permissions: [
          {
            action: 'plugin::content-manager.explorer.read',
            subject: GOAL,
            properties: { fields: ['title', 'description', 'order'], locales: ['sv'] },
            conditions: [],
          },
        ],
      },
    });
    expect((await call(url, outsider, `/history/${GOAL}/${documentId}?locale=sv`)).status).toBe(200);
    expect((await call(url, outsider, `/history/${version?.id ?? 0}/restore`, { method: 'POST' })).status).toBe(403);
    const updates = ok(await call<SiteEventsAnswer>(url, editorJwt, '/history/events?type=role.update'));
    expect(updates.data.filter((event) => event.label === 'Historiktest utan innehåll')).toMatchObject([{ by: 'Test Redaktör' }]);
  });
});

const DAY = 24 * 60 * 60 * 1000;

/**
 * Moves a goal's history back in time: its draft saves to one day `draftDaysAgo` days ago (a
 * minute apart, in order), everything else `otherDaysAgo` days; and forgets that the gallring ran
 * today, so the next start runs it as on a later day.
 */
const backdate = (env: NodeJS.ProcessEnv, documentId: string, draftDaysAgo: number, otherDaysAgo: number) =>
  onDatabase(
    env,
    `const rows = await knex('mr_history_versions').where({ document_id: '${documentId}' }).orderBy('id');
     const noon = new Date(Date.now() - ${draftDaysAgo} * ${DAY}); noon.setUTCHours(10, 0, 0, 0);
     let minute = 0;
     for (const row of rows) {
       const at = row.event === 'draft' ? noon.getTime() + 60000 * minute++ : Date.now() - ${otherDaysAgo} * ${DAY};
       await knex('mr_history_versions').where({ id: row.id }).update({ at });
       await knex('mr_history_events').where({ version_id: row.id }).update({ at });
     }
     await knex('mr_history_jobs').delete();`,
  );

const saveDrafts = async (url: string, jwt: string, titles: string[]) => {
  const goals = contentManager(url, jwt, GOAL);
  const documentId = await goals.create({ title: titles[0], order: 7 });
  for (const title of titles.slice(1)) await goals.update(documentId, { title });
  await goals.publish(documentId);
  return documentId;
};

describe(`on a CMS of its own: gallring, and a history that cannot be written (${TEST_DATABASE})`, () => {
  let own: CmsProcess | undefined;
  let ownJwt = '';
  afterAll(async () => {
    await own?.stop();
  });

  it('thins old draft saves to the last of each day and deletes published versions past the rule', async () => {
    own = await startCms();
    const jwt = await registerFirstAdmin(own.url);
    ownJwt = jwt;
    const documentId = await saveDrafts(own.url, jwt, ['Utkast 1', 'Utkast 2', 'Utkast 3']);
    expect((await historyOf(own.url, jwt, GOAL, documentId)).map((version) => version.event)).toEqual(['publish', 'draft', 'draft', 'draft']);

    // Without a rule for published versions (the default: kept for ever) only the drafts thin.
    await own.kill();
    backdate(own.env, documentId, 40, 500);
    await own.restart();
    const thinned = await historyOf(own.url, jwt, GOAL, documentId);
    expect(thinned.map((version) => [version.event, version.data.title])).toEqual([
      ['draft', 'Utkast 3'],
      ['publish', 'Utkast 3'],
    ]);

    // With HISTORY_KEEP_PUBLISHED_DAYS=365 the publish of 500 days ago goes, with its event.
    await own.kill();
    backdate(own.env, documentId, 40, 500);
    own.env.HISTORY_KEEP_PUBLISHED_DAYS = '365';
    await own.restart();
    expect((await historyOf(own.url, jwt, GOAL, documentId)).map((version) => version.event)).toEqual(['draft']);
    const events = ok(await call<SiteEventsAnswer>(own.url, jwt, '/history/events?type=publish'));
    expect(events.data.filter((event) => event.documentId === documentId)).toEqual([]);
  });

  it('refuses a save whose history cannot be written, says so, and changes nothing', async () => {
    if (!own) throw new Error('The CMS of the test above is not running.');
    const session = ownJwt;
    const goals = contentManager(own.url, session, GOAL);
    const documentId = await goals.create({ title: 'Före felet', order: 8 });
    // The database refuses every new history row from now on (a trigger), as a full disk or a
    // lost permission would.
    await own.kill();
    onDatabase(
      own.env,
      TEST_DATABASE === 'postgres'
        ? `await knex.raw("CREATE FUNCTION refuse_history() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'history refused'; END $$ LANGUAGE plpgsql");
           await knex.raw('CREATE TRIGGER refuse_history BEFORE INSERT ON mr_history_versions FOR EACH ROW EXECUTE FUNCTION refuse_history()');`
        : `await knex.raw("CREATE TRIGGER refuse_history BEFORE INSERT ON mr_history_versions BEGIN SELECT RAISE(ABORT, 'history refused'); END");`,
    );
    await own.restart();
    const refused = await call<{ error: { message: string } }>(
      own.url,
      session,
      `/content-manager/collection-types/${GOAL}/${documentId}?locale=sv`,
      {
        method: 'PUT',
        json: { title: 'Efter felet' },
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('Ändringen sparades inte: historiken kunde inte skrivas. Försök igen om en stund.');
    expect((await goals.draft(documentId)).title).toBe('Före felet');
    expect(
      (
        await call(own.url, session, `/content-manager/collection-types/${GOAL}/${documentId}/actions/publish?locale=sv`, {
          method: 'POST',
          json: {},
        })
      ).status,
    ).toBe(400);
    // Not published either.
    expect(await goals.draft(documentId)).toMatchObject({ title: 'Före felet', status: 'draft' });
  });
});

// Two instances on one PostgreSQL database, as production may run them: whatever door and
// instance a write comes through, each is recorded once, and the daily gallring runs on one.
describe.runIf(TEST_DATABASE === 'postgres')('two CMS instances on one PostgreSQL database', () => {
  const instances: CmsProcess[] = [];
  afterAll(async () => {
    for (const instance of instances.slice(1)) await instance.kill();
    await instances[0]?.stop();
  });

  it('record every save once, and run the gallring once', async () => {
    const scratch = await scratchCmsEnv({ PORT: String(await freePort()) }, 'postgres');
    const first = await startCmsOn(scratch);
    instances.push(first);
    const second = await startCmsOn({ env: { ...scratch.env, PORT: String(await freePort()) }, cleanUp: async () => {} });
    instances.push(second);
    const jwt = await registerFirstAdmin(first.url);

    const documentId = await contentManager(first.url, jwt, GOAL).create({ title: 'Delat mål 0', order: 1 });
    // Twenty saves at once, alternating between the instances.
    const titles = Array.from({ length: 20 }, (_, index) => `Delat mål ${index + 1}`);
    await Promise.all(titles.map((title, index) => contentManager(index % 2 ? second.url : first.url, jwt, GOAL).update(documentId, { title })));
    const versions = await historyOf(second.url, jwt, GOAL, documentId);
    expect(versions.map((version) => version.data.title).sort()).toEqual(['Delat mål 0', ...titles].sort());
    expect(new Set(versions.map((version) => version.id)).size).toBe(versions.length);

    await Promise.all(instances.map((instance) => instance.kill()));
    backdate(first.env, documentId, 40, 40);
    // Both start at once, each running the gallring at start: one of them claims the day.
    await Promise.all(instances.map((instance) => instance.restart()));
    // The one left is the last save, the document's draft as it is now.
    const current = (await contentManager(first.url, jwt, GOAL).draft(documentId)).title;
    expect((await historyOf(first.url, jwt, GOAL, documentId)).map((version) => version.data.title)).toEqual([current]);
    // Strapi logs on the same output: the answer is the line marked RUNS.
    const output = onDatabase(first.env, `console.log('RUNS ' + JSON.stringify(await knex('mr_history_jobs').select('job', 'deleted')));`);
    const runs = output.split('\n').find((line) => line.startsWith('RUNS ')) ?? 'RUNS []';
    expect(JSON.parse(runs.slice('RUNS '.length))).toEqual([{ job: 'history-gallring', deleted: 20 }]);
  });
});

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteEditor, registerFirstAdmin } from '@malardalsradet/test-support/adminApi';
import { freePort, scratchCmsEnv, startCms, startCmsOn, TEST_DATABASE, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import type { HistoryVersion, SiteEventsAnswer } from '../src/history/types';
import type { Schedule } from '../src/scheduling/types';
import { call, ok } from './support/adminCall';

// Scheduled publishing (src/scheduling/), over the admin API the edit view's panel uses, on a CMS
// of its own (restarted in one test) whose site webhook goes to a receiver here: the webhook is
// how the site learns of a publish, so one delivery per scheduled publish is what the site sees.
const EDITOR = { firstname: 'Schema', lastname: 'Redaktör', email: 'schema-redaktor@example.org', password: 'Schema-2026-redaktor' };
const EDITOR_NAME = 'Schema Redaktör';
const PLAN = 'api::plan.plan';
const WEBHOOK_SECRET = 'schemalagd-publicering-hemlighet';

interface Refusal {
  error: { status: number; message: string; details?: { problems?: { path?: string[]; message: string }[] } };
}

/** A receiver for the site's webhook: every delivery's body. */
const webhookReceiver = async () => {
  const deliveries: { event: string; model?: string; entry?: { documentId?: string; locale?: string } }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      deliveries.push(JSON.parse(body) as (typeof deliveries)[number]);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/webhook`, deliveries, close: () => new Promise((resolve) => server.close(resolve)) };
};

const plans = (url: string, jwt: string) => {
  const base = `/content-manager/collection-types/${PLAN}`;
  return {
    create: async (data: Record<string, unknown>, locale = 'sv') =>
      ok(await call<{ data: { documentId: string } }>(url, jwt, `${base}?locale=${locale}`, { method: 'POST', json: data }), 201).data.documentId,
    update: async (documentId: string, data: Record<string, unknown>, locale = 'sv') =>
      ok(await call(url, jwt, `${base}/${documentId}?locale=${locale}`, { method: 'PUT', json: data })),
    status: async (documentId: string, locale: string) =>
      ok(await call<{ data: { status: string } }>(url, jwt, `${base}/${documentId}?locale=${locale}`)).data.status,
  };
};

const schedule = (url: string, jwt: string, request: Record<string, unknown>) =>
  call<{ data: Schedule } & Refusal>(url, jwt, '/scheduling', { method: 'POST', json: request });
const schedulesOf = async (url: string, jwt: string, documentId: string) =>
  ok(await call<{ data: Schedule[] }>(url, jwt, `/scheduling?contentType=${PLAN}&documentId=${documentId}`)).data;
const historyOf = async (url: string, jwt: string, documentId: string, locale: string) =>
  ok(await call<{ data: HistoryVersion[] }>(url, jwt, `/history/${PLAN}/${documentId}?locale=${locale}`)).data;
const eventsOf = async (url: string, jwt: string, documentId: string) =>
  ok(await call<SiteEventsAnswer>(url, jwt, '/history/events')).data.filter((event) => event.documentId === documentId);

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the schedule is no longer pending; answers it. */
const settled = async (url: string, jwt: string, documentId: string, id: number, withinMs = 20_000) => {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = (await schedulesOf(url, jwt, documentId)).find((one) => one.id === id);
    if (found && found.status !== 'pending') return found;
    if (Date.now() > deadline) throw new Error(`Schedule ${id} still pending after ${withinMs} ms: ${JSON.stringify(found)}`);
    await sleep(200);
  }
};

let year = 2040;
/** A valid plan in Swedish and English, unpublished. */
const twoLanguagePlan = async (url: string, jwt: string, title: string) => {
  const documentId = await plans(url, jwt).create({ title, year: ++year });
  await plans(url, jwt).update(documentId, { title: `${title} (English)` }, 'en');
  return documentId;
};

describe(`scheduled publishing (${TEST_DATABASE})`, () => {
  let cms: CmsProcess;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let jwt = '';

  beforeAll(async () => {
    receiver = await webhookReceiver();
    cms = await startCms({ SITE_WEBHOOK_URL: receiver.url, SITE_WEBHOOK_SECRET: WEBHOOK_SECRET });
    const adminJwt = await registerFirstAdmin(cms.url);
    jwt = await inviteEditor(cms.url, adminJwt, EDITOR);
  });

  afterAll(async () => {
    await cms?.stop();
    await receiver?.close();
  });

  it('publishes English only, once, within 5 s of its time, through the editor’s path (history, webhook)', async () => {
    const documentId = await twoLanguagePlan(cms.url, jwt, 'Plan som publiceras på engelska');
    const at = inSeconds(3);
    const created = ok(await schedule(cms.url, jwt, { contentType: PLAN, documentId, locale: 'en', action: 'publish', at }), 201).data;
    expect(created).toMatchObject({ status: 'pending', locale: 'en', action: 'publish', createdBy: EDITOR_NAME });
    expect(Number.isSafeInteger(created.id)).toBe(true);

    const done = await settled(cms.url, jwt, documentId, created.id);
    expect(done.status, done.error ?? '').toBe('done');
    const ranAfter = Date.parse(done.ranAt ?? '') - Date.parse(at);
    expect(ranAfter).toBeGreaterThanOrEqual(0);
    expect(ranAfter).toBeLessThan(5000);
    expect(done.lateMs).toBeLessThan(5000);

    expect(await plans(cms.url, jwt).status(documentId, 'en')).toBe('published');
    expect(await plans(cms.url, jwt).status(documentId, 'sv')).toBe('draft');
    const english = await historyOf(cms.url, jwt, documentId, 'en');
    expect(english.filter((version) => version.event === 'publish').map((version) => version.by)).toEqual([`Schemalagd av ${EDITOR_NAME}`]);
    expect((await historyOf(cms.url, jwt, documentId, 'sv')).some((version) => version.event === 'publish')).toBe(false);
    const events = await eventsOf(cms.url, jwt, documentId);
    const scheduled = events.find((event) => event.type === 'schedule.create');
    expect(scheduled).toMatchObject({ by: EDITOR_NAME, locale: 'en' });
    expect(scheduled?.detail).toMatch(/^Publicering på engelska /);
    expect(events.filter((event) => event.type === 'schedule.late')).toEqual([]);

    // The site's webhook: one publish of the English version, none of the Swedish.
    await sleep(500);
    const publishes = receiver.deliveries.filter((delivery) => delivery.event === 'entry.publish' && delivery.entry?.documentId === documentId);
    expect(publishes.map((delivery) => delivery.entry?.locale)).toEqual(['en']);
  });

  it('refuses, in Swedish, a time in the past, an unpublish before the publish, and what is not there (400, nothing stored)', async () => {
    const documentId = await twoLanguagePlan(cms.url, jwt, 'Plan som inte kan schemaläggas hur som helst');
    const base = { contentType: PLAN, documentId, locale: 'sv', action: 'publish' };
    const refused = async (request: Record<string, unknown>, pattern: RegExp) => {
      const answer = await schedule(cms.url, jwt, request);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.error.message).toMatch(pattern);
      return answer.body.error;
    };
    await refused({ ...base, at: new Date(Date.now() - 60_000).toISOString() }, /har redan passerat\. Välj en tid i framtiden/);
    await refused({ ...base, at: '2027-01-01 00:00' }, /går inte att läsa.*ISO 8601 med tidszon/);
    await refused({ ...base, at: '2027-01-01T00:00:00' }, /går inte att läsa/);
    await refused({ ...base, contentType: 'api::nope.nope', at: inSeconds(3600) }, /ingen innehållstyp som kan schemaläggas/);
    await refused({ ...base, locale: 'de', at: inSeconds(3600) }, /Okänt språk ”de”/);
    await refused({ ...base, action: 'delete', at: inSeconds(3600) }, /Okänd åtgärd/);
    await refused({ ...base, documentId: 'finns-inte', at: inSeconds(3600) }, /finns inte på svenska/);
    // Not published and nothing scheduled: nothing to unpublish.
    await refused({ ...base, action: 'unpublish', at: inSeconds(3600) }, /inte publicerad på svenska och ingen publicering är schemalagd/);
    const publish = ok(await schedule(cms.url, jwt, { ...base, at: inSeconds(7200) }), 201).data;
    await refused({ ...base, action: 'unpublish', at: inSeconds(3600) }, /ligger före publiceringen som är schemalagd/);
    // After it, it is accepted; and the same publish twice is a duplicate.
    ok(await schedule(cms.url, jwt, { ...base, action: 'unpublish', at: inSeconds(10_800) }), 201);
    await refused({ ...base, at: publish.at }, /är redan schemalagd/);
    // A document that could not be published: the problem is named.
    const untitled = await plans(cms.url, jwt).create({ year: ++year });
    const problem = await refused({ ...base, documentId: untitled, at: inSeconds(3600) }, /kan inte publiceras.*Rubrik|kan inte publiceras.*”title”/);
    expect(problem.details?.problems?.[0]?.path).toEqual(['title']);
    expect((await schedulesOf(cms.url, jwt, documentId)).map((one) => one.action)).toEqual(['publish', 'unpublish']);
    expect(await schedulesOf(cms.url, jwt, untitled)).toEqual([]);
  });

  it('moves and cancels, recorded in the history with who', async () => {
    const documentId = await twoLanguagePlan(cms.url, jwt, 'Plan som schemaläggs om');
    const created = ok(
      await schedule(cms.url, jwt, { contentType: PLAN, documentId, locale: 'sv', action: 'publish', at: inSeconds(3600) }),
      201,
    ).data;
    const moved = ok(
      await call<{ data: Schedule }>(cms.url, jwt, `/scheduling/${created.id}`, { method: 'PUT', json: { at: '2099-01-01T00:00:00+01:00' } }),
    ).data;
    expect(moved.at).toBe('2098-12-31T23:00:00.000Z');
    const cancelled = ok(await call<{ data: Schedule }>(cms.url, jwt, `/scheduling/${created.id}`, { method: 'DELETE' })).data;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: EDITOR_NAME });
    const again = await call<Refusal>(cms.url, jwt, `/scheduling/${created.id}`, { method: 'DELETE' });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/är redan avbruten/);
    const events = await eventsOf(cms.url, jwt, documentId);
    expect(events.map((event) => [event.type, event.by])).toEqual([
      ['schedule.cancel', EDITOR_NAME],
      ['schedule.update', EDITOR_NAME],
      ['schedule.create', EDITOR_NAME],
    ]);
    expect(events[1]?.detail).toMatch(/flyttad till 1 januari 2099 kl\. 00:00/);
  });

  it('fails visibly when the document became invalid: the reason on the start page’s list and in the history', async () => {
    const documentId = await twoLanguagePlan(cms.url, jwt, 'Plan som blir ogiltig');
    const created = ok(await schedule(cms.url, jwt, { contentType: PLAN, documentId, locale: 'sv', action: 'publish', at: inSeconds(3) }), 201).data;
    // Emptied the way Strapi's own validator refuses at publish (a cleared field sent as "" is caught by
    // publishChecks.ts too, but not by Strapi's server).
    await plans(cms.url, jwt).update(documentId, { title: null });
    const failed = await settled(cms.url, jwt, documentId, created.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/måste fyllas i/);
    expect(await plans(cms.url, jwt).status(documentId, 'sv')).toBe('draft');
    const upcoming = ok(await call<{ data: Schedule[] }>(cms.url, jwt, '/scheduling/upcoming')).data;
    expect(upcoming.find((one) => one.id === created.id)).toMatchObject({ status: 'failed', error: failed.error });
    const events = await eventsOf(cms.url, jwt, documentId);
    expect(events.find((event) => event.type === 'schedule.fail')?.detail).toMatch(/kunde inte göras: .*måste fyllas i/);
  });

  it('runs at start what fell due while the CMS was down, and says how late', async () => {
    const documentId = await twoLanguagePlan(cms.url, jwt, 'Plan som publiceras medan CMS:en är nere');
    const at = inSeconds(4);
    const created = ok(await schedule(cms.url, jwt, { contentType: PLAN, documentId, locale: 'sv', action: 'publish', at }), 201).data;
    await cms.kill();
    // Down well past the time and past the 5 s promise.
    await sleep(Math.max(0, Date.parse(at) + 7000 - Date.now()));
    await cms.restart();
    const done = await settled(cms.url, jwt, documentId, created.id);
    expect(done.status, done.error ?? '').toBe('done');
    expect(done.lateMs).toBeGreaterThan(5000);
    expect(await plans(cms.url, jwt).status(documentId, 'sv')).toBe('published');
    expect(await plans(cms.url, jwt).status(documentId, 'en')).toBe('draft');
    const versions = await historyOf(cms.url, jwt, documentId, 'sv');
    expect(versions.filter((version) => version.event === 'publish')).toHaveLength(1);
    const late = (await eventsOf(cms.url, jwt, documentId)).find((event) => event.type === 'schedule.late');
    expect(late?.detail).toMatch(/gjordes \d+ sekunder för sent.*CMS:en var inte igång/);
  });
});

// Two instances on one PostgreSQL database, each with its runner ticking every second: one
// publish, one history version, one webhook delivery.
describe.runIf(TEST_DATABASE === 'postgres')('scheduled publishing with two CMS instances on one PostgreSQL database', () => {
  const instances: CmsProcess[] = [];
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  afterAll(async () => {
    for (const instance of instances.slice(1)) await instance.kill();
    await instances[0]?.stop();
    await receiver?.close();
  });

  it('publishes each scheduled action exactly once', async () => {
    receiver = await webhookReceiver();
    const scratch = await scratchCmsEnv(
      { PORT: String(await freePort()), SITE_WEBHOOK_URL: receiver.url, SITE_WEBHOOK_SECRET: WEBHOOK_SECRET },
      'postgres',
    );
    const first = await startCmsOn(scratch);
    instances.push(first);
    const second = await startCmsOn({ env: { ...scratch.env, PORT: String(await freePort()) }, cleanUp: async () => {} });
    instances.push(second);
    const jwt = await registerFirstAdmin(first.url);
    // A database of its own: years of its own.
    year = 2070;

    // Fifteen plans, each Swedish and English at the same second, scheduled through either
    // instance: thirty publishes take one runner longer than a tick, so the other's ticks come
    // while it works and find rows it has not finished (a claim without the status check fails here).
    const documentIds = await Promise.all(Array.from({ length: 15 }, (_, n) => twoLanguagePlan(first.url, jwt, `Delad plan ${n + 1}`)));
    const at = inSeconds(6);
    const created = [];
    for (const [index, documentId] of documentIds.entries()) {
      for (const locale of ['sv', 'en']) {
        created.push(
          ok(await schedule(index % 2 ? second.url : first.url, jwt, { contentType: PLAN, documentId, locale, action: 'publish', at }), 201).data,
        );
      }
    }
    const delays: number[] = [];
    for (const [index, one] of created.entries()) {
      const done = await settled(index % 2 ? first.url : second.url, jwt, one.documentId, one.id);
      expect(done.status, done.error ?? '').toBe('done');
      delays.push(Date.parse(done.ranAt ?? '') - Date.parse(at));
    }
    // The 5 s promise is for an action at its minute (the test above); thirty at one second are
    // a burst that the two instances share: on the 2-core test machine under load the last ran
    // 6 s after its time (2026-12-07, load average 9), about 0.2 s a publish with its history.
    expect(Math.max(...delays), delays.join(', ')).toBeLessThan(15_000);
    expect(Math.min(...delays)).toBeLessThan(5000);
    await sleep(2000);
    for (const documentId of documentIds) {
      for (const locale of ['sv', 'en']) {
        const versions = await historyOf(first.url, jwt, documentId, locale);
        expect(
          versions.filter((version) => version.event === 'publish'),
          `${documentId} ${locale}`,
        ).toHaveLength(1);
        const events = (await eventsOf(second.url, jwt, documentId)).filter((event) => event.type === 'publish' && event.locale === locale);
        expect(events).toHaveLength(1);
      }
      const publishes = receiver.deliveries.filter((delivery) => delivery.event === 'entry.publish' && delivery.entry?.documentId === documentId);
      expect(publishes.map((delivery) => delivery.entry?.locale).sort()).toEqual(['en', 'sv']);
    }
  });
});

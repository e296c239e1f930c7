import { createArchiveUrl, LOCALES } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { historyContentTypes, restoring } from './recorder';
import { findMissing, isLocalized, restoreInput } from './snapshot';
import { findVersion, listEvents, listVersions, type EventRow, type VersionRow } from './store';
import {
  SITE_EVENT_TYPES,
  type HistoryVersion,
  type MissingReference,
  type RestoreAnswer,
  type SiteEvent,
  type SiteEventType,
  type SiteEventsAnswer,
} from './types';
import { registerAdminRoutes } from '../utils/adminRoutes';

/** The content manager's permissions, which the history follows: reading a history is reading the type. */
const READ = 'plugin::content-manager.explorer.read';
const UPDATE = 'plugin::content-manager.explorer.update';
const CREATE = 'plugin::content-manager.explorer.create';

export const EVENTS_PAGE_SIZE = 50;

interface Ability {
  can(action: string, subject: string): boolean;
}

interface RouteContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  state: { userAbility?: Ability };
  body: unknown;
}

/**
 * A refusal the editor reads. A PolicyError, not a plain ForbiddenError: Strapi's route
 * composer (core services/server/compose-endpoint.js) answers any other ForbiddenError with a
 * bare "Forbidden", dropping the message.
 */
const refuse = (message: string) => new errors.PolicyError(message);

const forbid = (ctx: RouteContext, action: string, uid: string, message: string) => {
  if (!ctx.state.userAbility?.can(action, uid)) throw refuse(message);
};

const toVersion = (row: VersionRow, missing: MissingReference[]): HistoryVersion => ({
  id: row.id,
  contentType: row.content_type,
  documentId: row.document_id,
  event: row.event,
  at: new Date(row.at).toISOString(),
  by: row.by_name,
  locale: row.locale,
  data: row.data,
  missing,
});

const toEvent = (row: EventRow): SiteEvent => ({
  id: row.id,
  type: row.type,
  at: new Date(row.at).toISOString(),
  by: row.by_name,
  contentType: row.content_type,
  documentId: row.document_id,
  locale: row.locale,
  label: row.label,
  versionId: row.version_id,
  detail: row.detail,
});

const single = (value: unknown): string | undefined =>
  Array.isArray(value) ? single(value[0]) : typeof value === 'string' && value !== '' ? value : undefined;

/** The start and end (ms) of a day in Swedish time, which is the editors' day. */
export const stockholmDay = (day: string): [number, number] | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const noon = new Date(Date.UTC(year, month - 1, date, 12));
  if (noon.getUTCMonth() !== month - 1 || noon.getUTCDate() !== date) return undefined;
  const offsetAt = (utc: number) => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' })
      .formatToParts(new Date(utc))
      .find((part) => part.type === 'timeZoneName')?.value;
    const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
    return offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : 0;
  };
  const midnight = (y: number, m: number, d: number) => {
    const utc = Date.UTC(y, m, d);
    // The offset at local midnight (a change of summer time happens at 02:00 or 03:00, never at 00:00).
    return utc - offsetAt(utc - offsetAt(utc));
  };
  return [midnight(year, month - 1, date), midnight(year, month - 1, date + 1)];
};

/** The events after which a version is no longer what the site shows. */
const ENDS_LIVE = new Set(['publish', 'unpublish', 'delete']);

/**
 * The archive link of a publish (rows newest first): the page as the site served it, at a moment
 * inside the time this version was live: just before the next publish, unpublish or delete of
 * the document in that language, or now. Not the publish's own time: the site goes live a moment
 * after the CMS's publish, so that moment still shows the version before. The site finds a
 * plan, report or priority area by its own page in that release, and the organisation, a goal
 * or the accessibility statement on the page that shows it (its release's declaration).
 */
const archiveUrlOf = (rows: VersionRow[], index: number, site: { siteUrl: string; secret: string }): string | null => {
  const row = rows[index];
  if (row?.event !== 'publish') return null;
  let next: VersionRow | undefined;
  for (let later = index - 1; later >= 0 && !next; later--) if (ENDS_LIVE.has(rows[later]?.event ?? '')) next = rows[later];
  const until = next ? new Date(next.at).getTime() - 1 : Date.now();
  return (
    createArchiveUrl(
      { uid: row.content_type, documentId: row.document_id, locale: row.locale ?? undefined },
      new Date(Math.max(until, new Date(row.at).getTime())),
      site,
    ) ?? null
  );
};

export const registerHistoryRoutes = (strapi: Core.Strapi, site?: { siteUrl: string; secret: string }): void => {
  const knex = strapi.db.connection;
  const contentTypes = () => historyContentTypes(strapi);

  const checkContentType = (uid: string) => {
    if (!contentTypes().has(uid)) {
      throw new errors.ValidationError(`"${uid}" är ingen innehållstyp med historik. Använd till exempel api::plan.plan.`);
    }
  };
  const checkLocale = (locale: string | undefined) => {
    if (locale !== undefined && !(LOCALES as readonly string[]).includes(locale)) {
      throw new errors.ValidationError(`Okänt språk "${locale}". Välj ett av: ${LOCALES.join(', ')}.`);
    }
  };

  const history = async (ctx: RouteContext) => {
    const uid = ctx.params.contentType ?? '';
    checkContentType(uid);
    forbid(ctx, READ, uid, 'Du har inte behörighet att läsa den här innehållstypen och därför inte heller dess historik.');
    const locale = single(ctx.query.locale);
    checkLocale(locale);
    const rows = await listVersions(knex, uid, ctx.params.documentId ?? '', locale);
    const missing = await findMissing(
      strapi,
      uid,
      rows.map((row) => row.data),
    );
    ctx.body = {
      data: rows.map((row, index) => ({ ...toVersion(row, missing[index] ?? []), archiveUrl: site ? archiveUrlOf(rows, index, site) : null })),
    };
  };

  const restore = async (ctx: RouteContext) => {
    const id = Number(ctx.params.versionId);
    if (!Number.isSafeInteger(id) || id < 1) throw new errors.ValidationError(`"${ctx.params.versionId}" är inget versionsnummer.`);
    const version = await findVersion(knex, id);
    if (!version) throw new errors.NotFoundError(`Version ${id} finns inte i historiken (den kan ha gallrats).`);
    const uid = version.content_type;
    if (!contentTypes().has(uid)) throw new errors.ValidationError(`Innehållstypen "${uid}" finns inte längre och kan inte återställas.`);
    forbid(ctx, UPDATE, uid, 'Du har inte behörighet att ändra den här innehållstypen och kan därför inte återställa versionen.');

    const documentId = version.document_id;
    const locale = isLocalized(strapi, uid) ? version.locale : null;
    const exists = (await strapi.db.query(uid).count({ where: { documentId } })) > 0;
    if (!exists) forbid(ctx, CREATE, uid, 'Dokumentet är borttaget och du har inte behörighet att skapa det igen.');
    const [missing = []] = await findMissing(strapi, uid, [version.data]);
    const data = restoreInput(strapi, uid, version.data, missing);
    const documents = strapi.documents(uid as never) as unknown as {
      update(params: Record<string, unknown>): Promise<Record<string, unknown> | null>;
      create(params: Record<string, unknown>): Promise<Record<string, unknown>>;
    };
    const { result: entry, recorded } = await restoring(async () =>
      exists
        ? // The draft of that language, created when the language has none (Strapi's update does that).
          documents.update({ documentId, ...(locale ? { locale } : {}), data })
        : // A deleted document comes back under its own documentId, so links to its history still hold.
          documents.create({ ...(locale ? { locale } : {}), data: { ...data, documentId } }),
    );
    if (!entry) throw new errors.ApplicationError('Versionen kunde inte återställas.');
    const own = recorded[0];
    if (!own) throw new errors.ApplicationError('Återställningen skrevs inte i historiken.');
    const answer: RestoreAnswer = {
      documentId: String(entry.documentId),
      locale: (entry.locale as string | null | undefined) ?? null,
      version: toVersion(own, missing),
      recreated: !exists,
      missing,
      entry,
    };
    ctx.body = { data: answer };
  };

  const events = async (ctx: RouteContext) => {
    // The list is the whole site's: anyone who may read one of the site's content types may read it.
    if (![...contentTypes()].some((uid) => ctx.state.userAbility?.can(READ, uid))) {
      throw refuse('Du har inte behörighet att se händelserna.');
    }
    const by = single(ctx.query.by);
    const type = single(ctx.query.type);
    if (type !== undefined && !(SITE_EVENT_TYPES as readonly string[]).includes(type)) {
      throw new errors.ValidationError(`Okänd typ av händelse "${type}". Välj en av: ${SITE_EVENT_TYPES.join(', ')}.`);
    }
    const day = single(ctx.query.day);
    const between = day === undefined ? undefined : stockholmDay(day);
    if (day !== undefined && !between)
      throw new errors.ValidationError(`"${day}" är inget datum. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.`);
    const pageText = single(ctx.query.page) ?? '1';
    const page = Number(pageText);
    if (!Number.isSafeInteger(page) || page < 1) throw new errors.ValidationError(`Sidan "${pageText}" finns inte: ange ett heltal från 1.`);
    const { rows, total } = await listEvents(knex, { by, type: type as SiteEventType | undefined, between }, page, EVENTS_PAGE_SIZE);
    const answer: SiteEventsAnswer = {
      data: rows.map(toEvent),
      meta: { page, pageSize: EVENTS_PAGE_SIZE, total, pageCount: Math.ceil(total / EVENTS_PAGE_SIZE) },
    };
    ctx.body = answer;
  };

  registerAdminRoutes(strapi, [
    // Before /history/:contentType/:documentId would not matter (one segment), but reads clearer first.
    { method: 'GET', path: '/history/events', handler: events },
    { method: 'GET', path: '/history/:contentType/:documentId', handler: history },
    { method: 'POST', path: '/history/:versionId/restore', handler: restore },
  ]);
};

import { LOCALES, type Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { editPath } from '../editor/missingTranslations';
import { labelOf } from '../history/snapshot';
import { currentActor, historyContentTypes } from '../history/recorder';
import type { Knex } from '../history/store';
import { findPublishProblems } from '../publishing/publishChecks';
import { describeSchedule, recordScheduleEvent } from './runner';
import { findSchedule, insertSchedule, leavePending, listDocumentSchedules, listUpcoming, type ScheduleRow } from './store';
import { formatStockholm } from './stockholmTime';
import { SCHEDULE_ACTIONS, type Schedule, type ScheduleAction } from './types';
import { registerAdminRoutes } from '../utils/adminRoutes';

/**
 * The scheduling's admin API: POST /scheduling, GET /scheduling?contentType=&documentId=,
 * PUT /scheduling/:id (a new time), DELETE /scheduling/:id (cancel), GET /scheduling/upcoming
 * (the start page's "Kommande publiceringar"). Admin routes behind the admin's session; scheduling
 * needs the content manager's publish permission on the type (the editors' role has it, and in
 * Strapi 5 it covers unpublishing too), reading needs read.
 */
const READ = 'plugin::content-manager.explorer.read';
const PUBLISH = 'plugin::content-manager.explorer.publish';

/** Failed schedules stay on the start page this long, so that the editor is told. */
const FAILED_SHOWN_MS = 14 * 24 * 60 * 60 * 1000;

/** ISO 8601 with a date, a time and an offset (Z or ±hh:mm): a time without a zone would be guessed. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

interface Ability {
  can(action: string, subject: string): boolean;
}
interface RouteContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  state: { userAbility?: Ability };
  request: { body?: unknown };
  body: unknown;
  status: number;
}

const invalid = (message: string, details?: Record<string, unknown>) => new errors.ValidationError(message, details);
// A PolicyError keeps its message (see history/routes.ts: Strapi answers other ForbiddenErrors with a bare "Forbidden").
const refuse = (message: string) => new errors.PolicyError(message);

const single = (value: unknown): string | undefined =>
  Array.isArray(value) ? single(value[0]) : typeof value === 'string' && value !== '' ? value : undefined;

/** What the caller sent, as text for a message. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

const languageName = (locale: string) => new Intl.DisplayNames(['sv'], { type: 'language' }).of(locale) ?? locale;

const isSingleType = (strapi: Core.Strapi, uid: string) => (strapi.contentTypes[uid as never] as unknown as { kind?: string }).kind === 'singleType';

const toSchedule = (strapi: Core.Strapi, row: ScheduleRow): Schedule => ({
  id: row.id,
  contentType: row.content_type,
  documentId: row.document_id,
  locale: row.locale,
  action: row.action,
  at: new Date(row.at).toISOString(),
  status: row.status,
  label: row.label,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at).toISOString(),
  ranAt: row.ran_at === null ? null : new Date(row.ran_at).toISOString(),
  lateMs: row.late_ms,
  error: row.error,
  cancelledBy: row.cancelled_by,
  cancelledAt: row.cancelled_at === null ? null : new Date(row.cancelled_at).toISOString(),
  editPath: editPath(row.content_type, isSingleType(strapi, row.content_type), row.document_id, row.locale as Locale),
});

/** A time the editor gave, as milliseconds: ISO 8601 with an offset, not in the past. */
const parseAt = (value: unknown, now: number): number => {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value.trim()) || Number.isNaN(Date.parse(value))) {
    throw invalid(
      `Tiden ”${shown(value)}” går inte att läsa. Ange den i ISO 8601 med tidszon, till exempel 2027-01-01T00:00:00+01:00 (svensk vintertid) eller 2027-01-01T00:00:00Z.`,
    );
  }
  const at = Date.parse(value);
  if (at <= now) throw invalid(`Tiden ${formatStockholm(at)} har redan passerat. Välj en tid i framtiden.`);
  return at;
};

export const registerSchedulingRoutes = (strapi: Core.Strapi): void => {
  const knex = strapi.db.connection;

  const checkContentType = (uid: unknown): string => {
    if (typeof uid !== 'string' || !historyContentTypes(strapi).has(uid)) {
      throw invalid(`”${shown(uid)}” är ingen innehållstyp som kan schemaläggas. Använd till exempel api::plan.plan.`);
    }
    return uid;
  };
  const checkLocale = (locale: unknown): string => {
    if (typeof locale !== 'string' || !(LOCALES as readonly string[]).includes(locale)) {
      throw invalid(`Okänt språk ”${shown(locale)}”. Välj ett av: ${LOCALES.join(', ')}.`);
    }
    return locale;
  };
  const checkAction = (action: unknown): ScheduleAction => {
    if (!(SCHEDULE_ACTIONS as readonly unknown[]).includes(action)) {
      throw invalid(`Okänd åtgärd ”${shown(action)}”. Välj publish (publicera) eller unpublish (avpublicera).`);
    }
    return action as ScheduleAction;
  };
  const mayPublish = (ctx: RouteContext, uid: string) => {
    if (!ctx.state.userAbility?.can(PUBLISH, uid))
      throw refuse('Du har inte behörighet att publicera den här innehållstypen och kan därför inte schemalägga den.');
  };

  /** The draft of the document in that language, which a publish publishes; its title for the lists. */
  const draftOf = async (uid: string, documentId: string, locale: string) =>
    (await strapi.db.query(uid).findOne({ where: { documentId, locale, publishedAt: null } })) as Record<string, unknown> | null;
  const isPublished = async (uid: string, documentId: string, locale: string) =>
    (await strapi.db.query(uid).count({ where: { documentId, locale, publishedAt: { $notNull: true } } })) > 0;

  /**
   * What must hold for a schedule at `at`, whether new or moved: the document exists in the
   * language; a publish has nothing that stops it; an unpublish comes after the publish (the one
   * scheduled, or the one already made). Answers the document's title.
   */
  const checkSchedule = async (row: Pick<ScheduleRow, 'content_type' | 'document_id' | 'locale' | 'action' | 'at'>, ignoreId?: number) => {
    const { content_type: uid, document_id: documentId, locale, action, at } = row;
    const language = languageName(locale);
    const draft = await draftOf(uid, documentId, locale);
    if (!draft) throw invalid(`Posten ”${documentId}” finns inte på ${language} i ${uid}. Spara den på ${language} först.`);
    const others = (await listDocumentSchedules(knex, uid, documentId, locale)).filter(
      (other) => other.status === 'pending' && other.id !== ignoreId,
    );
    if (others.some((other) => other.action === action && other.at === at)) {
      throw invalid(`${describeSchedule(row)} är redan schemalagd.`);
    }
    if (action === 'publish') {
      const problems = await findPublishProblems(strapi, uid, documentId, locale);
      if (problems.length > 0) {
        throw invalid(`Posten kan inte publiceras som den är nu: ${problems.map((problem) => problem.message).join(' ')}`, { problems });
      }
    } else {
      const publishes = others.filter((other) => other.action === 'publish');
      const later = publishes.find((other) => other.at >= at);
      if (later) {
        throw invalid(
          `Avpubliceringen ${formatStockholm(at)} ligger före publiceringen som är schemalagd ${formatStockholm(later.at)}. Välj en tid efter publiceringen, eller ändra publiceringen först.`,
        );
      }
      if (publishes.length === 0 && !(await isPublished(uid, documentId, locale))) {
        throw invalid(
          `Posten är inte publicerad på ${language} och ingen publicering är schemalagd före ${formatStockholm(at)}. Det finns inget att avpublicera.`,
        );
      }
    }
    return labelOf(draft, documentId);
  };

  const list = async (ctx: RouteContext) => {
    const uid = checkContentType(single(ctx.query.contentType));
    if (!ctx.state.userAbility?.can(READ, uid)) throw refuse('Du har inte behörighet att läsa den här innehållstypen.');
    const documentId = single(ctx.query.documentId);
    if (!documentId) throw invalid('Ange dokumentet: documentId saknas.');
    const locale = single(ctx.query.locale);
    if (locale !== undefined) checkLocale(locale);
    const rows = await listDocumentSchedules(knex, uid, documentId, locale);
    ctx.body = { data: rows.map((row) => toSchedule(strapi, row)) };
  };

  const upcoming = async (ctx: RouteContext) => {
    const rows = await listUpcoming(knex, Date.now() - FAILED_SHOWN_MS);
    ctx.body = { data: rows.filter((row) => ctx.state.userAbility?.can(READ, row.content_type)).map((row) => toSchedule(strapi, row)) };
  };

  const create = async (ctx: RouteContext) => {
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const uid = checkContentType(body.contentType);
    mayPublish(ctx, uid);
    const locale = checkLocale(body.locale);
    const action = checkAction(body.action);
    if (typeof body.documentId !== 'string' || body.documentId === '') throw invalid('Ange dokumentet: documentId saknas.');
    const now = Date.now();
    const at = parseAt(body.at, now);
    const row = { content_type: uid, document_id: body.documentId, locale, action, at };
    const label = await checkSchedule(row);
    const by = currentActor(strapi);
    const created = await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
      const full: Omit<ScheduleRow, 'id'> = {
        ...row,
        status: 'pending',
        label,
        created_by: by,
        created_at: now,
        ran_at: null,
        late_ms: null,
        error: null,
        cancelled_by: null,
        cancelled_at: null,
      };
      const id = await insertSchedule(trx, full);
      await recordScheduleEvent(trx, 'schedule.create', { ...full, id }, by, `${describeSchedule(full)} schemalagd.`);
      return { ...full, id };
    });
    ctx.status = 201;
    ctx.body = { data: toSchedule(strapi, created) };
  };

  const pendingOne = async (ctx: RouteContext) => {
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw invalid(`”${ctx.params.id}” är inget schemanummer.`);
    const row = await findSchedule(knex, id);
    if (!row) throw new errors.NotFoundError(`Det finns inget schema nummer ${id}.`);
    mayPublish(ctx, row.content_type);
    if (row.status !== 'pending') {
      const why = { done: 'har redan gjorts', failed: 'har redan misslyckats', cancelled: 'är redan avbruten', pending: '' }[row.status];
      throw invalid(`${describeSchedule(row)} ${why} och kan inte ändras.`);
    }
    return row;
  };

  const change = async (ctx: RouteContext) => {
    const row = await pendingOne(ctx);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const at = parseAt(body.at, Date.now());
    const label = await checkSchedule({ ...row, at }, row.id);
    const by = currentActor(strapi);
    const changed = await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
      const updated = await leavePending(trx, row.id, { status: 'pending', at, label });
      if (!updated) throw invalid(`${describeSchedule(row)} gjordes eller avbröts just och kan inte ändras.`);
      await recordScheduleEvent(trx, 'schedule.update', updated, by, `${describeSchedule(row)} flyttad till ${formatStockholm(at)}.`);
      return updated;
    });
    ctx.body = { data: toSchedule(strapi, changed) };
  };

  const cancel = async (ctx: RouteContext) => {
    const row = await pendingOne(ctx);
    const by = currentActor(strapi);
    const cancelled = await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
      const updated = await leavePending(trx, row.id, { status: 'cancelled', cancelled_by: by, cancelled_at: Date.now() });
      if (!updated) throw invalid(`${describeSchedule(row)} gjordes just och kan inte längre avbrytas.`);
      await recordScheduleEvent(trx, 'schedule.cancel', updated, by, `${describeSchedule(row)} avbruten.`);
      return updated;
    });
    ctx.body = { data: toSchedule(strapi, cancelled) };
  };

  registerAdminRoutes(strapi, [
    { method: 'GET', path: '/scheduling/upcoming', handler: upcoming },
    { method: 'GET', path: '/scheduling', handler: list },
    { method: 'POST', path: '/scheduling', handler: create },
    { method: 'PUT', path: '/scheduling/:id', handler: change },
    { method: 'DELETE', path: '/scheduling/:id', handler: cancel },
  ]);
};

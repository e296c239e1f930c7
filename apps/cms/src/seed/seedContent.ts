import { DEFAULT_LOCALE, LOCALES, type Locale } from '@malardalsradet/site-contract';
import type { Core, UID } from '@strapi/strapi';
import { ensureLocales } from '../i18n/locales';
import { slugify } from '../utils/slugify';
import { accessibilityStatement, goals, organisation, plans, reports } from '@malardalsradet/seed-content';

/** What a seed run did: documents created per content type (0 everywhere on a second run). */
export type SeedReport = Record<'organisation' | 'accessibilityStatement' | 'goal' | 'report' | 'plan' | 'priorityArea', number>;

type Data = Record<string, unknown>;

// The document service calls the seed makes, typed loosely: the generated content-type types
// would otherwise have to be spelled out per type for a routine that treats them all alike.
interface Documents {
  create(params: { locale: string; data: Data }): Promise<{ documentId: string }>;
  update(params: { documentId: string; locale: string; data: Data }): Promise<unknown>;
  publish(params: { documentId: string; locale: string }): Promise<unknown>;
  findFirst(params: { locale: string; status: 'draft'; filters: Data }): Promise<{ documentId: string } | null>;
}

const documentsOf = (strapi: Core.Strapi, uid: UID.ContentType) => strapi.documents(uid) as unknown as Documents;

/** One value per language of the contract, made by `make`. */
const perLocale = <T>(make: (locale: Locale) => T): Record<Locale, T> =>
  Object.fromEntries(LOCALES.map((locale) => [locale, make(locale)])) as Record<Locale, T>;

/**
 * Creates a document in the default language (Swedish), adds its other languages, and publishes
 * them all unless told not to. It always creates: the callers look for the document first
 * (findInDefaultLocale), which is what keeps the seed from creating anything twice.
 */
const createInEveryLocale = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  text: Record<Locale, Data>,
  { publish = true }: { publish?: boolean } = {},
): Promise<string> => {
  const documents = documentsOf(strapi, uid);
  const created = await documents.create({ locale: DEFAULT_LOCALE, data: text[DEFAULT_LOCALE] });
  for (const locale of LOCALES.filter((other) => other !== DEFAULT_LOCALE)) {
    await documents.update({ documentId: created.documentId, locale, data: text[locale] });
  }
  if (publish) {
    await documents.publish({ documentId: created.documentId, locale: '*' });
  }
  return created.documentId;
};

/** Finds a document by a natural key in the default locale (Swedish), drafts included. */
const findInDefaultLocale = (strapi: Core.Strapi, uid: UID.ContentType, filters: Data) =>
  documentsOf(strapi, uid).findFirst({ locale: DEFAULT_LOCALE, status: 'draft', filters });

/**
 * Seeds Mälardalsrådet's content in every language of the contract (Swedish and English). Idempotent: each document is found by
 * its natural key (the single organisation, a goal's order, a report's or plan's year, a priority
 * area's slug; a single type is found by being there) and only what is missing is created; editors' changes are never overwritten.
 */
export const seedContent = async (strapi: Core.Strapi): Promise<SeedReport> => {
  const report: SeedReport = { organisation: 0, accessibilityStatement: 0, goal: 0, report: 0, plan: 0, priorityArea: 0 };
  await ensureLocales(strapi);

  const singleTypes = [
    ['organisation', 'api::organisation.organisation', organisation],
    ['accessibilityStatement', 'api::accessibility-statement.accessibility-statement', accessibilityStatement],
  ] as const;
  for (const [key, uid, text] of singleTypes) {
    if (await findInDefaultLocale(strapi, uid, {})) continue;
    await createInEveryLocale(strapi, uid, text as unknown as Record<Locale, Data>);
    report[key]++;
  }

  for (const goal of goals) {
    if (await findInDefaultLocale(strapi, 'api::goal.goal', { order: goal.order })) continue;
    await createInEveryLocale(
      strapi,
      'api::goal.goal',
      perLocale((locale) => ({ ...goal.text[locale], order: goal.order })),
    );
    report.goal++;
  }

  for (const seed of reports) {
    if (await findInDefaultLocale(strapi, 'api::report.report', { year: seed.year })) continue;
    await createInEveryLocale(
      strapi,
      'api::report.report',
      perLocale((locale) => ({ ...seed.text[locale], year: seed.year })),
    );
    report.report++;
  }

  for (const plan of plans) {
    let planId = (await findInDefaultLocale(strapi, 'api::plan.plan', { year: plan.year }))?.documentId;
    if (!planId) {
      planId = await createInEveryLocale(
        strapi,
        'api::plan.plan',
        perLocale((locale) => ({ ...plan.text[locale], year: plan.year })),
        { publish: plan.published },
      );
      report.plan++;
    }

    for (const area of plan.priorityAreas) {
      const slug = slugify(area.text[DEFAULT_LOCALE].title);
      if (await findInDefaultLocale(strapi, 'api::priority-area.priority-area', { slug })) continue;
      const localized = (locale: Locale) => ({
        ...area.text[locale],
        slug: locale === DEFAULT_LOCALE ? slug : slugify(area.text[locale].title),
        order: area.order,
        plan: { connect: [{ documentId: planId, locale }] },
      });
      await createInEveryLocale(strapi, 'api::priority-area.priority-area', perLocale(localized), { publish: plan.published });
      report.priorityArea++;
    }
  }

  return report;
};

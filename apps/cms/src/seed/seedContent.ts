import type { Core, UID } from '@strapi/strapi';
import { ensureLocales } from '../i18n/locales';
import { slugify } from '../utils/slugify';
import { accessibilityStatement, goals, organisation, plans, reports, type Locale } from './content';

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

/**
 * Creates a document in Swedish, adds its English version, and publishes both unless told not
 * to. It always creates: the callers look for the document first (findSwedish), which is what
 * keeps the seed from creating anything twice.
 */
const createBilingual = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  text: Record<Locale, Data>,
  { publish = true }: { publish?: boolean } = {},
): Promise<string> => {
  const documents = documentsOf(strapi, uid);
  const created = await documents.create({ locale: 'sv', data: text.sv });
  await documents.update({ documentId: created.documentId, locale: 'en', data: text.en });
  if (publish) {
    await documents.publish({ documentId: created.documentId, locale: '*' });
  }
  return created.documentId;
};

/** Finds a document by a natural key in the Swedish (default) locale, drafts included. */
const findSwedish = (strapi: Core.Strapi, uid: UID.ContentType, filters: Data) =>
  documentsOf(strapi, uid).findFirst({ locale: 'sv', status: 'draft', filters });

/**
 * Seeds Mälardalsrådet's content in Swedish and English. Idempotent: each document is found by
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
    if (await findSwedish(strapi, uid, {})) continue;
    await createBilingual(strapi, uid, text as unknown as Record<Locale, Data>);
    report[key]++;
  }

  for (const goal of goals) {
    if (await findSwedish(strapi, 'api::goal.goal', { order: goal.order })) continue;
    await createBilingual(strapi, 'api::goal.goal', {
      sv: { ...goal.text.sv, order: goal.order },
      en: { ...goal.text.en, order: goal.order },
    });
    report.goal++;
  }

  for (const seed of reports) {
    if (await findSwedish(strapi, 'api::report.report', { year: seed.year })) continue;
    await createBilingual(strapi, 'api::report.report', {
      sv: { ...seed.text.sv, year: seed.year },
      en: { ...seed.text.en, year: seed.year },
    });
    report.report++;
  }

  for (const plan of plans) {
    let planId = (await findSwedish(strapi, 'api::plan.plan', { year: plan.year }))?.documentId;
    if (!planId) {
      planId = await createBilingual(
        strapi,
        'api::plan.plan',
        { sv: { ...plan.text.sv, year: plan.year }, en: { ...plan.text.en, year: plan.year } },
        { publish: plan.published },
      );
      report.plan++;
    }

    for (const area of plan.priorityAreas) {
      const slug = slugify(area.text.sv.title);
      if (await findSwedish(strapi, 'api::priority-area.priority-area', { slug })) continue;
      const localized = (locale: Locale, localeSlug: string) => ({
        ...area.text[locale],
        slug: localeSlug,
        order: area.order,
        plan: { connect: [{ documentId: planId, locale }] },
      });
      await createBilingual(
        strapi,
        'api::priority-area.priority-area',
        { sv: localized('sv', slug), en: localized('en', slugify(area.text.en.title)) },
        { publish: plan.published },
      );
      report.priorityArea++;
    }
  }

  return report;
};

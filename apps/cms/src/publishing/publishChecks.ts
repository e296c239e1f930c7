import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contentTypeLabels } from '../editor/fieldLabels';

/**
 * Whether a document's draft in one language can be published, and if not, why, in Swedish.
 *
 * This version holds Strapi's own validation of a publish only: the entity validator run on the
 * draft as the document service's publish runs it (core services/document-service/entries.js:
 * createEntry with publishedAt set, so `isDraft: false`: required fields, lengths, formats,
 * relations that exist). The scheduling (src/scheduling/) asks it when a publish is scheduled and
 * again when it runs.
 */
export interface PublishProblem {
  /** The field at fault, as a path (`title`, `seo.metaTitle`), when there is one. */
  path?: string[];
  message: string;
}

type Row = Record<string, unknown>;
interface Attribute {
  type: string;
  required?: boolean;
  component?: string;
  repeatable?: boolean;
  relation?: string;
}
interface Model {
  uid: string;
  attributes: Record<string, Attribute>;
}

// Strapi's bookkeeping, not content the validator judges.
const SKIP = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'firstPublishedAt',
  'createdBy',
  'updatedBy',
  'localizations',
  'locale',
]);

const idsOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return (value as Row[]).map((item) => item.id);
  return value && typeof value === 'object' ? (value as Row).id : null;
};

/** The stored draft as the validator takes data: relations and media as ids, components without their ids. */
const validatorInput = (strapi: Core.Strapi, model: Model, row: Row): Row => {
  const data: Row = {};
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (SKIP.has(name) || !(name in row)) continue;
    const value = row[name];
    if (attribute.type === 'media' || attribute.type === 'relation') {
      // Polymorphic relations are not validated by ids; leave them out.
      if (!attribute.relation?.startsWith('morph')) data[name] = idsOf(value);
    } else if (attribute.type === 'component' && attribute.component) {
      const component = strapi.components[attribute.component as never] as unknown as Model;
      data[name] = Array.isArray(value)
        ? (value as Row[]).map((item) => validatorInput(strapi, component, item))
        : value
          ? validatorInput(strapi, component, value as Row)
          : null;
    } else if (attribute.type === 'dynamiczone') {
      data[name] = Array.isArray(value)
        ? (value as Row[]).map((item) => ({
            __component: item.__component,
            ...validatorInput(strapi, strapi.components[item.__component as never] as unknown as Model, item),
          }))
        : [];
    } else data[name] = value;
  }
  return data;
};

/** Everything the validator needs populated: relations, media, components, all the way down. */
const deepPopulate = (strapi: Core.Strapi, model: Model): Row => {
  const populate: Row = {};
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (SKIP.has(name)) continue;
    if (attribute.type === 'media' || (attribute.type === 'relation' && !attribute.relation?.startsWith('morph')))
      populate[name] = { select: ['id'] };
    else if (attribute.type === 'component' && attribute.component) {
      const nested = deepPopulate(strapi, strapi.components[attribute.component as never]);
      populate[name] = Object.keys(nested).length > 0 ? { populate: nested } : true;
    } else if (attribute.type === 'dynamiczone') populate[name] = { populate: '*' };
  }
  return populate;
};

const fieldLabel = (uid: string, path: string[] | undefined): string | undefined => {
  const field = path?.[0];
  if (!field) return undefined;
  return contentTypeLabels[uid]?.fields[field]?.label ?? field;
};

/** A validator message (English, from yup) in an editor's words. */
const inSwedish = (uid: string, path: string[] | undefined, message: string): string => {
  const label = fieldLabel(uid, path);
  const where = label ? `Fältet ”${label}”` : 'Ett fält';
  // yup says a required field that is null is of the wrong type: "… the final value was: `null`".
  if (/must be defined|required|cannot be null|final value was: `null`/i.test(message)) return `${where} måste fyllas i innan posten kan publiceras.`;
  const max = /at most (\d+)/i.exec(message);
  if (max) return `${where} får vara högst ${max[1]} tecken långt.`;
  const min = /at least (\d+)/i.exec(message);
  if (min) return `${where} måste vara minst ${min[1]} tecken långt.`;
  if (/unique/i.test(message)) return `${where} har samma värde som en annan post; värdet måste vara unikt.`;
  if (/relation/i.test(message)) return `${where} är kopplat till en post som inte längre finns. Ta bort kopplingen och välj en annan.`;
  return `${where} har ett värde som inte kan publiceras. Kontrollera fältet och spara igen.`;
};

export const findPublishProblems = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string): Promise<PublishProblem[]> => {
  const model = strapi.contentTypes[uid as never] as unknown as Model | undefined;
  if (!model) return [{ message: `Innehållstypen ”${uid}” finns inte.` }];
  const draft = (await strapi.db.query(uid).findOne({
    where: { documentId, locale, publishedAt: null },
    populate: deepPopulate(strapi, model),
  })) as Row | null;
  if (!draft) return [{ message: `Posten finns inte på språket ”${locale}” och kan inte publiceras.` }];
  // The admin's own publish validation (the content manager's yup schema) refuses a required text
  // left empty, which the server's validator lets through: a field the editor cleared is sent as
  // "", and a scheduled publish has no form to catch it.
  const empty = Object.entries(model.attributes)
    .filter(([name, attribute]) => attribute.required && !SKIP.has(name) && typeof draft[name] === 'string' && draft[name].trim() === '')
    .map(([name]) => ({ path: [name], message: inSwedish(uid, [name], 'required') }));
  const emptyFields = new Set(empty.map((problem) => problem.path[0]));
  return [...empty, ...(await validatorProblems(strapi, uid, model, draft, locale)).filter((problem) => !emptyFields.has(problem.path?.[0] ?? ''))];
};

/** Strapi's validator on the draft as a publish runs it; its refusals in Swedish. */
const validatorProblems = async (strapi: Core.Strapi, uid: string, model: Model, draft: Row, locale: string): Promise<PublishProblem[]> => {
  try {
    await strapi.entityValidator.validateEntityCreation(model as never, validatorInput(strapi, model, draft), { isDraft: false, locale });
    return [];
  } catch (error) {
    if (!(error instanceof errors.ValidationError)) throw error;
    const refusal = error as Error & { details?: { errors?: { path?: (string | number)[]; message?: string }[] } };
    const found = refusal.details?.errors?.length ? refusal.details.errors : [{ path: undefined, message: refusal.message }];
    return found.map((problem) => {
      const path = problem.path?.map(String);
      return { ...(path?.length ? { path } : {}), message: inSwedish(uid, path, problem.message ?? '') };
    });
  }
};

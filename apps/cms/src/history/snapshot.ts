import type { Core } from '@strapi/strapi';
import { SYSTEM_FIELDS, type MediaRef, type MissingReference, type RelationRef } from './types';

/**
 * A document's content in one language as the history keeps it: its own fields as stored,
 * components as nested objects, relations and media by reference (documentId or file id, with a
 * label to show when the target is gone). Read straight from the database, so it is the content
 * as it is, whatever door wrote it.
 */

interface Attribute {
  type: string;
  target?: string;
  relation?: string;
  component?: string;
  components?: string[];
  multiple?: boolean;
}

interface Model {
  uid: string;
  attributes: Record<string, Attribute>;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
}

export const MEDIA_UID = 'plugin::upload.file';

const modelOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as never) as unknown as Model;

export const isLocalized = (strapi: Core.Strapi, uid: string): boolean => Boolean(modelOf(strapi, uid).pluginOptions?.i18n?.localized);

/** The field a target is called by: its title or name, else its documentId. */
const labelField = (strapi: Core.Strapi, uid: string): string | undefined => {
  const attributes = modelOf(strapi, uid).attributes;
  return ['title', 'name', 'username', 'email'].find((field) => attributes[field]?.type === 'string' || attributes[field]?.type === 'email');
};

const MEDIA_SELECT = ['id', 'documentId', 'name', 'url', 'alternativeText'];

/** What to populate to see every field of a model, relations and media as references only. */
export const populateFor = (strapi: Core.Strapi, uid: string): Record<string, unknown> => {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(modelOf(strapi, uid).attributes)) {
    if (SYSTEM_FIELDS.has(name)) continue;
    if (attribute.type === 'media') populate[name] = { select: MEDIA_SELECT };
    else if (attribute.type === 'relation' && attribute.target) {
      const label = labelField(strapi, attribute.target);
      populate[name] = { select: ['documentId', ...(label ? [label] : [])] };
    } else if (attribute.type === 'component' && attribute.component) {
      const nested = populateFor(strapi, attribute.component);
      // A component without relations or media: its own fields, nothing nested.
      populate[name] = Object.keys(nested).length > 0 ? { populate: nested } : true;
    } else if (attribute.type === 'dynamiczone') populate[name] = { populate: '*' };
  }
  return populate;
};

type Row = Record<string, unknown>;

const relationRef = (strapi: Core.Strapi, target: string, row: Row): RelationRef => {
  const label = labelField(strapi, target);
  return { documentId: String(row.documentId), label: String((label && row[label]) ?? row.documentId) };
};

const mediaRef = (row: Row): MediaRef => ({
  fileId: Number(row.id),
  documentId: row.documentId as string | undefined,
  name: typeof row.name === 'string' ? row.name : '',
  url: row.url as string | undefined,
  alternativeText: (row.alternativeText as string | null | undefined) ?? null,
});

const many = <T>(value: unknown, each: (row: Row) => T): T[] | T | null =>
  Array.isArray(value) ? (value as Row[]).map(each) : value ? each(value as Row) : null;

/** A stored row (populated with populateFor) as the history keeps it. */
export const snapshotOf = (strapi: Core.Strapi, uid: string, row: Row): Record<string, unknown> => {
  const data: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(modelOf(strapi, uid).attributes)) {
    if (SYSTEM_FIELDS.has(name) || !(name in row)) continue;
    const value = row[name];
    if (attribute.type === 'media') data[name] = many(value, mediaRef);
    else if (attribute.type === 'relation' && attribute.target) {
      const target = attribute.target;
      data[name] = many(value, (related) => relationRef(strapi, target, related));
    } else if (attribute.type === 'component' && attribute.component) {
      const component = attribute.component;
      data[name] = many(value, (item) => snapshotOf(strapi, component, item));
    } else if (attribute.type === 'dynamiczone') {
      data[name] = Array.isArray(value)
        ? (value as Row[]).map((item) => ({ __component: item.__component, ...snapshotOf(strapi, String(item.__component), item) }))
        : [];
    } else data[name] = value;
  }
  return data;
};

/** The label a version shows in lists: the document's title or name. */
export const labelOf = (data: Record<string, unknown>, documentId: string): string => {
  const label = data.title ?? data.name;
  return typeof label === 'string' && label !== '' ? label.slice(0, 255) : documentId;
};

interface Reference {
  field: string;
  kind: 'relation' | 'media';
  target: string;
  documentId?: string;
  fileId?: number;
  label: string;
}

/** Every reference a version's data holds, with the field it sits in. */
const referencesOf = (strapi: Core.Strapi, uid: string, data: Record<string, unknown>, prefix = ''): Reference[] =>
  Object.entries(modelOf(strapi, uid).attributes).flatMap(([name, attribute]): Reference[] => {
    const value = data[name];
    if (value === null || value === undefined) return [];
    const field = `${prefix}${name}`;
    const list = (Array.isArray(value) ? value : [value]) as Row[];
    if (attribute.type === 'media')
      return list.map((ref) => ({ field, kind: 'media', target: MEDIA_UID, fileId: Number(ref.fileId), label: String(ref.name ?? ref.fileId) }));
    if (attribute.type === 'relation' && attribute.target) {
      const target = attribute.target;
      return list.map((ref) => ({ field, kind: 'relation', target, documentId: String(ref.documentId), label: String(ref.label ?? ref.documentId) }));
    }
    if (attribute.type === 'component' && attribute.component) {
      const component = attribute.component;
      return list.flatMap((item) => referencesOf(strapi, component, item, `${field}.`));
    }
    return [];
  });

/** The references of these versions that no longer exist, per version (by index). */
export const findMissing = async (strapi: Core.Strapi, uid: string, versions: Record<string, unknown>[]): Promise<MissingReference[][]> => {
  const all = versions.map((data) => referencesOf(strapi, uid, data));
  const wanted = new Map<string, Set<string>>();
  for (const ref of all.flat()) {
    const key = ref.kind === 'media' ? String(ref.fileId) : String(ref.documentId);
    wanted.set(ref.target, (wanted.get(ref.target) ?? new Set()).add(key));
  }
  const existing = new Map<string, Set<string>>();
  for (const [target, keys] of wanted) {
    const column = target === MEDIA_UID ? 'id' : 'documentId';
    const values = [...keys].map((key) => (column === 'id' ? Number(key) : key));
    const rows = (await strapi.db.query(target).findMany({ select: [column], where: { [column]: { $in: values } } })) as Row[];
    existing.set(target, new Set(rows.map((row) => String(row[column]))));
  }
  return all.map((refs) =>
    refs
      .filter((ref) => !existing.get(ref.target)?.has(ref.kind === 'media' ? String(ref.fileId) : String(ref.documentId)))
      .map(({ field, kind, documentId, fileId, label }) => ({ field, kind, ...(kind === 'media' ? { fileId } : { documentId }), label })),
  );
};

/**
 * A version's data as input for the document service: relations as documentIds, media as file
 * ids, components as plain objects; the references in `missing` are left out.
 */
export const restoreInput = (
  strapi: Core.Strapi,
  uid: string,
  data: Record<string, unknown>,
  missing: MissingReference[],
  prefix = '',
): Record<string, unknown> => {
  const gone = new Set(missing.map((ref) => `${ref.field}|${ref.kind === 'media' ? ref.fileId : ref.documentId}`));
  const input: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(modelOf(strapi, uid).attributes)) {
    if (SYSTEM_FIELDS.has(name) || !(name in data)) continue;
    const value = data[name];
    const field = `${prefix}${name}`;
    if (attribute.type === 'media') {
      const ids = ((Array.isArray(value) ? value : value ? [value] : []) as MediaRef[])
        .map((ref) => ref.fileId)
        .filter((id) => !gone.has(`${field}|${id}`));
      input[name] = attribute.multiple ? ids : (ids[0] ?? null);
    } else if (attribute.type === 'relation') {
      const ids = ((Array.isArray(value) ? value : value ? [value] : []) as RelationRef[])
        .map((ref) => ref.documentId)
        .filter((id) => !gone.has(`${field}|${id}`));
      input[name] = Array.isArray(value)
        ? { set: ids.map((documentId) => ({ documentId })) }
        : ids[0]
          ? { set: [{ documentId: ids[0] }] }
          : { set: [] };
    } else if (attribute.type === 'component' && attribute.component) {
      const component = attribute.component;
      input[name] = Array.isArray(value)
        ? (value as Row[]).map((item) => restoreInput(strapi, component, item, missing, `${field}.`))
        : value
          ? restoreInput(strapi, component, value as Row, missing, `${field}.`)
          : null;
    } else input[name] = value;
  }
  return input;
};

import { FEEDBACK_UID } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { contentTypeLabels } from '../editor/fieldLabels';

export const FILE_UID = 'plugin::upload.file';

/** A document that uses a file, in any language, as a draft or published. */
export interface DocumentUse {
  contentType: string;
  /** The type's name as editors read it ("Verksamhetsplan"). */
  typeName: string;
  documentId: string;
  /** Its title (the main field), in the first language that has one. */
  label: string;
  locales: string[];
  kind: 'collectionType' | 'singleType';
}

/** A file of the media library, as the unused-files page lists it. */
export interface LibraryFile {
  id: number;
  documentId: string;
  name: string;
  url: string;
  mime: string;
  /** In kB, as Strapi stores it. */
  size: number;
  createdAt: string;
}

interface Attribute {
  type: string;
  component?: string;
  components?: string[];
}
type Row = Record<string, unknown>;

const isRecord = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What to populate of a model so that every media field, also inside components, is read. */
const populateFor = (strapi: Core.Strapi, attributes: Record<string, Attribute>, depth = 0): Record<string, unknown> => {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.type === 'media') populate[name] = { select: ['id', 'url'] };
    else if (attribute.type === 'component' && attribute.component && depth < 5) {
      const component = strapi.components[attribute.component as keyof typeof strapi.components] as unknown as {
        attributes: Record<string, Attribute>;
      };
      populate[name] = { populate: populateFor(strapi, component.attributes, depth + 1) };
    }
  }
  return populate;
};

/** A media field's value: one file ({ id, url }), a list of them, or none. */
const collectMedia = (value: unknown, ids: Set<number>, urls: Set<string>): void => {
  for (const file of Array.isArray(value) ? value : [value]) {
    if (!isRecord(file)) continue;
    if (typeof file.id === 'number') ids.add(file.id);
    if (typeof file.url === 'string') urls.add(file.url);
  }
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/** The images of blocks text: nodes { type: 'image', image: { id, url } }, at any depth. */
const collectBlockImages = (value: unknown, ids: Set<number>, urls: Set<string>): void => {
  if (Array.isArray(value)) {
    for (const node of value) collectBlockImages(node, ids, urls);
    return;
  }
  if (!isRecord(value)) return;
  if (value.type === 'image') collectMedia(value.image, ids, urls);
  collectBlockImages(value.children, ids, urls);
};

/** Every file a row refers to: its media fields, its blocks text, and those of its components. */
const collectReferences = (strapi: Core.Strapi, row: unknown, attributes: Record<string, Attribute>, ids: Set<number>, urls: Set<string>): void => {
  for (const item of Array.isArray(row) ? row : [row]) {
    if (!isRecord(item)) continue;
    for (const [name, attribute] of Object.entries(attributes)) {
      const value = item[name];
      if (attribute.type === 'media') collectMedia(value, ids, urls);
      else if (attribute.type === 'blocks') collectBlockImages(typeof value === 'string' ? parseJson(value) : value, ids, urls);
      else if (attribute.type === 'component' && attribute.component) {
        const component = strapi.components[attribute.component as keyof typeof strapi.components] as unknown as {
          attributes: Record<string, Attribute>;
        };
        collectReferences(strapi, value, component.attributes, ids, urls);
      }
    }
  }
};

/**
 * Which documents use which files: every document of the site's content types (not readers'
 * feedback), every row (each language, draft and published), its media fields, those of its
 * components, and the images in its blocks text. Read straight from the database, so a draft
 * that is not published yet counts as a use: deleting the file would break it at publish.
 */
export const findFileUsage = async (strapi: Core.Strapi): Promise<Map<number, DocumentUse[]>> => {
  const files = (await strapi.db.query(FILE_UID).findMany({ select: ['id', 'url'] })) as { id: number; url: string }[];
  const idOfUrl = new Map(files.map((file) => [file.url, file.id]));
  const uses = new Map<number, Map<string, DocumentUse>>();

  const uids = Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::') && uid !== FEEDBACK_UID);
  for (const uid of uids) {
    const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as unknown as {
      attributes: Record<string, Attribute>;
      info: { displayName: string };
      kind: 'collectionType' | 'singleType';
    };
    const mainField = contentTypeLabels[uid]?.mainField ?? 'title';
    const rows = (await strapi.db.query(uid).findMany({ populate: populateFor(strapi, model.attributes) })) as Row[];
    for (const row of rows) {
      const ids = new Set<number>();
      const urls = new Set<string>();
      collectReferences(strapi, row, model.attributes, ids, urls);
      for (const url of urls) {
        const id = idOfUrl.get(url);
        if (id !== undefined) ids.add(id);
      }
      const documentId = String(row.documentId);
      const locale = typeof row.locale === 'string' ? row.locale : '';
      const label = typeof row[mainField] === 'string' ? row[mainField] : '';
      for (const id of ids) {
        const byDocument = uses.get(id) ?? new Map<string, DocumentUse>();
        uses.set(id, byDocument);
        const key = `${uid}:${documentId}`;
        const use = byDocument.get(key) ?? { contentType: uid, typeName: model.info.displayName, documentId, label, locales: [], kind: model.kind };
        if (locale && !use.locales.includes(locale)) use.locales.push(locale);
        // Swedish first: the title editors know the document by.
        if (label && (!use.label || locale === 'sv')) use.label = label;
        byDocument.set(key, use);
      }
    }
  }
  return new Map(
    [...uses].map(([id, byDocument]) => [id, [...byDocument.values()].map((use) => ({ ...use, locales: use.locales.sort().reverse() }))]),
  );
};

/** The documents using one file (none: an empty list). */
export const documentsUsingFile = async (strapi: Core.Strapi, fileId: number): Promise<DocumentUse[]> =>
  (await findFileUsage(strapi)).get(fileId) ?? [];

/** The files no document uses, newest first. */
export const findUnusedFiles = async (strapi: Core.Strapi): Promise<LibraryFile[]> => {
  const usage = await findFileUsage(strapi);
  const files = (await strapi.db.query(FILE_UID).findMany({
    select: ['id', 'documentId', 'name', 'url', 'mime', 'size', 'createdAt'],
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  })) as (Omit<LibraryFile, 'createdAt'> & { createdAt: string | Date })[];
  return files
    .filter((file) => !usage.has(file.id))
    .map((file) => ({ ...file, size: Number(file.size), createdAt: new Date(file.createdAt).toISOString() }));
};

/** "Verksamhetsplan ”Verksamhetsplan 2018”, Prioriterat område ”Studieresa till Berlin”": the documents, as a refusal names them. */
export const documentNames = (uses: DocumentUse[]): string =>
  uses.map((use) => (use.label ? `${use.typeName} ”${use.label}”` : use.typeName)).join(', ');

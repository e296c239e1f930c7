import type { Core } from '@strapi/strapi';

/**
 * Reading a document's stored content for the publish checks: the draft (or published) entry of
 * one language with every component, file and site relation, as the database holds it, and
 * walks over what its rich text and link fields say.
 */

type Json = Record<string, unknown>;

interface Attribute {
  type: string;
  component?: string;
  components?: string[];
  target?: string;
  relation?: string;
}

const attributesOf = (strapi: Core.Strapi, uid: string): Record<string, Attribute> =>
  (strapi.getModel(uid as never) as { attributes?: Record<string, Attribute> } | undefined)?.attributes ?? {};

/**
 * A populate that reaches every component, dynamic zone, file and relation to the site's own
 * types, at any depth (Strapi's own deep populate is internal to its document service). Admin
 * users and the language plugin's `localizations` are left out: no check reads them.
 */
export const deepPopulate = (strapi: Core.Strapi, uid: string): Json => {
  const populate: Json = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (attribute.type === 'component' && attribute.component) populate[name] = { populate: deepPopulate(strapi, attribute.component) };
    else if (attribute.type === 'dynamiczone')
      populate[name] = {
        on: Object.fromEntries((attribute.components ?? []).map((component) => [component, { populate: deepPopulate(strapi, component) }])),
      };
    else if (attribute.type === 'media') populate[name] = true;
    else if (attribute.type === 'relation' && attribute.target?.startsWith('api::')) populate[name] = true;
  }
  return populate;
};

/** Whether the type keeps a version per language. */
export const isLocalizedType = (strapi: Core.Strapi, uid: string): boolean =>
  Boolean((strapi.getModel(uid as never) as { pluginOptions?: { i18n?: { localized?: boolean } } } | undefined)?.pluginOptions?.i18n?.localized);

/** One stored version of a document in one language: its draft, or its published version. */
export const loadVersion = async (
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  locale: string,
  status: 'draft' | 'published',
): Promise<Json | null> =>
  (await strapi.db.query(uid).findOne({
    where: {
      documentId,
      ...(isLocalizedType(strapi, uid) ? { locale } : {}),
      publishedAt: status === 'draft' ? null : { $notNull: true },
    },
    populate: deepPopulate(strapi, uid),
  })) as Json | null;

/** A value found while walking a document: where it is (the top-level field first) and what it is. */
export interface Found<Value> {
  path: string[];
  value: Value;
}

/** An image node of rich text, as the block editor stored it (a copy of the file when inserted). */
export interface BlocksImage {
  hash?: string;
  url?: string;
  name?: string;
}

/** A link in the document: a rich-text link node, or a link field (`url`, `…Url`). */
export interface DocumentLink {
  url: string;
  /** The link's text (rich text), or the field's name. */
  text: string;
  field: boolean;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const textOf = (node: unknown): string => {
  if (!isObject(node)) return '';
  if (typeof node.text === 'string') return node.text;
  return Array.isArray(node.children) ? node.children.map(textOf).join('') : '';
};

const walkBlocks = (nodes: unknown, visit: (node: Json) => void): void => {
  if (!Array.isArray(nodes)) return;
  for (const node of nodes) {
    if (!isObject(node)) continue;
    visit(node);
    walkBlocks(node.children, visit);
  }
};

/** A field whose value is an address: `url`, or a name ending in `Url` (`complaintUrl`). */
const isLinkField = (name: string, attribute: Attribute): boolean => ['string', 'text'].includes(attribute.type) && /(^url|Url)$/.test(name);

/**
 * Walks a stored entry (and its components, at any depth) and hands over every rich-text image,
 * every link, and every file of a media field, with the path of the field they are in.
 */
export const walkContent = (
  strapi: Core.Strapi,
  uid: string,
  entry: Json,
  visit: {
    image?: (found: Found<BlocksImage>) => void;
    link?: (found: Found<DocumentLink>) => void;
    file?: (found: Found<Json>) => void;
  },
  path: string[] = [],
): void => {
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    const value = entry[name];
    if (value === null || value === undefined) continue;
    const here = [...path, name];
    if (attribute.type === 'blocks') {
      walkBlocks(value, (node) => {
        if (node.type === 'image' && isObject(node.image)) visit.image?.({ path: here, value: node.image });
        if (node.type === 'link' && typeof node.url === 'string')
          visit.link?.({ path: here, value: { url: node.url, text: textOf(node).trim(), field: false } });
      });
    } else if (attribute.type === 'media') {
      for (const file of Array.isArray(value) ? value : [value]) if (isObject(file)) visit.file?.({ path: here, value: file });
    } else if (attribute.type === 'component' && attribute.component) {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, index) => {
        if (isObject(item)) walkContent(strapi, attribute.component!, item, visit, Array.isArray(value) ? [...here, String(index)] : here);
      });
    } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isObject(item) && typeof item.__component === 'string') walkContent(strapi, item.__component, item, visit, [...here, String(index)]);
      });
    } else if (isLinkField(name, attribute) && typeof value === 'string' && value.trim() !== '') {
      visit.link?.({ path: here, value: { url: value.trim(), text: name, field: true } });
    }
  }
};

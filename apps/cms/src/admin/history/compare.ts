import { diffWordsWithSpace } from 'diff';
import { componentLabels, contentTypeLabels } from '../../editor/fieldLabels';
import { SYSTEM_FIELDS } from '../../history/types';

// A version's fields against the current draft's, one by one, as text an editor can read: rich
// text (Strapi's blocks) as its words, media and relations by name (compared by reference, so a
// renamed file is not a change), components field by field.

export interface Attribute {
  type: string;
  component?: string;
  repeatable?: boolean;
  multiple?: boolean;
  relation?: string;
  private?: boolean;
  visible?: boolean;
}

export interface Schema {
  attributes: Record<string, Attribute>;
}

/** Names of related documents and files, by reference, for the side that only has references. */
export type Names = Map<string, string>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of Strapi's blocks: one line per paragraph, heading, quote or list item. */
export const blocksToText = (blocks: unknown): string => {
  if (!Array.isArray(blocks)) return '';
  const lines: string[] = [];
  const inline = (nodes: unknown): string =>
    Array.isArray(nodes)
      ? nodes.map((node) => (isRecord(node) ? (typeof node.text === 'string' ? node.text : inline(node.children)) : '')).join('')
      : '';
  const block = (node: unknown, prefix = '') => {
    if (!isRecord(node)) return;
    if (node.type === 'list' && Array.isArray(node.children)) {
      node.children.forEach((item, index) => block(item, node.format === 'ordered' ? `${index + 1}. ` : '• '));
    } else if (node.type === 'image') {
      const image = isRecord(node.image) ? node.image : {};
      const name =
        [image.alternativeText, image.name].find((candidate): candidate is string => typeof candidate === 'string' && candidate !== '') ?? '';
      lines.push(`[Bild: ${name}]`);
    } else {
      lines.push(prefix + inline(node.children));
    }
  };
  blocks.forEach((node) => block(node));
  return lines.join('\n');
};

/** The reference of a related document or file: its documentId, else its (file) id. */
const referenceOf = (value: unknown): string | null => {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (!isRecord(value)) return null;
  if (typeof value.documentId === 'string') return value.documentId;
  for (const key of ['fileId', 'id']) if (typeof value[key] === 'number' || typeof value[key] === 'string') return `#${String(value[key])}`;
  return null;
};

/** A readable name for a related document or file, from the value itself when it carries one. */
const nameOf = (value: unknown): string | null => {
  if (!isRecord(value)) return null;
  for (const key of ['title', 'name', 'label', 'alternativeText']) {
    if (typeof value[key] === 'string' && value[key]) return value[key];
  }
  return null;
};

const asList = (value: unknown): unknown[] => {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  // A relation as the CMS stores it in a version ({ connect: [...] } or { set: [...] }) or as a list.
  if (isRecord(value)) {
    for (const key of ['set', 'connect', 'data', 'results']) if (Array.isArray(value[key])) return value[key] as unknown[];
  }
  return [value];
};

/** Related documents or files, named as the draft names them when it still has them (a renamed
 * target is not a change of the field), else as the version knew them; sorted by name. */
const referencesText = (value: unknown, names: Names, unnamed: string) =>
  asList(value)
    .map((item) => {
      const reference = referenceOf(item);
      return (reference ? names.get(reference) : undefined) ?? nameOf(item) ?? (reference ? `${unnamed} ${reference}` : '');
    })
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, 'sv'))
    .join('\n');

export const fieldLabel = (uid: string, field: string, components = false) =>
  (components ? componentLabels : contentTypeLabels)[uid]?.fields[field]?.label ?? field;

/** A value as an editor reads it; '' for nothing. */
export const valueToText = (value: unknown, attribute: Attribute | undefined, schemas: Record<string, Schema>, names: Names): string => {
  if (value === null || value === undefined || value === '') return '';
  switch (attribute?.type) {
    case 'blocks':
      return blocksToText(value);
    case 'media':
      return referencesText(value, names, 'fil');
    case 'relation':
      return referencesText(value, names, 'post');
    case 'component': {
      const uid = attribute.component ?? '';
      const items = attribute.repeatable ? asList(value) : [value];
      return items.map((item) => componentText(item, uid, schemas, names)).join('\n\n');
    }
    case 'dynamiczone':
      return asList(value)
        .map((item) => (isRecord(item) && typeof item.__component === 'string' ? componentText(item, item.__component, schemas, names) : ''))
        .join('\n\n');
    case 'boolean':
      return value ? 'Ja' : 'Nej';
    case 'json':
      return JSON.stringify(value, null, 2);
    default:
      break;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Unknown to the schema (a field since removed): shown as it was.
  return JSON.stringify(value, null, 2);
};

const componentText = (value: unknown, uid: string, schemas: Record<string, Schema>, names: Names): string => {
  if (!isRecord(value)) return '';
  const attributes = schemas[uid]?.attributes ?? {};
  return Object.keys(attributes)
    .filter((field) => !SYSTEM_FIELDS.has(field) && field !== '__component')
    .map((field) => {
      const text = valueToText(value[field], attributes[field], schemas, names);
      return text ? `${fieldLabel(uid, field, true)}: ${text}` : '';
    })
    .filter(Boolean)
    .join('\n');
};

export interface FieldComparison {
  field: string;
  label: string;
  version: string;
  current: string;
  changed: boolean;
}

/** Every content field of the type, in the schema's order, with fields the version had that the type has lost. */
export const compareFields = (
  model: string,
  schema: Schema,
  components: Record<string, Schema>,
  version: Record<string, unknown>,
  current: Record<string, unknown>,
  names: Names,
): FieldComparison[] => {
  const fields = [
    ...Object.keys(schema.attributes).filter((field) => {
      const attribute = schema.attributes[field];
      return !SYSTEM_FIELDS.has(field) && !attribute?.private && attribute?.visible !== false;
    }),
    ...Object.keys(version).filter((field) => !SYSTEM_FIELDS.has(field) && !(field in schema.attributes)),
  ];
  return fields.map((field) => {
    const attribute = schema.attributes[field];
    const versionText = valueToText(version[field], attribute, components, names);
    const currentText = valueToText(current[field], attribute, components, names);
    return { field, label: fieldLabel(model, field), version: versionText, current: currentText, changed: versionText !== currentText };
  });
};

export interface TextPart {
  value: string;
  /** In the version but not in the current draft (removed since), or the other way round. */
  kind: 'same' | 'removed' | 'added';
}

/** Word by word: what the version has that the draft lacks ("removed") and what the draft added. */
export const textDiff = (version: string, current: string): TextPart[] =>
  diffWordsWithSpace(version, current).map((change) => ({ value: change.value, kind: change.removed ? 'removed' : change.added ? 'added' : 'same' }));

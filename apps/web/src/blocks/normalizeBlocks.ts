/**
 * Strapi's rich text ("blocks") arrives as untyped JSON. This turns it into a small, safe tree
 * for the Astro renderer: unknown node types are dropped, links keep only safe schemes
 * (a `javascript:` link becomes plain text), and heading levels are fitted under the page's
 * own headings without gaps. Text stays text: the renderer escapes it, nothing is raw HTML.
 */

export interface TextRun {
  kind: 'text';
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  code: boolean;
}

export interface LinkRun {
  kind: 'link';
  href: string;
  children: TextRun[];
}

export type Inline = TextRun | LinkRun;

export interface ListItem {
  children: Inline[];
  /** A nested list that belongs to this item. */
  sublist?: ListBlock;
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  items: ListItem[];
}

export type SafeBlock =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'heading'; level: 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | ListBlock
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'image'; src: string; alt: string; width?: number; height?: number };

export interface NormalizeOptions {
  /** The level a top-level content heading gets: 2 under a page's <h1>, 3 inside a section. */
  baseHeadingLevel?: 2 | 3;
  /** Base URL for relative media URLs (Strapi's /uploads/...). */
  mediaUrl?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** The link target if it is safe to put in an href (http, https, mailto, tel, or site-relative), else null. */
export const safeHref = (url: unknown): string | null => {
  if (typeof url !== 'string') return null;
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const trimmed = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (trimmed === '') return null;
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  if (trimmed.startsWith('#')) return trimmed;
  try {
    const parsed = new URL(trimmed);
    return SAFE_SCHEMES.has(parsed.protocol) ? parsed.toString() : null;
  } catch {
    return null;
  }
};

const textRun = (node: Json): TextRun => ({
  kind: 'text',
  text: typeof node.text === 'string' ? node.text : '',
  bold: node.bold === true,
  italic: node.italic === true,
  underline: node.underline === true,
  strikethrough: node.strikethrough === true,
  code: node.code === true,
});

const inlines = (children: unknown): Inline[] =>
  asArray(children).flatMap((child): Inline[] => {
    if (!isObject(child)) return [];
    if (child.type === 'text') return [textRun(child)];
    if (child.type === 'link') {
      const texts = asArray(child.children).filter(isObject).map(textRun);
      const href = safeHref(child.url);
      return href ? [{ kind: 'link', href, children: texts }] : texts;
    }
    return [];
  });

const hasText = (children: Inline[]) =>
  children.some((child) => (child.kind === 'text' ? child.text.trim() : child.children.some((run) => run.text.trim())));

const list = (node: Json): ListBlock => {
  const items: ListItem[] = [];
  for (const child of asArray(node.children)) {
    if (!isObject(child)) continue;
    if (child.type === 'list-item') items.push({ children: inlines(child.children) });
    // Strapi nests a sublist as a sibling of the item it belongs to.
    else if (child.type === 'list') {
      const previous = items[items.length - 1];
      if (previous && !previous.sublist) previous.sublist = list(child);
      else items.push({ children: [], sublist: list(child) });
    }
  }
  return { kind: 'list', ordered: node.format === 'ordered', items };
};

// Where Strapi's own upload provider keeps files.
const UPLOADS_PATH = '/uploads/';

const mediaSrc = (url: unknown, mediaUrl: string | undefined): string | null => {
  if (typeof url !== 'string') return null;
  if (mediaUrl && url.startsWith('/') && !url.startsWith('//')) return `${mediaUrl.replace(/\/$/, '')}${url}`;
  // The block editor stores an image's address with the CMS address the editor happened to use
  // (http://localhost:1337/uploads/…, or an address from before a move): an upload is served
  // from MEDIA_URL, whatever the address it was saved with.
  if (mediaUrl && URL.canParse(url)) {
    const parsed = new URL(url);
    if (/^https?:$/.test(parsed.protocol) && parsed.pathname.startsWith(UPLOADS_PATH)) return `${mediaUrl.replace(/\/$/, '')}${parsed.pathname}`;
  }
  const href = safeHref(url);
  return href && /^(https?:|\/)/.test(href) ? href : null;
};

/** Whether rich text has anything to show once made safe: a section with none gets no heading. */
export const hasBlocks = (blocks: unknown): boolean => normalizeBlocks(blocks).length > 0;

/** Turns Strapi blocks JSON into the safe tree; anything it does not understand is left out. */
export const normalizeBlocks = (blocks: unknown, options: NormalizeOptions = {}): SafeBlock[] => {
  const base = options.baseHeadingLevel ?? 2;
  const result: SafeBlock[] = [];
  const headingNodes = asArray(blocks).filter((node) => isObject(node) && node.type === 'heading') as Json[];
  const levels = headingNodes.map((node) => (typeof node.level === 'number' ? node.level : 2));
  // The content's highest heading becomes `base`; each heading is at most one level below the previous.
  const shift = base - (levels.length ? Math.min(...levels) : base);
  let previousLevel = base - 1;

  for (const node of asArray(blocks)) {
    if (!isObject(node)) continue;
    switch (node.type) {
      case 'paragraph': {
        const children = inlines(node.children);
        if (hasText(children)) result.push({ kind: 'paragraph', children });
        break;
      }
      case 'heading': {
        const children = inlines(node.children);
        if (!hasText(children)) break;
        const wanted = (typeof node.level === 'number' ? node.level : 2) + shift;
        const level = Math.min(6, Math.max(base, Math.min(wanted, previousLevel + 1))) as 2 | 3 | 4 | 5 | 6;
        previousLevel = level;
        result.push({ kind: 'heading', level, children });
        break;
      }
      case 'list':
        result.push(list(node));
        break;
      case 'quote': {
        const children = inlines(node.children);
        if (hasText(children)) result.push({ kind: 'quote', children });
        break;
      }
      case 'code': {
        const text = asArray(node.children)
          .filter(isObject)
          .map((child) => (typeof child.text === 'string' ? child.text : ''))
          .join('');
        if (text) result.push({ kind: 'code', text });
        break;
      }
      case 'image': {
        const image = isObject(node.image) ? node.image : {};
        const src = mediaSrc(image.url, options.mediaUrl);
        if (!src) break;
        result.push({
          kind: 'image',
          src,
          // The file's alt text now, in the page's language (data/currentImages.ts), or "" (decorative);
          // never the copy the block editor stored, which is the file name when it had none.
          alt: typeof image.currentAlt === 'string' ? image.currentAlt : '',
          width: typeof image.width === 'number' ? image.width : undefined,
          height: typeof image.height === 'number' ? image.height : undefined,
        });
        break;
      }
      default:
        break;
    }
  }
  return result;
};

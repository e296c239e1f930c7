import { parseFeed } from '@rowanmanning/feed-parser';
import { DOMParser, onWarningStopParsing, type Element } from '@xmldom/xmldom';

const ATOM = 'http://www.w3.org/2005/Atom';
const XML = 'http://www.w3.org/XML/1998/namespace';
// RFC 3339 date-time, as Atom requires for atom:updated (RFC 4287 §3.3).
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface CheckedEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary?: string;
}

export interface CheckedFeed {
  lang: string | null;
  id: string;
  title: string;
  updated: string;
  selfLink: string | undefined;
  alternateLink: string | undefined;
  entries: CheckedEntry[];
  /** What a feed reader makes of it (@rowanmanning/feed-parser). */
  reader: ReturnType<typeof parseFeed>;
}

/** The Atom children of an element with a local name (direct children only). */
const children = (parent: Element, name: string): Element[] =>
  Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === ATOM && (node as Element).localName === name,
  );

const exactlyOne = (parent: Element, name: string, where: string): string => {
  const found = children(parent, name);
  const value = found[0]?.textContent?.trim();
  if (found.length !== 1 || !value) throw new Error(`${where} must have exactly one non-empty atom:${name}`);
  return value;
};

const date = (parent: Element, where: string): string => {
  const value = exactlyOne(parent, 'updated', where);
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) throw new Error(`${where}: atom:updated is not an RFC 3339 date-time: ${value}`);
  return value;
};

/**
 * Checks an Atom document as RFC 4287 requires it: well-formed XML (xmldom, stopping at the
 * first warning), the root atom:feed in the Atom namespace, the required elements of the feed
 * and of every entry; then reads it as a feed reader does. Throws on the first thing that is not Atom.
 */
export const checkAtomFeed = (xml: string): CheckedFeed => {
  const document = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
  const feed = document.documentElement;
  if (feed?.namespaceURI !== ATOM || feed.localName !== 'feed') {
    throw new Error(`The root element is not atom:feed but {${feed?.namespaceURI}}${feed?.localName}`);
  }
  const links = children(feed, 'link');
  const entries = children(feed, 'entry').map((entry, index): CheckedEntry => {
    const where = `atom:entry ${index + 1}`;
    const alternate = children(entry, 'link').find((link) => (link.getAttribute('rel') || 'alternate') === 'alternate');
    const href = alternate?.getAttribute('href');
    if (!href) throw new Error(`${where} has no alternate atom:link with an href`);
    const summary = children(entry, 'summary')[0]?.textContent ?? undefined;
    return { id: exactlyOne(entry, 'id', where), title: exactlyOne(entry, 'title', where), updated: date(entry, where), link: href, summary };
  });
  // A feed needs an author unless every entry has its own (RFC 4287 §4.1.1).
  const authors = children(feed, 'author');
  if (authors.length === 0 && !children(feed, 'entry').every((entry) => children(entry, 'author').length > 0)) {
    throw new Error('No atom:author for the feed or for every entry');
  }
  for (const author of authors) exactlyOne(author, 'name', 'atom:author');

  const reader = parseFeed(xml);
  if (reader.meta.type !== 'atom') throw new Error(`A feed reader reads it as ${reader.meta.type}, not Atom`);
  return {
    lang: feed.getAttributeNS(XML, 'lang'),
    id: exactlyOne(feed, 'id', 'atom:feed'),
    title: exactlyOne(feed, 'title', 'atom:feed'),
    updated: date(feed, 'atom:feed'),
    selfLink: links.find((link) => link.getAttribute('rel') === 'self')?.getAttribute('href') ?? undefined,
    alternateLink: links.find((link) => link.getAttribute('rel') === 'alternate')?.getAttribute('href') ?? undefined,
    entries,
    reader,
  };
};

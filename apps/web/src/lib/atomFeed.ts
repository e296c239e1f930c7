import { escapeXml } from './xml';

// Plain, escaped XML rather than a feed library: the `feed` package (the well-kept one) writes
// every title and summary as type="html" in CDATA, so a plain-text title such as "Plan <2030>"
// would be read as markup, and it offers no xml:lang. Atom with the few elements below is
// short, and written like the sitemap (src/lib/sitemap.ts), with one escaping function.

export interface AtomEntry {
  /** The entry's page, absolute; also its id (a page keeps its address while its year stays). */
  url: string;
  title: string;
  /** RFC 3339 date-time. */
  updated: string;
  summary?: string | null;
}

export interface AtomFeed {
  /** The feed's own absolute address (its id and rel="self"). */
  selfUrl: string;
  /** The HTML page that lists the same documents. */
  pageUrl: string;
  /** The language of the feed's text (xml:lang). */
  lang: string;
  title: string;
  subtitle?: string;
  /** RFC 3339 date-time: when the newest entry changed. */
  updated: string;
  author: { name: string; uri: string };
  entries: AtomEntry[];
}

const element = (name: string, text: string, indent: string) => `${indent}<${name}>${escapeXml(text)}</${name}>`;

/** An Atom feed (RFC 4287) of plain-text entries that link to the site's pages. */
export const renderAtomFeed = (feed: AtomFeed): string =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.lang)}">`,
    element('id', feed.selfUrl, '  '),
    element('title', feed.title, '  '),
    ...(feed.subtitle ? [element('subtitle', feed.subtitle, '  ')] : []),
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    element('updated', feed.updated, '  '),
    // Required at feed level unless every entry names its own author.
    `  <author>\n${element('name', feed.author.name, '    ')}\n${element('uri', feed.author.uri, '    ')}\n  </author>`,
    ...feed.entries.map((entry) =>
      [
        '  <entry>',
        element('id', entry.url, '    '),
        element('title', entry.title, '    '),
        `    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
        element('updated', entry.updated, '    '),
        ...(entry.summary ? [element('summary', entry.summary, '    ')] : []),
        '  </entry>',
      ].join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');

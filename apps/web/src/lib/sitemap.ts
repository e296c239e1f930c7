import type { Alternates } from '../i18n/alternates';
import { LOCALES } from '../i18n/locales';
import { escapeXml } from './xml';

/**
 * sitemap.xml for pages given as their language versions: one <url> per version, each listing
 * all versions as hreflang alternates (Google's format for multilingual sitemaps).
 */
export const renderSitemap = (pages: Alternates[], site: URL): string => {
  // Paths are absolute and already encoded (src/i18n/routes.ts): joined to the origin, not parsed
  // as URLs, which a sitemap of tens of thousands of addresses would feel on every publish.
  const absolute = (path: string) => escapeXml(`${site.origin}${path}`);
  const urls = pages.flatMap((alternates) =>
    LOCALES.flatMap((locale) => {
      const path = alternates[locale];
      if (!path) return [];
      const links = LOCALES.flatMap((other) => {
        const otherPath = alternates[other];
        return otherPath ? [`    <xhtml:link rel="alternate" hreflang="${other}" href="${absolute(otherPath)}"/>`] : [];
      });
      return [`  <url>\n    <loc>${absolute(path)}</loc>\n${links.join('\n')}\n  </url>`];
    }),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
};

/** The sitemap index (/sitemap.xml): one <sitemap> per part, by path. */
export const renderSitemapIndex = (parts: string[], site: URL): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...parts.map((part) => `  <sitemap>\n    <loc>${escapeXml(`${site.origin}${part}`)}</loc>\n  </sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');

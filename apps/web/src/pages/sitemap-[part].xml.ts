import type { APIRoute } from 'astro';
import { sitemapListPages, sitemapPartPages } from '../data/documentPages';
import { sitemapPartCount } from '../data/contentSnapshot';
import { sitemapPartOf } from '../data/sitemapParts';
import { renderSitemap } from '../lib/sitemap';

// One part of the sitemap (data/sitemapParts.ts): /sitemap-pages.xml, /sitemap-<type>-<n>.xml.
export const GET: APIRoute = async ({ params, site }) => {
  const part = sitemapPartOf(params.part ?? '');
  if (part !== 'pages' && (!part || part.part >= (await sitemapPartCount(part.type)))) return new Response(null, { status: 404 });
  const pages = part === 'pages' ? sitemapListPages() : await sitemapPartPages(part.type, part.part);
  return new Response(renderSitemap(pages, site ?? new URL('http://localhost:4321')), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};

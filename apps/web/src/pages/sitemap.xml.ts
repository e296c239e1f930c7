import type { APIRoute } from 'astro';
import { sitemapPages } from '../data/documentPages';
import { renderSitemap } from '../lib/sitemap';

export const GET: APIRoute = async ({ site }) =>
  new Response(renderSitemap(await sitemapPages(), site ?? new URL('http://localhost:4321')), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });

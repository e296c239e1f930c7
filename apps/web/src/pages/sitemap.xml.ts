import type { APIRoute } from 'astro';
import { sitemapParts } from '../data/documentPages';
import { renderSitemapIndex } from '../lib/sitemap';

// The sitemap index: its parts (data/sitemapParts.ts) hold the addresses.
export const GET: APIRoute = async ({ site }) =>
  new Response(renderSitemapIndex(await sitemapParts(), site ?? new URL('http://localhost:4321')), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });

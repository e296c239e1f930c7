import type { APIRoute } from 'astro';
import { planPaths } from '../data/plans';
import { priorityAreaPaths } from '../data/priorityAreas';
import { reportPaths } from '../data/reports';
import { everyLocale } from '../i18n/alternates';
import { routeTo, type ListRoute } from '../i18n/routes';
import { renderSitemap } from '../lib/sitemap';

const LIST_PAGES: ListRoute[] = ['home', 'goals', 'plans', 'reports', 'accessibility'];

// Documents come from the Swedish side and from the English side, so that a document that
// exists in English only is listed too; the same alternates twice are kept once.
const documentPages = async () => {
  const all = (
    await Promise.all([planPaths('sv'), planPaths('en'), reportPaths('sv'), reportPaths('en'), priorityAreaPaths('sv'), priorityAreaPaths('en')])
  ).flat();
  const unique = new Map(all.map(({ props }) => [JSON.stringify(props.alternates), props.alternates]));
  return [...unique.values()];
};

export const GET: APIRoute = async ({ site }) => {
  const pages = [...LIST_PAGES.map((route) => everyLocale((locale) => routeTo(route, locale))), ...(await documentPages())];
  return new Response(renderSitemap(pages, site ?? new URL('http://localhost:4321')), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};

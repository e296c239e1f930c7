import { describe, expect, it } from 'vitest';
import { renderSitemap, renderSitemapIndex } from './sitemap';

describe('renderSitemap', () => {
  it('lists every language version with all versions as alternates', () => {
    const xml = renderSitemap(
      [{ sv: '/verksamhetsplaner/2018/', en: '/en/plans/2018/' }, { sv: '/endast-svenska/' }],
      new URL('https://www.example.org'),
    );
    expect(xml).toContain('<loc>https://www.example.org/verksamhetsplaner/2018/</loc>');
    expect(xml).toContain('<loc>https://www.example.org/en/plans/2018/</loc>');
    expect(xml.match(/hreflang="en" href="https:\/\/www.example.org\/en\/plans\/2018\/"/g)).toHaveLength(2);
    expect(xml).toContain('<loc>https://www.example.org/endast-svenska/</loc>');
    expect(xml.match(/<url>/g)).toHaveLength(3);
  });

  it('makes an index of the parts, by absolute address', () => {
    const xml = renderSitemapIndex(['/sitemap-pages.xml', '/sitemap-plan-1.xml'], new URL('https://www.example.org'));
    expect(xml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect([...xml.matchAll(/<sitemap>\s*<loc>([^<]+)<\/loc>\s*<\/sitemap>/g)].map(([, loc]) => loc)).toEqual([
      'https://www.example.org/sitemap-pages.xml',
      'https://www.example.org/sitemap-plan-1.xml',
    ]);
  });
});

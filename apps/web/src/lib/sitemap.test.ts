import { describe, expect, it } from 'vitest';
import { renderSitemap } from './sitemap';

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
});

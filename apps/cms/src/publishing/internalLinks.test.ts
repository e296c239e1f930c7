import { describe, expect, it } from 'vitest';
import { alwaysThere, comparablePath, localeOfPath, sitePathOf, suggestPath } from './internalLinks';

describe('links to the site', () => {
  it('finds the site path of relative links and of absolute links on SITE_URL; leaves other hosts, mailto and uploads alone', () => {
    const site = 'https://www.malardalsradet.se';
    expect(sitePathOf('/en/plans/2018', site)).toBe('/en/plans/2018');
    expect(sitePathOf('https://www.malardalsradet.se/verksamhetsplaner/2018/?x=1#a', site)).toBe('/verksamhetsplaner/2018/?x=1#a');
    expect(sitePathOf('https://www.regionvastmanland.se/verksamhetsplaner/', site)).toBeUndefined();
    expect(sitePathOf('//evil.example/x', site)).toBeUndefined();
    expect(sitePathOf('mailto:info@malardalsradet.se', site)).toBeUndefined();
    expect(sitePathOf('/uploads/plan.pdf', site)).toBeUndefined();
    expect(sitePathOf('https://www.malardalsradet.se/x', undefined)).toBeUndefined();
  });

  it('compares addresses without query, fragment or a missing trailing slash', () => {
    expect(comparablePath('/en/plans/2018?x=1#top')).toBe('/en/plans/2018/');
    expect(comparablePath('/prioriterade-omraden/v%C3%A4g/')).toBe('/prioriterade-omraden/väg/');
    expect(comparablePath('/verksamhetsplaner/atom.xml')).toBe('/verksamhetsplaner/atom.xml');
  });

  it('counts list pages, feeds, search and the feedback form as existing, in both languages', () => {
    const there = alwaysThere();
    for (const path of ['/', '/en/', '/verksamhetsplaner/', '/en/plans/', '/sok', '/en/search', '/synpunkter', '/en/feedback'])
      expect(there).toContain(path);
  });

  it('suggests the published address a broken link most likely meant, in its language, and nothing when unsure', () => {
    const existing = ['/en/plans/2018/', '/en/reports/2018/', '/verksamhetsplaner/2018/', '/en/plans/2017/'];
    expect(localeOfPath('/en/operational-plans/2018')).toBe('en');
    expect(localeOfPath('/en')).toBe('en');
    expect(localeOfPath('/enkat/')).toBe('sv');
    expect(suggestPath('/en/operational-plans/2018/', existing)).toBe('/en/plans/2018/');
    expect(suggestPath('/verksamhetsplan/2018/', existing)).toBe('/verksamhetsplaner/2018/');
    // Plans or reports? Either shares as much with it: no guess.
    expect(suggestPath('/en/documents/2018/', existing)).toBeUndefined();
    expect(suggestPath('/en/plans/2030/', existing)).toBeUndefined();
  });
});

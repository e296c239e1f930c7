import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locale } from '@malardalsradet/site-contract';
import { adminJson } from '@malardalsradet/test-support/adminApi';
import { CMS_DIR, scratchCmsEnv } from '@malardalsradet/test-support/cmsProcess';
import { cms, graphql } from './support/contentApi';

// Sentences of Mälardalsrådet's own organisation page that the seed carries word for word.
const LEAD =
  'Våra medlemmar är kommuner och regioner i Stockholm-Mälarregionen. Vår roll är att vara en storregional aktör för frågor inom regional utveckling och mötesplatsen för politik, akademi och näringsliv.';
const MISSION_START = 'Mälardalsrådets uppgift är att vara forum för samverkan i strategiska frågor';
const CONTEXT_START = 'Den starkaste trenden som påverkar Stockholm-Mälarregionens utveckling är den ökande befolkningen';
const PLAN_INTRO = 'De prioriterade områdena för 2018 är följande:';
const AREAS_2018 = [
  [
    'Infrastruktur och transporter – En Bättre Sits storregionala systemanalys',
    'arbeta för att Stockholm-Mälarregionens prioriteringar för transportinfrastrukturen ska få genomslag i den nationella åtgärdsplaneringen samt påbörja nästa planperiod med en ny storregional godsstrategi.',
  ],
  [
    'Strategisk kompetensförsörjning',
    'etablera en storregional strategisk samverkan som resulterar i framtagandet av en gemensam systembild inom kompetensförsörjnings området.',
  ],
  [
    'En stärkt innovationsförmåga i offentlig sektor',
    'sprida exempel och lärdomar kring innovation i offentlig sektor från Stockholm-Mälarregionen.',
  ],
  [
    'Studieresa till Berlin',
    'genomföra en högkvalitativ resa för en delegation med representanter från politik, akademi och näringsliv i Stockholm-Mälarregionen, breddning av lärandet från resan samt etableringen av ett strategiskt samverkansnätverk över sektorsgränser.',
  ],
];

const SITE_CONTENT = /* GraphQL */ `
  query SiteContent($locale: I18NLocaleCode!) {
    organisation(locale: $locale) {
      name
      lead
      mission
      context
      contact {
        intro
        email
        phone
        address
      }
      members {
        name
        kind
      }
    }
    goals(locale: $locale, sort: "order") {
      title
      order
    }
    reports(locale: $locale) {
      title
      year
    }
    plans(locale: $locale, sort: "year") {
      title
      year
      body
      priorityAreas(sort: "order") {
        title
        summary
        slug
        order
      }
    }
  }
`;

type Blocks = { children: { text: string }[] }[];

/** What SITE_CONTENT answers. */
interface SiteContent {
  organisation: { name: string; lead: string; mission: Blocks; context: Blocks; contact: unknown; members: { name: string; kind: string }[] };
  goals: { title: string; order: number }[];
  reports: { title: string; year: number }[];
  plans: { title: string; year: number; body: Blocks; priorityAreas: { title: string; summary: string; slug: string; order: number }[] }[];
}

const blocksText = (blocks: Blocks) => blocks.map((block) => block.children.map((child) => child.text).join('')).join('\n');

const siteContent = async (locale: Locale) => {
  const { body } = await graphql<SiteContent>(SITE_CONTENT, { locale }, cms().readToken);
  expect(body.errors).toBeUndefined();
  return body.data!;
};

describe('seed', () => {
  it('creates the locales, Swedish as the default', async () => {
    const { url, adminJwt } = cms();
    const locales = await adminJson<{ code: string; isDefault: boolean }[]>(url, adminJwt, '/i18n/locales');
    expect(locales.map(({ code, isDefault }) => ({ code, isDefault })).sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: 'en', isDefault: false },
      { code: 'sv', isDefault: true },
    ]);
  });

  it('carries the organisation page word for word in Swedish', async () => {
    const data = await siteContent('sv');
    expect(data.organisation.name).toBe('Mälardalsrådet');
    expect(data.organisation.lead).toBe(LEAD);
    expect(blocksText(data.organisation.mission)).toMatch(new RegExp(`^${MISSION_START}`));
    expect(blocksText(data.organisation.context)).toMatch(new RegExp(`^${CONTEXT_START}`));
    expect(data.organisation.contact).toEqual({
      intro: 'Kontakta oss gärna om du har frågor om vår organisation.',
      email: null,
      phone: null,
      address: null,
    });
    expect(data.goals.map((goal) => goal.title)).toEqual(['En sammanhållen region', 'En stark kunskapsregion']);
    expect(data.reports).toEqual([{ title: 'Verksamhetsberättelse 2017', year: 2017 }]);

    // Published only: the 2019 draft is not among them.
    expect(data.plans.map((plan) => plan.year)).toEqual([2018]);
    const plan = data.plans[0]!;
    expect(plan.title).toBe('Verksamhetsplan 2018');
    expect(blocksText(plan.body)).toBe(PLAN_INTRO);
    expect(plan.priorityAreas.map((area) => [area.title, area.summary])).toEqual(AREAS_2018);
    expect(plan.priorityAreas[0]?.slug).toBe('infrastruktur-och-transporter-en-battre-sits-storregionala-systemanalys');
  });

  it('has an English version of every published document', async () => {
    const [sv, en] = await Promise.all([siteContent('sv'), siteContent('en')]);
    expect(en.organisation.lead).toMatch(/^Our members are the municipalities and regions/);
    expect(en.goals.map((goal) => goal.title)).toEqual(['A cohesive region', 'A strong knowledge region']);
    expect(en.reports).toEqual([{ title: 'Annual report 2017', year: 2017 }]);
    expect(en.plans.map((plan) => plan.title)).toEqual(['Operational plan 2018']);
    const enAreas = en.plans[0]!.priorityAreas;
    const svAreas = sv.plans[0]!.priorityAreas;
    expect(enAreas).toHaveLength(svAreas.length);
    expect(enAreas.map((area) => area.order)).toEqual([1, 2, 3, 4]);
    for (const [index, area] of enAreas.entries()) {
      expect(area.title).not.toBe(svAreas[index]?.title);
      expect(area.slug).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('leaves Verksamhetsplan 2019 as an unpublished draft', async () => {
    const { body } = await graphql<{ plans: unknown }>(
      '{ plans(locale: "sv", status: DRAFT, filters: { year: { eq: 2019 } }) { title publishedAt } }',
      {},
      cms().readToken,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.plans).toEqual([{ title: 'Verksamhetsplan 2019 (utkast)', publishedAt: null }]);
  });

  it('is idempotent: a second run creates nothing', async () => {
    const scratch = await scratchCmsEnv();
    try {
      const run = () => {
        const result = spawnSync(process.execPath, [path.join(CMS_DIR, 'scripts', 'seed.js')], {
          cwd: CMS_DIR,
          env: scratch.env,
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(result.status, result.stderr).toBe(0);
        const line = result.stdout.split('\n').find((text) => text.startsWith('{"created"'));
        return (JSON.parse(line ?? '{}') as { created?: unknown }).created;
      };
      expect(run()).toEqual({ organisation: 1, accessibilityStatement: 1, goal: 2, report: 1, plan: 2, priorityArea: 4 });
      expect(run()).toEqual({ organisation: 0, accessibilityStatement: 0, goal: 0, report: 0, plan: 0, priorityArea: 0 });
    } finally {
      await scratch.cleanUp();
    }
  });
});

/**
 * Mälardalsrådet's seed content. The Swedish text of the organisation page is carried word for
 * word (lead, context, mission, the 2018 plan's intro and its four priority areas, the contact
 * line); the rest is written from the organisation's facts. English is our own translation.
 */

import type { Locale } from '@malardalsradet/site-contract';

/** Strapi's blocks format, reduced to what the seed uses. */
export type Block =
  | { type: 'paragraph'; children: { type: 'text'; text: string }[] }
  | { type: 'heading'; level: 2 | 3; children: { type: 'text'; text: string }[] }
  | {
      type: 'list';
      format: 'unordered';
      children: { type: 'list-item'; children: { type: 'text'; text: string }[] }[];
    };

/** Turns plain paragraphs into Strapi blocks. */
export const paragraphs = (...texts: string[]): Block[] => texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

const bulletList = (...items: string[]): Block => ({
  type: 'list',
  format: 'unordered',
  children: items.map((text) => ({ type: 'list-item', children: [{ type: 'text', text }] })),
});

type Localized<T> = Record<Locale, T>;

interface Seo {
  metaTitle: string;
  metaDescription: string;
}

export interface OrganisationSeed {
  name: string;
  lead: string;
  about: Block[];
  mission: Block[];
  context: Block[];
  contact: { intro: string; email: null; phone: null; address: null };
  members: { name: string; kind: 'kommun' | 'region'; url: string }[];
  seo: Seo;
}

export interface GoalSeed {
  order: number;
  text: Localized<{ title: string; description: Block[] }>;
}

export interface ReportSeed {
  year: number;
  text: Localized<{ title: string; summary: string; body: Block[]; seo: Seo }>;
}

export interface PriorityAreaSeed {
  order: number;
  text: Localized<{ title: string; summary: string; description: Block[] }>;
}

export interface PlanSeed extends ReportSeed {
  /** false: the plan stays an unpublished draft (Swedish only). */
  published: boolean;
  priorityAreas: PriorityAreaSeed[];
}

// The five founding regions; municipalities are added by the editors.
const members: OrganisationSeed['members'] = [
  { name: 'Region Stockholm', kind: 'region', url: 'https://www.regionstockholm.se' },
  { name: 'Region Uppsala', kind: 'region', url: 'https://www.regionuppsala.se' },
  { name: 'Region Sörmland', kind: 'region', url: 'https://regionsormland.se' },
  { name: 'Region Västmanland', kind: 'region', url: 'https://www.regionvastmanland.se' },
  { name: 'Region Örebro län', kind: 'region', url: 'https://www.regionorebrolan.se' },
];

export const organisation: Localized<OrganisationSeed> = {
  sv: {
    name: 'Mälardalsrådet',
    lead: 'Våra medlemmar är kommuner och regioner i Stockholm-Mälarregionen. Vår roll är att vara en storregional aktör för frågor inom regional utveckling och mötesplatsen för politik, akademi och näringsliv.',
    about: paragraphs(
      'Mälardalsrådet är en ideell och politiskt styrd förening. Medlemmarna är kommunerna och regionerna i Stockholm-Mälarregionen, i dag 50 kommuner och tio regioner räknat med de associerade medlemmarna.',
      'Föreningen grundades av de fem regionerna Region Stockholm, Region Uppsala, Region Sörmland, Region Västmanland och Region Örebro län. Rådsmötet, där medlemmarna möts, beslutar om föreningens inriktningsmål.',
    ),
    mission: paragraphs(
      'Mälardalsrådets uppgift är att vara forum för samverkan i strategiska frågor och främja utvecklingen av Stockholm-Mälarregionen. Vi ska ta tillvara och driva frågor som stärker våra medlemmar och vara en mötesplats för näringsliv, politik och akademi i storregionala utvecklingsfrågor.',
    ),
    context: paragraphs(
      'Den starkaste trenden som påverkar Stockholm-Mälarregionens utveckling är den ökande befolkningen och möjligheten för fler att bli en del av den större arbetsmarknads-, utbildnings- och bostadsregionen. Samtidigt är regionen del i en global konkurrens som ställer krav på attraktiva livsvillkor för människor i såväl städerna som den omgivande regionen. För att storregionen ska fortsätta utvecklas som konkurrenskraftig, attraktiv och hållbar är det viktigt med gemensamma målbilder och samsyn kring färdriktningen för arbetet.',
    ),
    contact: {
      intro: 'Kontakta oss gärna om du har frågor om vår organisation.',
      email: null,
      phone: null,
      address: null,
    },
    members,
    seo: {
      metaTitle: 'Mälardalsrådet – samverkan i Stockholm-Mälarregionen',
      metaDescription:
        'Mälardalsrådet är kommunernas och regionernas förening i Stockholm-Mälarregionen: ett forum för samverkan om regional utveckling.',
    },
  },
  en: {
    name: 'Mälardalsrådet',
    lead: 'Our members are the municipalities and regions of the Stockholm-Mälaren region. Our role is to act across the wider region on questions of regional development and to be the meeting place for politics, academia and business.',
    about: paragraphs(
      'Mälardalsrådet is a non-profit association governed by elected politicians. Its members are the municipalities and regions of the Stockholm-Mälaren region: today 50 municipalities and ten regions, associate members included.',
      'The association was founded by five regions: Region Stockholm, Region Uppsala, Region Sörmland, Region Västmanland and Region Örebro län. The council, where the members meet, decides the association’s strategic goals.',
    ),
    mission: paragraphs(
      'Mälardalsrådet’s task is to be a forum for cooperation on strategic questions and to promote the development of the Stockholm-Mälaren region. We take up and pursue questions that strengthen our members, and we are a meeting place for business, politics and academia on development questions that concern the wider region.',
    ),
    context: paragraphs(
      'The strongest trend shaping the development of the Stockholm-Mälaren region is its growing population, and the chance for more people to become part of the larger region for work, education and housing. At the same time the region competes globally, which demands attractive living conditions for people both in the cities and in the surrounding region. For the wider region to keep developing as competitive, attractive and sustainable, shared goals and a common view of the direction of the work are essential.',
    ),
    contact: {
      intro: 'Please get in touch if you have questions about our organisation.',
      email: null,
      phone: null,
      address: null,
    },
    members,
    seo: {
      metaTitle: 'Mälardalsrådet – cooperation in the Stockholm-Mälaren region',
      metaDescription:
        'Mälardalsrådet is the association of the municipalities and regions of the Stockholm-Mälaren region: a forum for cooperation on regional development.',
    },
  },
};

export const goals: GoalSeed[] = [
  {
    order: 1,
    text: {
      sv: {
        title: 'En sammanhållen region',
        description: paragraphs(
          'Stockholm-Mälarregionen ska fungera som en gemensam region för arbetsmarknad, utbildning och boende, där det är lätt att bo på en ort och arbeta eller studera på en annan.',
        ),
      },
      en: {
        title: 'A cohesive region',
        description: paragraphs(
          'The Stockholm-Mälaren region should work as one shared region for jobs, education and housing, where it is easy to live in one place and work or study in another.',
        ),
      },
    },
  },
  {
    order: 2,
    text: {
      sv: {
        title: 'En stark kunskapsregion',
        description: paragraphs('Regionen ska ha en hög utbildningsnivå, en kompetensförsörjning som fungerar och en stark förmåga till innovation.'),
      },
      en: {
        title: 'A strong knowledge region',
        description: paragraphs('The region should be highly educated, with a working supply of skills and a strong capacity for innovation.'),
      },
    },
  },
];

export const reports: ReportSeed[] = [
  {
    year: 2017,
    text: {
      sv: {
        title: 'Verksamhetsberättelse 2017',
        summary: 'Så arbetade Mälardalsrådet under 2017 med infrastruktur, kompetensförsörjning, innovation och internationellt lärande.',
        body: [
          ...paragraphs(
            'Under 2017 samlade Mälardalsrådet kommunerna och regionerna kring de frågor där Stockholm-Mälarregionen vinner på att agera gemensamt. Arbetet utgick från de två inriktningsmålen, en sammanhållen region och en stark kunskapsregion.',
            'Verksamheten bedrevs inom fyra fokusområden:',
          ),
          bulletList(
            'Infrastruktur och transporter, med En Bättre Sits: en gemensam systemanalys av regionens prioriteringar för transportinfrastrukturen.',
            'Kompetensförsörjning, med En Bättre Matchning.',
            'Innovation i offentlig sektor.',
            'Internationella jämförelser och lärande.',
          ),
        ],
        seo: {
          metaTitle: 'Verksamhetsberättelse 2017 – Mälardalsrådet',
          metaDescription:
            'Mälardalsrådets verksamhetsberättelse för 2017: arbetet med infrastruktur, kompetensförsörjning, innovation och internationellt lärande.',
        },
      },
      en: {
        title: 'Annual report 2017',
        summary: 'How Mälardalsrådet worked in 2017 on infrastructure, skills supply, innovation and international learning.',
        body: [
          ...paragraphs(
            'In 2017 Mälardalsrådet brought the municipalities and regions together on the questions where the Stockholm-Mälaren region gains from acting jointly. The work followed the two strategic goals, a cohesive region and a strong knowledge region.',
            'The work was organised in four focus areas:',
          ),
          bulletList(
            'Infrastructure and transport, with En Bättre Sits: a joint system analysis of the region’s priorities for transport infrastructure.',
            'Skills supply, with En Bättre Matchning.',
            'Innovation in the public sector.',
            'International comparisons and learning.',
          ),
        ],
        seo: {
          metaTitle: 'Annual report 2017 – Mälardalsrådet',
          metaDescription:
            'Mälardalsrådet’s annual report for 2017: the work on infrastructure, skills supply, innovation and international learning.',
        },
      },
    },
  },
];

export const plans: PlanSeed[] = [
  {
    year: 2018,
    published: true,
    text: {
      sv: {
        title: 'Verksamhetsplan 2018',
        summary: 'Mälardalsrådets verksamhetsplan för 2018 med årets fyra prioriterade områden.',
        body: paragraphs('De prioriterade områdena för 2018 är följande:'),
        seo: {
          metaTitle: 'Verksamhetsplan 2018 – Mälardalsrådet',
          metaDescription:
            'Mälardalsrådets verksamhetsplan för 2018: infrastruktur och transporter, kompetensförsörjning, innovation i offentlig sektor och en studieresa till Berlin.',
        },
      },
      en: {
        title: 'Operational plan 2018',
        summary: 'Mälardalsrådet’s operational plan for 2018 with the year’s four priority areas.',
        body: paragraphs('The priority areas for 2018 are the following:'),
        seo: {
          metaTitle: 'Operational plan 2018 – Mälardalsrådet',
          metaDescription:
            'Mälardalsrådet’s operational plan for 2018: infrastructure and transport, skills supply, innovation in the public sector and a study trip to Berlin.',
        },
      },
    },
    priorityAreas: [
      {
        order: 1,
        text: {
          sv: {
            title: 'Infrastruktur och transporter – En Bättre Sits storregionala systemanalys',
            summary:
              'arbeta för att Stockholm-Mälarregionens prioriteringar för transportinfrastrukturen ska få genomslag i den nationella åtgärdsplaneringen samt påbörja nästa planperiod med en ny storregional godsstrategi.',
            description: paragraphs(
              'En Bättre Sits är kommunernas och regionernas gemensamma systemanalys av vad Stockholm-Mälarregionen behöver av transportsystemet. Analysen ger regionen en gemensam röst när staten planerar investeringar i vägar och järnvägar.',
            ),
          },
          en: {
            title: 'Infrastructure and transport – En Bättre Sits, the regional system analysis',
            summary:
              'work to make the Stockholm-Mälaren region’s priorities for transport infrastructure count in the national transport planning, and start the next planning period with a new regional freight strategy.',
            description: paragraphs(
              'En Bättre Sits is the municipalities’ and regions’ joint system analysis of what the Stockholm-Mälaren region needs from the transport system. It gives the region one voice when the state plans investment in roads and railways.',
            ),
          },
        },
      },
      {
        order: 2,
        text: {
          sv: {
            title: 'Strategisk kompetensförsörjning',
            summary:
              'etablera en storregional strategisk samverkan som resulterar i framtagandet av en gemensam systembild inom kompetensförsörjnings området.',
            description: paragraphs(
              'Arbetet bygger vidare på En Bättre Matchning, där regionerna tillsammans har studerat hur utbildning och arbetsmarknad kan mötas bättre i hela storregionen.',
            ),
          },
          en: {
            title: 'Strategic skills supply',
            summary: 'establish strategic cooperation across the wider region that results in a shared picture of the skills supply system.',
            description: paragraphs(
              'The work builds on En Bättre Matchning, in which the regions together studied how education and the labour market can be better matched across the wider region.',
            ),
          },
        },
      },
      {
        order: 3,
        text: {
          sv: {
            title: 'En stärkt innovationsförmåga i offentlig sektor',
            summary: 'sprida exempel och lärdomar kring innovation i offentlig sektor från Stockholm-Mälarregionen.',
            description: paragraphs(
              'Kommuner och regioner prövar nya sätt att utveckla sin verksamhet. Genom att samla och sprida deras erfarenheter kan fler dra nytta av det som fungerar.',
            ),
          },
          en: {
            title: 'Stronger capacity for innovation in the public sector',
            summary: 'share examples and lessons on innovation in the public sector from the Stockholm-Mälaren region.',
            description: paragraphs(
              'Municipalities and regions try out new ways of developing their services. Gathering and sharing their experience lets more of them benefit from what works.',
            ),
          },
        },
      },
      {
        order: 4,
        text: {
          sv: {
            title: 'Studieresa till Berlin',
            summary:
              'genomföra en högkvalitativ resa för en delegation med representanter från politik, akademi och näringsliv i Stockholm-Mälarregionen, breddning av lärandet från resan samt etableringen av ett strategiskt samverkansnätverk över sektorsgränser.',
            description: paragraphs(
              'Internationella jämförelser är en del av Mälardalsrådets arbete. Resan ger delegationen en möjlighet att lära av hur en annan storstadsregion hanterar liknande utmaningar.',
            ),
          },
          en: {
            title: 'Study trip to Berlin',
            summary:
              'carry out a high-quality trip for a delegation of representatives from politics, academia and business in the Stockholm-Mälaren region, spread what was learnt on the trip, and establish a strategic network for cooperation across sectors.',
            description: paragraphs(
              'International comparison is part of Mälardalsrådet’s work. The trip lets the delegation learn how another metropolitan region handles similar challenges.',
            ),
          },
        },
      },
    ],
  },
  {
    // Always present and never published, so that every test run exercises draft handling.
    year: 2019,
    published: false,
    text: {
      sv: {
        title: 'Verksamhetsplan 2019 (utkast)',
        summary: 'Utkast till verksamhetsplan för 2019. Ej beslutat.',
        body: paragraphs('Utkastet bereds och publiceras när rådsmötet har beslutat om planen.'),
        seo: {
          metaTitle: 'Verksamhetsplan 2019 (utkast) – Mälardalsrådet',
          metaDescription: 'Utkast till Mälardalsrådets verksamhetsplan för 2019.',
        },
      },
      en: {
        title: 'Operational plan 2019 (draft)',
        summary: 'Draft operational plan for 2019. Not yet decided.',
        body: paragraphs('The draft is being prepared and will be published once the council has decided the plan.'),
        seo: {
          metaTitle: 'Operational plan 2019 (draft) – Mälardalsrådet',
          metaDescription: 'Draft of Mälardalsrådet’s operational plan for 2019.',
        },
      },
    },
    priorityAreas: [],
  },
];

export interface AccessibilityStatementSeed {
  title: string;
  intro: Block[];
  complianceStatus: 'full' | 'partial' | 'none';
  shortcomings: Block[];
  assessment: Block[];
  assessedOn: string;
  feedback: Block[];
  feedbackEmail: null;
  complaintUrl: string;
  seo: Seo;
}

// DIGG's form for reporting a public body's inaccessible digital service.
const DIGG_COMPLAINT_FORM = 'https://www.digg.se/tdosanmalan';

export const accessibilityStatement: Localized<AccessibilityStatementSeed> = {
  sv: {
    title: 'Tillgänglighet för malardalsradet.se',
    intro: paragraphs(
      'Mälardalsrådet står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service, vilka kända brister som finns och hur du kan rapportera problem till oss.',
    ),
    complianceStatus: 'partial',
    shortcomings: paragraphs(
      'Webbplatsen har hittills bara granskats med automatiska verktyg. En manuell granskning med hjälpmedel som skärmläsare har ännu inte gjorts, och brister som bara en sådan granskning hittar kan finnas kvar.',
      'PDF-dokument som publiceras på webbplatsen granskas inte automatiskt och kan sakna till exempel rubrikstruktur eller alternativtexter. Behöver du innehållet i ett annat format kan du kontakta oss.',
    ),
    assessment: paragraphs(
      'Vi har bedömt webbplatsen själva. Varje sida på svenska och engelska testas automatiskt mot WCAG 2.1 nivå AA med verktyget axe-core varje gång webbplatsens kod ändras. Testerna kontrollerar också att sidorna går att använda med tangentbord.',
    ),
    assessedOn: '2026-11-27',
    feedback: paragraphs(
      'Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, vill vi gärna att du meddelar Mälardalsrådet så att vi kan åtgärda det.',
      'Myndigheten för digital förvaltning (Digg) ansvarar för tillsynen av lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.',
    ),
    feedbackEmail: null,
    complaintUrl: DIGG_COMPLAINT_FORM,
    seo: {
      metaTitle: 'Tillgänglighetsredogörelse – Mälardalsrådet',
      metaDescription: 'Hur Mälardalsrådets webbplats uppfyller kraven på tillgänglighet, kända brister och hur du rapporterar problem.',
    },
  },
  en: {
    title: 'Accessibility of malardalsradet.se',
    intro: paragraphs(
      'Mälardalsrådet is responsible for this website. We want as many people as possible to be able to use it. This page describes how the website meets the Swedish law on accessibility of digital public services, which shortcomings we know of, and how you can report problems to us.',
    ),
    complianceStatus: 'partial',
    shortcomings: paragraphs(
      'So far the website has only been checked with automated tools. It has not yet been reviewed manually with assistive technology such as screen readers, so shortcomings that only such a review would find may remain.',
      'PDF documents published on the website are not checked automatically and may lack, for example, a heading structure or text alternatives. If you need their content in another format, please contact us.',
    ),
    assessment: paragraphs(
      'We have assessed the website ourselves. Every page in Swedish and English is tested automatically against WCAG 2.1 level AA with the axe-core tool whenever the website’s code changes. The tests also check that the pages can be used with a keyboard.',
    ),
    assessedOn: '2026-11-27',
    feedback: paragraphs(
      'If you find a problem that is not described on this page, or think that we do not meet the requirements of the law, please let Mälardalsrådet know so that we can fix it.',
      'The Agency for Digital Government (Digg) supervises the law. If you are not satisfied with how we handle your report, you can notify Digg.',
    ),
    feedbackEmail: null,
    complaintUrl: DIGG_COMPLAINT_FORM,
    seo: {
      metaTitle: 'Accessibility statement – Mälardalsrådet',
      metaDescription: 'How Mälardalsrådet’s website meets the accessibility requirements, known shortcomings and how to report problems.',
    },
  },
};

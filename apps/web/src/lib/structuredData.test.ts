import { describe, expect, it } from 'vitest';
import type { Organisation } from '../data/organisation';
import { jsonForScript, organisationJsonLd } from './structuredData';

const organisation = (fields: Partial<Organisation> = {}): Organisation => ({
  documentId: 'org',
  name: 'Mälardalsrådet',
  lead: 'Våra medlemmar är kommuner och regioner.',
  updatedAt: '2026-11-27',
  about: null,
  mission: null,
  context: null,
  contact: null,
  members: [],
  seo: null,
  ...fields,
});

describe('organisationJsonLd', () => {
  it('states what the CMS holds and leaves out what it does not', () => {
    expect(organisationJsonLd(organisation(), new URL('https://www.example.org'))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      '@id': 'https://www.example.org/#organisation',
      name: 'Mälardalsrådet',
      url: 'https://www.example.org/',
      description: 'Våra medlemmar är kommuner och regioner.',
    });
  });

  it('adds contact details and members, with web addresses only', () => {
    const data = organisationJsonLd(
      organisation({
        contact: { intro: 'Hör av dig.', email: 'info@example.org', phone: '08-123 456', address: 'Box 1, 111 11 Stockholm' },
        members: [
          { name: 'Västerås stad', kind: 'kommun', url: 'https://www.vasteras.se' },
          { name: 'Region Uppsala', kind: 'region', url: 'javascript:alert(1)' },
          null,
        ],
      }),
      new URL('https://www.example.org'),
    );
    expect(data).toMatchObject({ email: 'info@example.org', telephone: '08-123 456', address: 'Box 1, 111 11 Stockholm' });
    expect(data.member).toEqual([
      { '@type': 'GovernmentOrganization', name: 'Västerås stad', url: 'https://www.vasteras.se' },
      { '@type': 'GovernmentOrganization', name: 'Region Uppsala' },
    ]);
  });
});

describe('jsonForScript', () => {
  it('cannot close its script element, and parses back to the same data', () => {
    const data = { name: '</script><script>alert(1)</script> <!-- & \u2028' };
    const json = jsonForScript(data);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(data);
  });
});

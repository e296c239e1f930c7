import type { Organisation } from '../data/organisation';

/** Only absolute web addresses go into the data (an editor's URL field may hold anything). */
const webAddress = (url: string | null | undefined): string | undefined => {
  if (!url || !URL.canParse(url)) return undefined;
  return /^https?:$/.test(new URL(url).protocol) ? url : undefined;
};

/**
 * schema.org data about the organisation (JSON-LD) from what the CMS holds, and nothing more:
 * the CMS has no logo or social-media profiles, so there is no `logo` or `sameAs`. The members
 * are municipalities and regions that belong to the association, not parts of it: `member`,
 * not `subOrganization`, each a GovernmentOrganization.
 */
export const organisationJsonLd = (organisation: Organisation, site: URL): Record<string, unknown> => {
  const home = new URL('/', site).toString();
  const contact = organisation.contact;
  const members = (organisation.members ?? []).filter((member) => member !== null);
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    // One identity for the organisation, whichever language's start page states it.
    '@id': `${home}#organisation`,
    name: organisation.name,
    url: home,
    description: organisation.lead,
    ...(contact?.email && { email: contact.email }),
    ...(contact?.phone && { telephone: contact.phone }),
    ...(contact?.address && { address: contact.address }),
    ...(members.length > 0 && {
      member: members.map((member) => {
        const url = webAddress(member.url);
        return { '@type': 'GovernmentOrganization', name: member.name, ...(url && { url }) };
      }),
    }),
  };
};

/**
 * JSON to put inside a <script> element as it is. "<", ">" and "&" are written as JSON escapes
 * (\u003c …), which parse back to the same text: nothing in the data can close the element
 * ("</script>") or open a comment ("<!--"). U+2028 and U+2029 are escaped for older parsers.
 */
export const jsonForScript = (data: unknown): string =>
  JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

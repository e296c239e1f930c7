/**
 * Turns a title into a URL slug: lower case ASCII letters, digits and single hyphens.
 * Swedish letters lose their diacritics (å, ä → a; ö → o), as the admin's own slug field does.
 */
export const slugify = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

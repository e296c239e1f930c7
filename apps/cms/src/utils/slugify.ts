/** The longest address (slug) a page may have: readable, and short enough to say or type. */
export const MAX_SLUG_LENGTH = 80;

/** A slug cut to at most `max` characters, at a word (a hyphen) when there is one to cut at. */
export const cutSlug = (slug: string, max = MAX_SLUG_LENGTH): string => {
  if (slug.length <= max) return slug;
  // A hyphen right after the limit still ends a whole word within it.
  const hyphen = slug.lastIndexOf('-', max);
  return (hyphen > 0 ? slug.slice(0, hyphen) : slug.slice(0, max)).replace(/-+$/, '');
};

/**
 * Turns a title into a URL slug: lower case ASCII letters, digits and single hyphens, at most
 * MAX_SLUG_LENGTH characters, cut at a word. Swedish letters lose their diacritics (å, ä → a;
 * ö → o), as the admin's own slug field does.
 */
export const slugify = (title: string, max = MAX_SLUG_LENGTH): string =>
  cutSlug(
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, ''),
    max,
  );

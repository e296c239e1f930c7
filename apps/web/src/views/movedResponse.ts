import type { Locale } from '../i18n/locales';
import { t } from '../i18n/t';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The answer of an old address whose page moved: 301 to its address now. Browsers follow the
 * Location at once; the short page is for the rest (a client that shows it, a reader of the
 * source), in the page's language, with a link to follow.
 */
export const movedResponse = (locale: Locale, to: string): Response => {
  const title = t(locale, 'formerAddress.moved.title');
  const href = escapeHtml(to);
  const body = `<!doctype html>
<html lang="${locale}">
  <head>
    <meta charset="utf-8" />
    <meta name="robots" content="noindex" />
    <title>${escapeHtml(title)}</title>
  </head>
  <body>
    <h1>${escapeHtml(title)}</h1>
    <p>${escapeHtml(t(locale, 'formerAddress.moved.text'))} <a href="${href}">${href}</a></p>
  </body>
</html>
`;
  return new Response(body, { status: 301, headers: { location: to, 'content-type': 'text/html; charset=utf-8' } });
};

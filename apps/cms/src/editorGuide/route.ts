import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Core } from '@strapi/strapi';
import { registerAdminRoutes, type AdminRoute } from '../utils/adminRoutes';

/**
 * The editors' guide (docs/redaktorsguide.md), served by the CMS itself at /redaktorsguide/ so
 * that the admin's "Läs mer i dokumentationen" (config/admin.ts, flags.editorGuideUrl) leads to
 * it: the guide the editors have, for the CMS version they use, wherever the CMS runs, and
 * without a login (it holds nothing secret). EDITOR_GUIDE_URL points the admin elsewhere instead
 * (an intranet page, say).
 */
export const EDITOR_GUIDE_PATH = '/redaktorsguide/';
const IMAGES = 'bilder';

/** The folder holding the guide: the repository's docs/ in development, /app/docs in the image (Dockerfile). */
const guideFolder = (appRoot: string): string | undefined =>
  [path.join(appRoot, 'docs'), path.join(appRoot, '..', '..', 'docs')].find((folder) => existsSync(path.join(folder, 'redaktorsguide.md')));

/** GitHub's heading anchors, which the guide's table of contents links to ("#3-utkast-publicerad-och-ändrad"). */
export const headingId = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

const markdown = new MarkdownIt({ html: false, linkify: true });
markdown.core.ruler.push('heading_ids', (state) => {
  state.tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const inline = state.tokens[index + 1];
    token.attrSet('id', headingId(inline?.content ?? ''));
  });
});

/** The guide as a page of its own, readable without the admin. */
export const renderGuide = (source: string): string => `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Redaktörsguide – Mälardalsrådet</title>
<style>
body { font: 1rem/1.6 system-ui, sans-serif; color: #212134; max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
img { max-width: 100%; height: auto; border: 1px solid #dcdce4; }
table { border-collapse: collapse; } th, td { border: 1px solid #dcdce4; padding: .3rem .6rem; text-align: left; vertical-align: top; }
code { background: #f6f6f9; padding: 0 .2rem; }
a { color: #4945ff; }
</style>
</head>
<body>
${markdown.render(source)}
</body>
</html>`;

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

interface Context {
  path: string;
  params: { file?: string };
  status: number;
  body: unknown;
  type: string;
  set(name: string, value: string): void;
  redirect(url: string): void;
}

export const registerEditorGuideRoute = (strapi: Core.Strapi): void => {
  const folder = guideFolder(strapi.dirs.app.root);
  if (!folder) {
    strapi.log.warn('[editor guide] docs/redaktorsguide.md not found: /redaktorsguide/ answers 404.');
    return;
  }
  const route = (routePath: string, handler: (ctx: Context) => Promise<void> | void): AdminRoute => ({
    method: 'GET',
    path: routePath,
    handler,
  });
  registerAdminRoutes(
    strapi,
    [
      // One route for both (the router matches either): the guide's images are relative to "/redaktorsguide/".
      route(EDITOR_GUIDE_PATH, async (ctx) => {
        if (!ctx.path.endsWith('/')) {
          ctx.redirect(EDITOR_GUIDE_PATH);
          return;
        }
        ctx.type = 'text/html; charset=utf-8';
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = renderGuide(await readFile(path.join(folder, 'redaktorsguide.md'), 'utf8'));
      }),
      route(`${EDITOR_GUIDE_PATH}${IMAGES}/:file`, async (ctx) => {
        // Only a plain file name of an image in docs/bilder: no path, no other file.
        const file = ctx.params.file ?? '';
        const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
        const target = path.join(folder, IMAGES, path.basename(file));
        if (!type || path.basename(file) !== file || !existsSync(target)) {
          ctx.status = 404;
          ctx.body = 'Bilden finns inte.';
          return;
        }
        ctx.type = type;
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = await readFile(target);
      }),
    ],
    { signedIn: false },
  );
};

import { readFile } from 'node:fs/promises';
import { assertImagePixels } from '../access/imagePixels';
import { assertUploadContent, detectUploadKind } from '../access/uploadContent';

interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
}

// The media library's "from a URL" upload: the CMS itself fetches any address it is given (a
// request into the private network it sits in) and stores the answer past the content check.
// Editors download the file and upload it from their computer instead.
// Strapi's router matches paths whatever their case, so this does too.
const FETCH_FROM_URL = /^\/upload\/actions\/upload-from-urls\/?$/i;

/**
 * After the body is parsed: every file sent to the CMS, by whichever route (the content API's
 * /api/upload, the media library's /upload, /upload/files and replacements), must be what its
 * name and declared type say, judged by its content (src/access/uploadContent.ts), and an image
 * no larger than maxImagePixels (src/access/imagePixels.ts), before Strapi decodes it.
 */
export default ({ maxImagePixels }: { maxImagePixels: number }) =>
  async (
    ctx: {
      method: string;
      path: string;
      status: number;
      body: unknown;
      request: { files?: Record<string, UploadedFile | UploadedFile[]> };
    },
    next: () => Promise<void>,
  ) => {
    if (ctx.method === 'POST' && FETCH_FROM_URL.test(ctx.path)) {
      ctx.status = 400;
      ctx.body = {
        data: null,
        error: {
          status: 400,
          name: 'ValidationError',
          message: 'Det går inte att hämta filer från en webbadress. Ladda ned filen till din dator och ladda upp den därifrån.',
        },
      };
      return;
    }
    if (ctx.request.files) {
      for (const entry of Object.values(ctx.request.files ?? {})) {
        for (const file of Array.isArray(entry) ? entry : [entry]) {
          const name = file.originalFilename ?? 'fil';
          const body = await readFile(file.filepath);
          assertUploadContent({ name, declaredType: file.mimetype ?? undefined, body });
          if (detectUploadKind(body)?.startsWith('image/')) await assertImagePixels({ name, filepath: file.filepath }, maxImagePixels);
        }
      }
    }
    await next();
  };

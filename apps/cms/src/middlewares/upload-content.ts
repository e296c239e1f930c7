import { readFile } from 'node:fs/promises';
import { assertUploadContent } from '../access/uploadContent';

interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
}

/**
 * After the body is parsed: every file sent to the media library (new or replacing one) must be
 * what its name and declared type say, judged by its content (src/access/uploadContent.ts).
 */
export default () => async (ctx: { method: string; path: string; request: { files?: Record<string, UploadedFile | UploadedFile[]> } }, next: () => Promise<void>) => {
  if (ctx.method === 'POST' && /^\/(api\/)?upload\/?$/.test(ctx.path)) {
    for (const entry of Object.values(ctx.request.files ?? {})) {
      for (const file of Array.isArray(entry) ? entry : [entry]) {
        assertUploadContent({
          name: file.originalFilename ?? 'fil',
          declaredType: file.mimetype ?? undefined,
          body: await readFile(file.filepath),
        });
      }
    }
  }
  await next();
};

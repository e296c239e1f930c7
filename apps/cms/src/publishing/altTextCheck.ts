import type { Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { altTextOf, FILE_UID, isImage, LANGUAGE_NAME, type ImageFile } from '../media/imageText';
import type { BlocksImage, Found } from './documentContent';
import type { PublishProblem } from './publishChecks';

/** The path of an uploaded file's address (`/uploads/abc.png`), whatever host the block editor stored with it. */
const uploadPath = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  if (url.startsWith('/')) return url;
  return URL.canParse(url) ? new URL(url).pathname : undefined;
};

/**
 * The files behind rich-text images. The block editor stores a copy of the file (its name, hash,
 * address and the alt text of that moment, or the file name when it had none), never its id: the
 * file is found again by its hash, or its address, so that the check reads the alt text the
 * file has now.
 */
export const filesOfImages = async (
  strapi: Core.Strapi,
  images: BlocksImage[],
): Promise<{ byHash: Map<string, ImageFile>; byUrl: Map<string, ImageFile> }> => {
  const hashes = [...new Set(images.map((image) => image.hash).filter((hash): hash is string => typeof hash === 'string' && hash !== ''))];
  const urls = [...new Set(images.map((image) => uploadPath(image.url)).filter((url): url is string => url !== undefined))];
  const files =
    hashes.length + urls.length === 0
      ? []
      : ((await strapi.db.query(FILE_UID).findMany({
          where: { $or: [{ hash: { $in: hashes } }, { url: { $in: urls } }] },
        })) as ImageFile[]);
  return { byHash: new Map(files.map((file) => [file.hash, file])), byUrl: new Map(files.map((file) => [file.url, file])) };
};

export const fileOfImage = (files: Awaited<ReturnType<typeof filesOfImages>>, image: BlocksImage): ImageFile | undefined =>
  (image.hash ? files.byHash.get(image.hash) : undefined) ?? files.byUrl.get(uploadPath(image.url) ?? '');

const missingAlt = (name: string, locale: Locale): string =>
  `Bilden "${name}" saknar alternativtext på ${LANGUAGE_NAME[locale]}. Skriv en under Bilder och alternativtexter, eller markera bilden som dekorativ om den inte säger något som texten inte redan säger.`;

/**
 * Every image of the document, in rich text or in a media field, that has no text alternative
 * in the language being published and is not marked decorative; and every rich-text image whose
 * file is no longer in the media library.
 */
export const altTextProblems = async (
  strapi: Core.Strapi,
  images: Found<BlocksImage>[],
  fieldFiles: Found<Record<string, unknown>>[],
  locale: Locale,
): Promise<PublishProblem[]> => {
  const problems: PublishProblem[] = [];
  const files = await filesOfImages(
    strapi,
    images.map((found) => found.value),
  );
  const reported = new Set<string>();
  const check = (path: string[], file: ImageFile) => {
    if (file.decorative === true || altTextOf(file, locale) !== undefined || reported.has(file.hash)) return;
    reported.add(file.hash);
    problems.push({ path, message: missingAlt(file.name, locale) });
  };
  for (const { path, value: image } of images) {
    const file = fileOfImage(files, image);
    if (file) check(path, file);
    else
      problems.push({
        path,
        message: `Bilden "${image.name ?? image.url ?? ''}" finns inte längre i mediebiblioteket. Ta bort den ur texten eller välj bilden på nytt.`,
      });
  }
  for (const { path, value } of fieldFiles) if (isImage(value)) check(path, value as unknown as ImageFile);
  return problems;
};

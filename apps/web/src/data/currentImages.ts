import { ImageFilesDocument, type ImageFilesQuery } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { cmsRequest, PAGE_SIZE } from './client';

/**
 * Rich-text images take their text alternative from the file as it is now, in the page's
 * language. Strapi's block editor stores a copy of the file when the image is inserted (its name
 * as the alt text when it had none, and no id), so an alt text written in the media library
 * afterwards, or the English one, would never reach the page. Each image node gets:
 * - `currentAlt`: the file's alt text in the page's language, or '' when the file is marked
 *   decorative, has none, or is gone: the renderer (blocks/normalizeBlocks.ts) reads only this,
 *   never the copy (which would show the file name);
 * - `documentId`: the file's, so that a `media.update` of it finds the documents that show it
 *   (contentSnapshot's documentsUsingFiles) and their pages are rendered again.
 */

type Json = Record<string, unknown>;
type ImageFile = NonNullable<ImageFilesQuery['uploadFiles'][number]>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Every image node (`{ type: 'image', image: {…} }`) anywhere in the data. */
const imageNodes = (value: unknown, found: Json[] = []): Json[] => {
  if (Array.isArray(value)) for (const item of value) imageNodes(item, found);
  else if (isObject(value)) {
    if (value.type === 'image' && isObject(value.image)) found.push(value.image);
    for (const child of Object.values(value)) if (isObject(child)) imageNodes(child, found);
  }
  return found;
};

/** The path of an upload's address (`/uploads/abc.png`), whatever CMS address the editor stored it with. */
const uploadPath = (url: unknown): string | undefined => {
  if (typeof url !== 'string') return undefined;
  if (url.startsWith('/')) return url;
  return URL.canParse(url) ? new URL(url).pathname : undefined;
};

const altIn = (file: ImageFile | undefined, locale: Locale): string => {
  if (!file || file.decorative === true) return '';
  const text = locale === 'en' ? file.alternativeTextEn : file.alternativeText;
  return typeof text === 'string' ? text.trim() : '';
};

const filesOf = async (hashes: string[], urls: string[]): Promise<ImageFile[]> => {
  const files: ImageFile[] = [];
  for (let page = 1; ; page++) {
    const { uploadFiles } = await cmsRequest(ImageFilesDocument, { hashes, urls, page, pageSize: PAGE_SIZE });
    files.push(...uploadFiles.filter((file): file is NonNullable<typeof file> => file !== null));
    if (uploadFiles.length < PAGE_SIZE) return files;
  }
};

/** The documents, their images' text alternatives read from the files (one request per 100 files). */
export const withCurrentImages = async <Doc>(docs: Doc[], locale: Locale): Promise<Doc[]> => {
  const images = docs.flatMap((doc) => imageNodes(doc));
  if (images.length === 0) return docs;
  const hashes = [...new Set(images.map((image) => image.hash).filter((hash): hash is string => typeof hash === 'string'))];
  const urls = [...new Set(images.map((image) => uploadPath(image.url)).filter((url): url is string => url !== undefined))];
  const files = await filesOf(hashes, urls);
  const byHash = new Map(files.map((file) => [file.hash, file]));
  const byUrl = new Map(files.map((file) => [file.url, file]));
  for (const image of images) {
    const file = (typeof image.hash === 'string' ? byHash.get(image.hash) : undefined) ?? byUrl.get(uploadPath(image.url) ?? '');
    image.currentAlt = altIn(file, locale);
    if (file) image.documentId = file.documentId;
  }
  return docs;
};

/** One document (or none), as withCurrentImages. */
export const withCurrentImage = async <Doc>(doc: Doc | null, locale: Locale): Promise<Doc | null> =>
  doc ? ((await withCurrentImages([doc], locale))[0] ?? null) : null;

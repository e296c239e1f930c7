import type { Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';

export const FILE_UID = 'plugin::upload.file';

/**
 * An image's text alternative per language. Strapi's file has one `alternativeText`, which the
 * media library edits: it stays the Swedish one, and the English one is a field of our own.
 */
export const ALT_TEXT_FIELD: Record<Locale, 'alternativeText' | 'alternativeTextEn'> = { sv: 'alternativeText', en: 'alternativeTextEn' };
/** An image the editor marked as decoration: the site renders it with `alt=""` in every language. */
export const DECORATIVE_FIELD = 'decorative';

export const LANGUAGE_NAME: Record<Locale, string> = { sv: 'svenska', en: 'engelska' };

/** What the checks and the admin screen read of a file. */
export interface ImageFile {
  id: number;
  documentId: string;
  name: string;
  url: string;
  hash: string;
  mime: string;
  alternativeText: string | null;
  alternativeTextEn: string | null;
  decorative: boolean | null;
}

export const isImage = (file: { mime?: unknown }): boolean => typeof file.mime === 'string' && file.mime.startsWith('image/');

/** The image's text alternative in a language, or undefined when it has none there (decorative images need none). */
export const altTextOf = (file: Pick<ImageFile, 'alternativeText' | 'alternativeTextEn'>, locale: Locale): string | undefined => {
  const text = file[ALT_TEXT_FIELD[locale]];
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
};

/**
 * Adds the English text alternative and the decorative mark to Strapi's file type, in register():
 * the database schema, GraphQL's `UploadFile` and the content API are all made from the content
 * types after register, so the fields are there as if Strapi had them. Not editable through the
 * media library's dialog (which knows its own fields only): the admin's "Bilder och
 * alternativtexter" page edits them (./imageTextRoutes.ts).
 */
export const extendUploadFile = (strapi: Core.Strapi): void => {
  const file = strapi.contentType(FILE_UID as never) as unknown as { attributes: Record<string, unknown> };
  file.attributes[ALT_TEXT_FIELD.en] = { type: 'text', configurable: false };
  file.attributes[DECORATIVE_FIELD] = { type: 'boolean', default: false, configurable: false };
};

import { LANGUAGE_TAG, type Locale } from '../i18n/locales';
import { t } from '../i18n/t';

export interface DocumentFile {
  url: string;
  ext: string | null;
  mime: string;
  /** Strapi gives file sizes in kilobytes (1 kB = 1,000 bytes). */
  size: number;
}

/** A file size as people read it: "850 kB", "1,2 MB" (Swedish) or "1.2 MB" (English). */
export const formatFileSize = (kilobytes: number, locale: Locale): string => {
  const format = (value: number, digits: number) => new Intl.NumberFormat(LANGUAGE_TAG[locale], { maximumFractionDigits: digits }).format(value);
  if (kilobytes < 1000) return `${format(Math.max(1, Math.round(kilobytes)), 0)} kB`;
  return `${format(kilobytes / 1000, 1)} MB`;
};

/** "PDF" from ".pdf" or application/pdf. */
export const fileTypeLabel = (file: Pick<DocumentFile, 'ext' | 'mime'>): string => {
  const fromExt = file.ext?.replace(/^\./, '');
  return (fromExt || file.mime.split('/').pop() || 'fil').toUpperCase();
};

/**
 * The link text for a document: its title, type and size, so that people know what they get
 * before they follow the link (WCAG 2.4.4), e.g. "Verksamhetsberättelse 2017 (PDF, 1,2 MB)"; and
 * its language when that is not the page's (WCAG 3.1.2): "Annual report 2025 (PDF, 1 kB, in Swedish)".
 */
export const documentLinkText = (title: string, file: DocumentFile, locale: Locale, fileLocale: Locale = locale): string => {
  const parts = { title, type: fileTypeLabel(file), size: formatFileSize(file.size, locale) };
  return fileLocale === locale
    ? t(locale, 'document.link', parts)
    : t(locale, 'document.linkInLanguage', { ...parts, language: t(locale, `document.inLanguage.${fileLocale}`) });
};

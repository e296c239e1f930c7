import { AccessibilityStatementPreviewDocument, type AccessibilityStatementFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { withCurrentImage } from './currentImages';
import { cmsRequest, publicationStatus, type PreviewStatus } from './client';
import { documentsOf } from './contentSnapshot';

export type AccessibilityStatement = AccessibilityStatementFragment;

/**
 * The accessibility statement, which the law requires in every language the site has; null while
 * it is not published in this one, and its page says so (components/NotPublished.astro).
 */
export const getAccessibilityStatement = async (locale: Locale): Promise<AccessibilityStatement | null> => {
  const [statement] = await documentsOf('accessibility-statement', locale);
  return statement ?? null;
};

/** The statement as it stands in the CMS (a draft, for the preview), or null. */
export const getAccessibilityStatementPreview = async (locale: Locale, status: PreviewStatus): Promise<AccessibilityStatement | null> =>
  withCurrentImage(
    (await cmsRequest(AccessibilityStatementPreviewDocument, { locale, status: publicationStatus(status) })).accessibilityStatement,
    locale,
  );

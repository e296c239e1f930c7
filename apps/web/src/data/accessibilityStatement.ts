import {
  AccessibilityStatementDocument,
  AccessibilityStatementPreviewDocument,
  type AccessibilityStatementFragment,
} from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { cmsRequest, perLocale, publicationStatus, type PreviewStatus } from './client';

export type AccessibilityStatement = AccessibilityStatementFragment;

/** The accessibility statement, which the law requires in every language the site has. */
export const getAccessibilityStatement = perLocale(async (locale: Locale): Promise<AccessibilityStatement> => {
  const { accessibilityStatement } = await cmsRequest(AccessibilityStatementDocument, { locale });
  if (!accessibilityStatement) {
    throw new Error(`The CMS has no published accessibility statement in "${locale}"; publish it before building the site.`);
  }
  return accessibilityStatement;
});

/** The statement as it stands in the CMS (a draft, for the preview), or null. */
export const getAccessibilityStatementPreview = async (locale: Locale, status: PreviewStatus): Promise<AccessibilityStatement | null> =>
  (await cmsRequest(AccessibilityStatementPreviewDocument, { locale, status: publicationStatus(status) })).accessibilityStatement;

import { AccessibilityStatementPreviewDocument, type AccessibilityStatementFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { cmsRequest, publicationStatus, type PreviewStatus } from './client';
import { documentsOf } from './contentSnapshot';

export type AccessibilityStatement = AccessibilityStatementFragment;

/** The accessibility statement, which the law requires in every language the site has. */
export const getAccessibilityStatement = async (locale: Locale): Promise<AccessibilityStatement> => {
  const [statement] = await documentsOf('accessibility-statement', locale);
  if (!statement) {
    throw new Error(`The CMS has no published accessibility statement in "${locale}"; publish it before building the site.`);
  }
  return statement;
};

/** The statement as it stands in the CMS (a draft, for the preview), or null. */
export const getAccessibilityStatementPreview = async (locale: Locale, status: PreviewStatus): Promise<AccessibilityStatement | null> =>
  (await cmsRequest(AccessibilityStatementPreviewDocument, { locale, status: publicationStatus(status) })).accessibilityStatement;

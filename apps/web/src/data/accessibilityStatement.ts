import { AccessibilityStatementDocument, type AccessibilityStatementQuery } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { cmsRequest, perLocale } from './client';

export type AccessibilityStatement = NonNullable<AccessibilityStatementQuery['accessibilityStatement']>;

/** The accessibility statement, which the law requires in every language the site has. */
export const getAccessibilityStatement = perLocale(async (locale: Locale): Promise<AccessibilityStatement> => {
  const { accessibilityStatement } = await cmsRequest(AccessibilityStatementDocument, { locale });
  if (!accessibilityStatement) {
    throw new Error(`The CMS has no published accessibility statement in "${locale}"; publish it before building the site.`);
  }
  return accessibilityStatement;
});

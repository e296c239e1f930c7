import { ReportsDocument, ReportPreviewDocument, type ReportFragment } from '@malardalsradet/types';
import { documentAlternates } from '../i18n/alternates';
import type { Locale } from '../i18n/locales';
import { reportPath } from '../i18n/routes';
import { cmsRequest, fetchAllPages, loadEveryLocale, perLocale, publicationStatus, type PreviewStatus } from './client';

export type Report = ReportFragment;

/** Published reports in one language, newest first. */
export const getReports = perLocale(
  (locale: Locale): Promise<Report[]> => fetchAllPages(ReportsDocument, { locale }, (result) => result.reports_connection),
);

/** One page per report that exists in `locale`, with the paths of its language versions. */
export const reportPaths = async (locale: Locale) => {
  const byLocale = await loadEveryLocale(getReports);
  return byLocale[locale].map((report) => ({
    params: { year: String(report.year) },
    props: {
      report,
      alternates: documentAlternates(report.documentId, byLocale, (code, version) => reportPath(code, version.year)),
    },
  }));
};

/** One report as it stands in the CMS (a draft, for the preview), or null. */
export const getReportPreview = async (documentId: string, locale: Locale, status: PreviewStatus): Promise<Report | null> =>
  (await cmsRequest(ReportPreviewDocument, { documentId, locale, status: publicationStatus(status) })).report;

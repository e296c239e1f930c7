import { ReportPreviewDocument, type ReportFragment } from '@malardalsradet/types';
import type { Locale } from '../i18n/locales';
import { withCurrentImage } from './currentImages';
import { cmsRequest, publicationStatus, type PreviewStatus } from './client';
import { documentsOf } from './contentSnapshot';
import { documentPage } from './documentPages';

export type Report = ReportFragment;

/** Published reports in one language, newest first. */
export const getReports = (locale: Locale): Promise<Report[]> => documentsOf('report', locale);

/** The report whose page is /verksamhetsberattelser/{year}/ (or /en/reports/{year}/), with its language versions. */
export const reportPage = async (locale: Locale, year: string | undefined) => {
  const page = await documentPage('report', locale, year);
  return page && { report: page.doc, alternates: page.alternates };
};

/** One report as it stands in the CMS (a draft, for the preview), or null. */
export const getReportPreview = async (documentId: string, locale: Locale, status: PreviewStatus): Promise<Report | null> =>
  withCurrentImage((await cmsRequest(ReportPreviewDocument, { documentId, locale, status: publicationStatus(status) })).report, locale);

/**
 * What the site server answers at SITE_HOOK_PATHS.status (apps/web/server/serving/siteServer.ts), read by
 * the CMS for the admin's "Webbplatsen" widget (apps/cms/src/webhooks/siteStatus.ts and
 * src/admin/SiteStatusWidget.tsx).
 */

/** How a release came about: a full build of every page, or a per-change render of a few. */
export type BuildKind = 'full' | 'change';

/** The release the site serves. */
export interface LiveReleaseInfo {
  id: string;
  builtAt: string;
  kind: BuildKind;
  /** The site's code version the pages were rendered with. */
  codeVersion: string;
  /** A hash of all the content the pages were rendered from. */
  contentHash: string;
  /** The CMS's cheap content fingerprint when the release was started, for reconciliation. */
  fingerprint: string;
  /**
   * What the fingerprint is a hash of, per type and language (`svAreas`...): which of them
   * changed tells a publish made since a start from one made while no site server ran.
   * Absent in releases made before it was kept.
   */
  fingerprintEntries?: FingerprintEntries;
}

/** Per type and language: the newest `updatedAt` of the published documents, and how many there are (null for a single type). */
export type FingerprintEntries = Record<string, { updatedAt: string | null; total: number | null }>;

/** The outcome of one build. */
export interface BuildReport {
  reason: string;
  kind: BuildKind;
  /** A full build that checked changes already live against the CMS. */
  background: boolean;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** `unchanged`: nothing on the public site changed, so no release was made. */
  result: 'success' | 'unchanged' | 'failure';
  /** The release it made live, on success. */
  releaseId?: string;
  /** The pages a per-change render rendered. */
  renderedPages?: string[];
  renderedCount?: number;
  error?: string;
}

/** The site server's state. */
export interface SiteStatus {
  live: LiveReleaseInfo | null;
  lastBuild: BuildReport | null;
  lastSuccess: BuildReport | null;
  building: boolean;
  queued: boolean;
  /** True until every change editors made is live (a background full build does not count). */
  changesPending: boolean;
  buildsSinceStart: number;
  memory: { residentMb: number; heapTotalMb: number; heapUsedMb: number; externalMb: number };
  /**
   * Readers' feedback in the site server's outbox: messages waiting for the CMS, messages the CMS
   * refused for good and that wait in refused/ for an operator, and whether the outbox is full.
   */
  feedback?: { waiting: number; setAside: number; full: boolean };
}

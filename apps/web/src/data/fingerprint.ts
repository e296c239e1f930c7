import { createHash } from 'node:crypto';
import type { FingerprintEntries } from '@malardalsradet/site-contract';
import { SiteFingerprintDocument } from '@malardalsradet/types';
import { cmsRequest } from './client';

/**
 * What the site shows, summed up (per type and language the newest updatedAt, and how many), and
 * a short hash of it: equal fingerprints mean nothing needs rebuilding. The entries tell which
 * type and language changed (the start compares them: server/publishing/fingerprintChanges.ts).
 */
export const getContentSummary = async (): Promise<{ fingerprint: string; entries: FingerprintEntries }> => {
  const summary = await cmsRequest(SiteFingerprintDocument, {});
  const fingerprint = createHash('sha256').update(JSON.stringify(summary)).digest('hex').slice(0, 16);
  const entries: FingerprintEntries = {};
  for (const [key, value] of Object.entries(summary)) {
    if (value && 'pageInfo' in value) entries[key] = { updatedAt: value.nodes[0]?.updatedAt ?? null, total: value.pageInfo.total };
    else entries[key] = { updatedAt: value?.updatedAt ?? null, total: null };
  }
  return { fingerprint, entries };
};

/** A short hash of what the site shows; equal fingerprints mean nothing needs rebuilding. */
export const getContentFingerprint = async (): Promise<string> => (await getContentSummary()).fingerprint;

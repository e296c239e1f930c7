import { createHash } from 'node:crypto';
import { SiteFingerprintDocument } from '@malardalsradet/types';
import { cmsRequest } from './client';

/** A short hash of what the site shows; equal fingerprints mean nothing needs rebuilding. */
export const getContentFingerprint = async (): Promise<string> => {
  const summary = await cmsRequest(SiteFingerprintDocument, {});
  return createHash('sha256').update(JSON.stringify(summary)).digest('hex').slice(0, 16);
};

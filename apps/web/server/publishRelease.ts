import { rmSync } from 'node:fs';
import { getContentFingerprint } from '../src/data/fingerprint.ts';
import { siteCodeVersion } from './codeVersion.ts';
import type { ReleaseStore } from './releases.ts';
import { runAstroBuild } from './runAstroBuild.ts';
import type { SiteServer } from './siteServer.ts';
import { verifyRelease } from './verifyRelease.ts';

/** What a release is made of: the CMS content and the site's code, as one comparable string. */
const releaseFingerprint = async () => `${await getContentFingerprint()}-${siteCodeVersion()}`;

/**
 * Builds a new release from the CMS and makes it live: fingerprint the content, build into a
 * fresh folder, check the result, read it into memory, then switch atomically. Any failure
 * leaves the live release as it was. Returns the new release's id.
 */
export const publishRelease = async (store: ReleaseStore, server: SiteServer): Promise<string> => {
  // Taken before the build: a change made during the build makes the fingerprint differ later,
  // so reconciliation catches it even if its webhook is lost.
  const fingerprint = await releaseFingerprint();
  const { id, buildDir } = store.newBuild();
  try {
    await runAstroBuild(buildDir, process.env);
    verifyRelease(buildDir);
    store.commit(buildDir, { id, builtAt: new Date().toISOString(), fingerprint });
  } catch (error) {
    rmSync(buildDir, { recursive: true, force: true });
    throw error;
  }
  server.activate(id);
  store.prune();
  return id;
};

/** Asks for a build when the CMS's content, or the site's code, no longer matches the newest release. */
export const reconcile = async (store: ReleaseStore, requestBuild: (reason: string) => void, log: (message: string) => void) => {
  let fingerprint: string;
  try {
    fingerprint = await releaseFingerprint();
  } catch (error) {
    log(`Reconciliation skipped: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  // The newest release, not necessarily the live one: after a rollback the site stays rolled
  // back until the content changes again.
  const newest = store.list().at(-1);
  if (newest?.fingerprint !== fingerprint) {
    requestBuild(`reconciliation: content and code ${fingerprint} differ from ${newest?.fingerprint ?? 'no release'}`);
  }
};

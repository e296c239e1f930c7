import { rmSync } from 'node:fs';
import { getContentFingerprint } from '../src/data/fingerprint.ts';
import type { ReleaseStore } from './releases.ts';
import { runAstroBuild } from './runAstroBuild.ts';
import type { SiteServer } from './siteServer.ts';
import { verifyRelease } from './verifyRelease.ts';

/**
 * Builds a new release from the CMS and makes it live: fingerprint the content, build into a
 * fresh folder, check the result, read it into memory, then switch atomically. Any failure
 * leaves the live release as it was. Returns the new release's id.
 */
export const publishRelease = async (store: ReleaseStore, server: SiteServer): Promise<string> => {
  // Taken before the build: a change made during the build makes the fingerprint differ later,
  // so reconciliation catches it even if its webhook is lost.
  const fingerprint = await getContentFingerprint();
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

/** Asks for a build when the CMS's content no longer matches the newest release. */
export const reconcile = async (store: ReleaseStore, requestBuild: (reason: string) => void, log: (message: string) => void) => {
  let fingerprint: string;
  try {
    fingerprint = await getContentFingerprint();
  } catch (error) {
    log(`Reconciliation skipped: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  // The newest release, not necessarily the live one: after a rollback the site stays rolled
  // back until the content changes again.
  const newest = store.list().at(-1);
  if (newest?.fingerprint !== fingerprint) {
    requestBuild(`reconciliation: content fingerprint ${fingerprint} differs from ${newest?.fingerprint ?? 'no release'}`);
  }
};

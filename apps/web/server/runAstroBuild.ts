import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { WEB_DIR } from './serverEnv.ts';

const ASTRO_BIN = path.join(WEB_DIR, 'node_modules', 'astro', 'bin', 'astro.mjs');

/** The line of a failed build's output that says why, for the status and the log. */
export const buildFailureReason = (output: string): string => {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const telling = lines.find((line) => /CMS request "|The CMS has no|is not set|is not a URL/.test(line));
  return telling ?? lines.filter((line) => /error/i.test(line)).pop() ?? lines.pop() ?? 'the build failed without output';
};

/** Builds in progress, so that a stopping server can stop them too. */
export const runningBuilds = new Set<ChildProcess>();

/**
 * Runs `astro build` into outDir in a child process, so that a crash or a leak in a build never
 * touches the server. Astro's caches (node_modules/.astro, .vite) stay between builds.
 */
export const runAstroBuild = (outDir: string, env: NodeJS.ProcessEnv): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO_BIN, 'build', '--outDir', outDir, '--silent'], {
      cwd: WEB_DIR,
      env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    runningBuilds.add(child);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      runningBuilds.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`Build failed (${signal ?? `exit code ${code}`}): ${buildFailureReason(output)}`));
    });
  });

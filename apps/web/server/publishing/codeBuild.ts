import { spawn } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { WEB_DIR } from '../serverEnv.ts';

const ASTRO_BIN = path.join(WEB_DIR, 'node_modules', 'astro', 'bin', 'astro.mjs');
const DIE_WITH_PARENT = path.join(WEB_DIR, 'server', 'publishing', 'dieWithParent.cjs');

/** The line of a failed build's output that says why, for the status and the log. */
const buildFailureReason = (output: string): string => {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.filter((line) => /error/i.test(line)).pop() ?? lines.pop() ?? 'the build failed without output';
};

/**
 * Builds the site's code (`astro build`: the renderer bundle and the client assets; it reads no
 * content) into `buildDir`, then renames it to `outDir`. It runs in a child process in a group of
 * its own, so that a crash or leak in the build never touches the server, and the group is ended
 * when the build passes `signal` (the deadline) or the server goes away (dieWithParent.cjs).
 */
export const buildCode = (buildDir: string, outDir: string, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', DIE_WITH_PARENT, ASTRO_BIN, 'build', '--outDir', buildDir, '--silent'], {
      cwd: WEB_DIR,
      env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    signal.addEventListener('abort', killGroup, { once: true });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, exitSignal) => {
      signal.removeEventListener('abort', killGroup);
      killGroup(); // anything the build left running in its group
      if (code === 0 && !signal.aborted) {
        rmSync(outDir, { recursive: true, force: true });
        renameSync(buildDir, outDir);
        resolve();
      } else {
        rmSync(buildDir, { recursive: true, force: true });
        reject(new Error(`Building the site's code failed (${exitSignal ?? `exit code ${code}`}): ${buildFailureReason(output)}`));
      }
    });
  });

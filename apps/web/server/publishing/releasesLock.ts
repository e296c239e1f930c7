import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';

/**
 * A holder that stops updating the lock (killed, paused, its disk gone) loses it after this
 * long: the other site server then takes over. proper-lockfile refreshes the lock's mtime every
 * half of it, from the event loop, which no step of a build blocks for seconds.
 */
export const LOCK_STALE_MS = 10_000;
/** How often a job waiting for the lock tries again (a per-change render holds it for tens of ms). */
const RETRY_MS = 50;
/** The lock's folder in the releases folder: its name starts with a dot, so no listing takes it for a release. */
export const LOCK_NAME = '.publishing.lock';

/**
 * One writer at a time on a releases folder, across processes and containers that share it:
 * every build job (a full build, a per-change render, reconciliation's build, with the garbage
 * collection and the pruning that follow a publish), a rollback from the command line and the
 * tidying at start. proper-lockfile: an atomic mkdir, kept fresh by its mtime, taken over when
 * stale (a holder killed with SIGKILL leaves it behind), which works on any local or network
 * file system a Docker volume sits on (an flock would not cross every network file system).
 */
export class ReleasesLock {
  private readonly dir: string;
  private readonly log: (message: string) => void;

  constructor(dir: string, log: (message: string) => void = () => {}) {
    this.dir = dir;
    this.log = log;
  }

  /**
   * Runs `job` holding the lock, waiting for it first for as long as `signal` allows. The job's
   * own signal is aborted with `signal`, and when the lock is compromised (its updates failed, or
   * this process stalled past LOCK_STALE_MS, so another may hold it now): the job then stops
   * before it writes, like a job past its deadline.
   */
  async hold<T>(signal: AbortSignal, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const forward = () => controller.abort(signal.reason);
    signal.addEventListener('abort', forward, { once: true });
    let release: (() => Promise<void>) | undefined;
    const started = Date.now();
    let waited = false;
    try {
      for (;;) {
        signal.throwIfAborted();
        try {
          release = await lockfile.lock(this.dir, {
            lockfilePath: path.join(this.dir, LOCK_NAME),
            realpath: false,
            stale: LOCK_STALE_MS,
            onCompromised: (error) => {
              this.log(`The lock on ${this.dir} was lost (${error.message}); the job stops before it writes.`);
              controller.abort(new Error(`The lock on the releases folder was lost: ${error.message}`));
            },
          });
          break;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
            // A folder this process may not write (a read-only volume, another owner): no job can
            // write a release there, nor can any other process of ours, so the job runs and says
            // what it could not do (the tidying at start, a build), rather than failing on the lock.
            this.log(`Cannot take the lock on ${this.dir} (${code}): the job runs without it, and can write nothing either.`);
            break;
          }
          if (code !== 'ELOCKED') throw error;
          waited = true;
          await sleep(RETRY_MS, undefined, { signal });
        }
      }
      if (waited) this.log(`Waited ${Date.now() - started} ms for another process's job on ${this.dir}.`);
      // A job past its deadline gives the lock up even if it has not stopped yet (a render that
      // never ends would hold every site server's publishing): it checks its signal before it
      // writes a release, so it cannot commit or switch after this.
      const stopped = new Promise<never>((_, reject) => {
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
      });
      stopped.catch(() => {}); // also rejects after a normal end, when nothing listens any more
      return await Promise.race([job(controller.signal), stopped]);
    } finally {
      controller.abort(new Error('The job is over.'));
      signal.removeEventListener('abort', forward);
      // A compromised lock is not ours to remove any more (proper-lockfile refuses: ERELEASED).
      await release?.().catch(() => {});
    }
  }
}

import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { FeedbackSubmission } from '@malardalsradet/site-contract';

const SUFFIX = '.json';
const TEMPORARY = '.tmp';
/** Where a message the CMS refuses for what it holds is kept, for an operator to look at. */
export const REFUSED_FOLDER = 'refused';

/** One message waiting in the outbox: its file's name and what it holds. */
export interface OutboxEntry {
  name: string;
  submission: FeedbackSubmission;
}

/**
 * Accepted feedback on disk until the CMS has it: one file per message, named by the time it was
 * accepted and its submission id, so that messages are delivered in the order they came. A file
 * is written whole (a temporary file, fsync, rename, fsync of the folder) before the reader is
 * thanked, and removed only after the CMS said it has the message.
 */
export class FeedbackOutbox {
  readonly dir: string;
  private readonly log: (message: string) => void;

  constructor(dir: string, log: (message: string) => void = console.log) {
    this.dir = dir;
    this.log = log;
    mkdirSync(dir, { recursive: true });
    // A temporary file is a write that a crash cut short: its reader was never thanked.
    for (const entry of readdirSync(dir)) {
      if (entry.endsWith(TEMPORARY)) rmSync(path.join(dir, entry), { force: true });
    }
  }

  /** Keeps a message durably; returns once it is on disk. */
  add(submission: FeedbackSubmission, now = Date.now()): string {
    const name = `${String(now).padStart(15, '0')}-${submission.submissionId}${SUFFIX}`;
    const temporary = path.join(this.dir, `.${name}${TEMPORARY}`);
    const descriptor = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(descriptor, JSON.stringify(submission));
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, path.join(this.dir, name));
    this.syncFolder();
    return name;
  }

  /** The messages waiting, oldest first. A file that cannot be read is logged and left where it is. */
  pending(): OutboxEntry[] {
    const entries: OutboxEntry[] = [];
    for (const name of readdirSync(this.dir)
      .filter((entry) => entry.endsWith(SUFFIX) && !entry.startsWith('.'))
      .sort()) {
      try {
        entries.push({ name, submission: parseSubmission(readFileSync(path.join(this.dir, name), 'utf8')) });
      } catch (error) {
        this.log(`Feedback outbox: cannot read ${name}, left in ${this.dir}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return entries;
  }

  /** How many messages wait. */
  count(): number {
    return readdirSync(this.dir).filter((entry) => entry.endsWith(SUFFIX) && !entry.startsWith('.')).length;
  }

  /**
   * Moves a message the CMS refuses for what it holds (a 400: the two sides' checks disagree)
   * out of the way of the others, into refused/, where it stays until an operator deals with it.
   */
  setAside(name: string): string {
    const folder = path.join(this.dir, REFUSED_FOLDER);
    mkdirSync(folder, { recursive: true });
    renameSync(path.join(this.dir, name), path.join(folder, name));
    this.syncFolder();
    return path.join(folder, name);
  }

  /** Forgets a message the CMS has. */
  remove(name: string): void {
    rmSync(path.join(this.dir, name), { force: true });
    this.syncFolder();
  }

  /** Makes the folder's entries (a rename, a removal) durable too. */
  private syncFolder() {
    const descriptor = openSync(this.dir, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  }
}

const parseSubmission = (text: string): FeedbackSubmission => {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not a submission');
  const record = parsed as Record<string, unknown>;
  const field = (name: keyof FeedbackSubmission): string => {
    const value = record[name];
    if (typeof value !== 'string') throw new Error(`no ${name}`);
    return value;
  };
  return { submissionId: field('submissionId'), message: field('message'), page: field('page'), replyTo: field('replyTo'), locale: field('locale') };
};

import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { FeedbackSubmission } from '@malardalsradet/site-contract';

const SUFFIX = '.json';
const TEMPORARY = '.tmp';
/** Where a message the CMS refuses for what it holds is kept, for an operator to look at. */
export const REFUSED_FOLDER = 'refused';
/** Beside each message set aside: the CMS's answer (why it was refused), `<message file>.answer.txt`. */
export const ANSWER_SUFFIX = '.answer.txt';

/** The most the outbox holds: messages, and bytes of their files (refused/ included: it is on the same disk). */
export interface OutboxCap {
  messages: number;
  bytes: number;
}

/** Thrown by add() when the outbox holds its cap: the message is not kept, and none kept is touched. */
export class OutboxFullError extends Error {}

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
  readonly cap: OutboxCap;
  private readonly log: (message: string) => void;
  /** What the folder holds, kept up to date by add() and remove(), and measured again when it seems full. */
  private held: OutboxCap;
  /** Whether the operator was told that the outbox is full (once, not for every message refused). */
  private full = false;

  constructor(dir: string, log: (message: string) => void = console.log, cap: OutboxCap = { messages: Infinity, bytes: Infinity }) {
    this.dir = dir;
    this.log = log;
    this.cap = cap;
    mkdirSync(dir, { recursive: true });
    // A temporary file is a write that a crash cut short: its reader was never thanked.
    for (const entry of readdirSync(dir)) {
      if (entry.endsWith(TEMPORARY)) rmSync(path.join(dir, entry), { force: true });
    }
    this.held = this.measure();
  }

  /** Keeps a message durably; returns once it is on disk. Throws OutboxFullError when it would pass the cap. */
  add(submission: FeedbackSubmission, now = Date.now()): string {
    const text = JSON.stringify(submission);
    const bytes = Buffer.byteLength(text);
    // Measured again before refusing, so that files an operator moved away count no longer.
    if (!this.hasRoomFor(bytes)) this.held = this.measure();
    this.noticeRoom();
    if (!this.hasRoomFor(bytes)) {
      if (!this.full) {
        this.full = true;
        this.log(
          `ERROR: the feedback outbox ${this.dir} is full (${this.describe(this.held)} of at most ${this.describe(this.cap)}: ` +
            'FEEDBACK_OUTBOX_MAX_MESSAGES, FEEDBACK_OUTBOX_MAX_MB). New feedback is refused (503, the reader keeps their text) ' +
            'until the CMS takes what waits; nothing kept is touched (see apps/web/README.md).',
        );
      }
      throw new OutboxFullError(`the feedback outbox is full (${this.describe(this.held)})`);
    }
    const name = `${String(now).padStart(15, '0')}-${submission.submissionId}${SUFFIX}`;
    const temporary = path.join(this.dir, `.${name}${TEMPORARY}`);
    const descriptor = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(descriptor, text);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, path.join(this.dir, name));
    this.syncFolder();
    this.held = { messages: this.held.messages + 1, bytes: this.held.bytes + bytes };
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
   * out of the way of the others, into refused/, where it stays until an operator deals with it;
   * the CMS's answer is written beside it, so that the operator can see why without the log.
   */
  setAside(name: string, answer: string): string {
    const folder = path.join(this.dir, REFUSED_FOLDER);
    mkdirSync(folder, { recursive: true });
    // The answer first: a crash between the two leaves the message where it was, to be tried again.
    const answerFile = path.join(folder, `${name}${ANSWER_SUFFIX}`);
    writeFileSync(answerFile, `${new Date().toISOString()} ${answer}\n`, { mode: 0o600 });
    renameSync(path.join(this.dir, name), path.join(folder, name));
    this.syncFolder();
    this.held = { ...this.held, bytes: this.held.bytes + statSync(answerFile).size };
    return path.join(folder, name);
  }

  /** What the outbox holds, for operators (GET /hooks/status): messages waiting, and set aside in refused/. */
  state(): { waiting: number; setAside: number; full: boolean } {
    const folder = path.join(this.dir, REFUSED_FOLDER);
    const setAside = existsSync(folder) ? readdirSync(folder).filter((entry) => entry.endsWith(SUFFIX) && !entry.startsWith('.')).length : 0;
    return { waiting: this.count(), setAside, full: this.full };
  }

  /** Forgets a message the CMS has. */
  remove(name: string): void {
    const file = path.join(this.dir, name);
    const bytes = existsSync(file) ? statSync(file).size : 0;
    rmSync(file, { force: true });
    this.syncFolder();
    if (bytes > 0) this.held = { messages: Math.max(0, this.held.messages - 1), bytes: Math.max(0, this.held.bytes - bytes) };
    this.noticeRoom();
  }

  /** Tells the operator, once, that a full outbox takes messages again. */
  private noticeRoom() {
    if (this.full && this.hasRoomFor(0)) {
      this.full = false;
      this.log(`The feedback outbox has room again (${this.describe(this.held)}): new feedback is taken.`);
    }
  }

  private hasRoomFor(bytes: number) {
    return this.held.messages + 1 <= this.cap.messages && this.held.bytes + bytes <= this.cap.bytes;
  }

  /** The messages in the folder and refused/, and the bytes of their files (the CMS's answers beside them included). */
  private measure(): OutboxCap {
    const held = { messages: 0, bytes: 0 };
    for (const folder of [this.dir, path.join(this.dir, REFUSED_FOLDER)]) {
      if (!existsSync(folder)) continue;
      for (const entry of readdirSync(folder)) {
        if (entry.startsWith('.')) continue;
        if (entry.endsWith(SUFFIX)) held.messages += 1;
        else if (!entry.endsWith(ANSWER_SUFFIX)) continue;
        held.bytes += statSync(path.join(folder, entry)).size;
      }
    }
    return held;
  }

  private describe({ messages, bytes }: OutboxCap) {
    return `${messages} message(s), ${(bytes / 1024 / 1024).toFixed(1)} MB`;
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

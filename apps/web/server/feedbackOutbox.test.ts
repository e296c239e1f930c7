import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedbackSubmission } from '@malardalsradet/site-contract';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackOutbox } from './feedbackOutbox.ts';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const submission = (id: string, message = 'Hej'): FeedbackSubmission => ({ submissionId: id, message, page: '/', replyTo: '', locale: 'sv' });

describe('FeedbackOutbox', () => {
  it('keeps each message in a file of its own until it is removed, oldest first, across instances', () => {
    const dir = scratch();
    const outbox = new FeedbackOutbox(dir);
    const second = outbox.add(submission('b', 'andra'), 2000);
    outbox.add(submission('a', 'första <script>'), 1000);
    expect(readFileSync(path.join(dir, second), 'utf8')).toBe(JSON.stringify(submission('b', 'andra')));
    // A restart: a new outbox on the same folder finds both.
    const again = new FeedbackOutbox(dir);
    expect(again.pending().map((entry) => entry.submission)).toEqual([submission('a', 'första <script>'), submission('b', 'andra')]);
    again.remove(second);
    expect(again.pending().map((entry) => entry.submission.submissionId)).toEqual(['a']);
    expect(again.count()).toBe(1);
  });

  it('removes what a crash left half-written, and leaves an unreadable file where it is, saying so', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, '.000000000001000-x.json.tmp'), '{"submis');
    writeFileSync(path.join(dir, '000000000000500-broken.json'), 'not json');
    const lines: string[] = [];
    const outbox = new FeedbackOutbox(dir, (line) => lines.push(line));
    outbox.add(submission('ok'), 3000);
    expect(outbox.pending().map((entry) => entry.submission.submissionId)).toEqual(['ok']);
    expect(lines.join('\n')).toMatch(/cannot read 000000000000500-broken\.json/);
    expect(readdirSync(dir).sort()).toEqual(['000000000000500-broken.json', '000000000003000-ok.json']);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedbackSubmission } from '@malardalsradet/site-contract';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackOutbox, OutboxFullError, REFUSED_FOLDER } from './feedbackOutbox.ts';

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

  it('refuses a message beyond its cap of messages, touching none it keeps, and tells the operator once', () => {
    const dir = scratch();
    const lines: string[] = [];
    const outbox = new FeedbackOutbox(dir, (line) => lines.push(line), { messages: 2, bytes: 1024 * 1024 });
    const first = outbox.add(submission('a'), 1000);
    outbox.add(submission('b'), 2000);
    const before = readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]);
    expect(() => outbox.add(submission('c'), 3000)).toThrow(OutboxFullError);
    expect(() => outbox.add(submission('d'), 4000)).toThrow(OutboxFullError);
    expect(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')])).toEqual(before);
    expect(lines.filter((line) => line.includes('is full'))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/ERROR: the feedback outbox .* is full \(2 message\(s\).*FEEDBACK_OUTBOX_MAX_MESSAGES/);

    // Once the CMS has one, there is room again, and the operator hears that too.
    outbox.remove(first);
    expect(lines.at(-1)).toMatch(/has room again \(1 message/);
    outbox.add(submission('e'), 5000);
    expect(outbox.pending().map((entry) => entry.submission.submissionId)).toEqual(['b', 'e']);
  });

  it('refuses a message that would take it past its cap of bytes, counting refused/ and what a restart finds', () => {
    const dir = scratch();
    const size = JSON.stringify(submission('x', 'y'.repeat(100))).length;
    new FeedbackOutbox(dir).add(submission('a', 'y'.repeat(100)), 1000);
    const refused = new FeedbackOutbox(dir);
    refused.setAside(refused.pending()[0]?.name ?? '', 'the CMS answered 400');
    // A new start on the same folder counts what it holds, refused/ included.
    const outbox = new FeedbackOutbox(dir, () => {}, { messages: 100, bytes: 3 * size - 50 });
    outbox.add(submission('b', 'y'.repeat(100)), 2000);
    expect(() => outbox.add(submission('c', 'y'.repeat(100)), 3000)).toThrow(OutboxFullError);
    // A small one still fits.
    outbox.add(submission('d', 'kort'), 4000);
    expect(outbox.count()).toBe(2);
    expect(readdirSync(path.join(dir, REFUSED_FOLDER)).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(outbox.state()).toEqual({ waiting: 2, setAside: 1, full: false });
  });

  it('notices room an operator made while it was full, and says so when it fills again', () => {
    const dir = scratch();
    const lines: string[] = [];
    const outbox = new FeedbackOutbox(dir, (line) => lines.push(line), { messages: 1, bytes: 1024 * 1024 });
    outbox.add(submission('a'), 1000);
    outbox.setAside(outbox.pending()[0]?.name ?? '', 'the CMS answered 400');
    expect(() => outbox.add(submission('b'), 2000)).toThrow(OutboxFullError);
    rmSync(path.join(dir, REFUSED_FOLDER), { recursive: true });
    outbox.add(submission('b'), 3000);
    expect(outbox.count()).toBe(1);
    expect(() => outbox.add(submission('c'), 4000)).toThrow(OutboxFullError);
    expect(lines.map((line) => line.replace(/ \(.*/, ''))).toEqual([
      `ERROR: the feedback outbox ${dir} is full`,
      'The feedback outbox has room again',
      `ERROR: the feedback outbox ${dir} is full`,
    ]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// The Nu Html Checker (the W3C's validator, vnu.jar from the npm package vnu-jar), run on this
// machine's Java: one run checks every page given, as the JVM takes a second to start.
const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar')), 'build', 'dist', 'vnu.jar');

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

/** The Nu Html Checker's errors for each page (name → HTML), as "name:line: message". */
export const htmlErrors = (pages: Record<string, string>): string[] => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vnu-'));
  try {
    const files = Object.entries(pages).map(([name, html], index) => {
      const file = path.join(dir, `page-${index}.html`);
      writeFileSync(file, html);
      return [file, name] as const;
    });
    const result = spawnSync(
      process.env.JAVA ?? 'java',
      ['-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', ...files.map(([file]) => file)],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (result.error) throw new Error(`The Nu Html Checker could not run (is Java installed?): ${result.error.message}`);
    const names = new Map(files.map(([file, name]) => [`file:${file}`, name]));
    const { messages } = JSON.parse(result.stderr) as { messages: VnuMessage[] };
    return messages
      .filter((message) => message.type === 'error' || message.subType === 'fatal')
      .map((message) => `${names.get(message.url) ?? message.url}:${message.lastLine ?? '?'}: ${message.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

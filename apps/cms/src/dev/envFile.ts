import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';

/** Reads KEY=value lines of a dotenv file; a missing file reads as empty. */
export const readEnvFile = (file: string): Map<string, string> => {
  const values = new Map<string, string>();
  if (!existsSync(file)) return values;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (match?.[1]) values.set(match[1], match[2]?.replace(/^(['"])(.*)\1$/, '$2') ?? '');
  }
  return values;
};

/** Sets keys in a dotenv file, keeping its other lines and comments as they are. */
export const updateEnvFile = (file: string, updates: Record<string, string>): void => {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').replace(/\n$/, '').split('\n') : [];
  const pending = new Map(Object.entries(updates));
  const updated = lines.map((line) => {
    const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (!key || !pending.has(key)) return line;
    const value = pending.get(key);
    pending.delete(key);
    return `${key}=${value}`;
  });
  for (const [key, value] of pending) updated.push(`${key}=${value}`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${updated.join('\n')}\n`, { mode: 0o600 });
};

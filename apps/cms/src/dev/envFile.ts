import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { parseEnv } from 'util';

/** A dotenv file's values, read by Node's own parser; a missing file reads as empty. */
export const readEnvFile = (file: string): Map<string, string> =>
  new Map(existsSync(file) ? Object.entries(parseEnv(readFileSync(file, 'utf8'))).map(([key, value]) => [key, value ?? '']) : []);

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

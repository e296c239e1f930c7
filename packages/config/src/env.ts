import { z } from 'zod';

// The environment's checks, for both apps: each declares its variables in one zod schema with
// these primitives and reads them with readEnv, which names every variable at fault in one
// message. Zod gives the types, the defaults and every problem at once, in the CMS's CommonJS and
// the site's ES modules alike; the checks are small functions of our own, because a message must
// say what was expected and what was found (never for a secret), which zod's generic messages do not.

/** What is wrong with the environment: one line per variable at fault. */
export class EnvError extends Error {
  readonly problems: string[];

  /** `example` is the file that shows every variable (apps/cms/.env.example, ...). */
  constructor(problems: string[], example: string) {
    super(`the environment is wrong (see ${example}):\n  ${problems.join('\n  ')}`);
    this.name = 'EnvError';
    this.problems = problems;
  }
}

// Values that mean "not set yet": our .env.example files' placeholders (change-me, ...) and
// Strapi's own template's (tobemodified).
const PLACEHOLDER = /change-?me|tobemodified|placeholder|example|secret$/i;

/** True when `text` is a placeholder of an example file rather than a value of its own. */
export const isPlaceholder = (text: string): boolean => PLACEHOLDER.test(text);

/** A secret shorter than this is refused: 16 random characters are beyond guessing. */
export const MIN_SECRET_LENGTH = 16;

/** What is wrong with a secret's value, or undefined when it will do. */
export const secretProblem = (text: string): 'a placeholder' | 'short' | undefined => {
  if (isPlaceholder(text)) return 'a placeholder';
  if (text.length < MIN_SECRET_LENGTH) return 'short';
  return undefined;
};

/**
 * One variable's text: `check` turns it into the value, or gives undefined when it will not do.
 * Chain `.default()` or `.optional()` for a variable that may be unset. A secret's value is never
 * repeated in the message: messages end up in logs.
 */
export const variable = <T>(expected: string, check: (text: string) => T | undefined, { secret = false } = {}) =>
  z.string({ error: `is not set; it must be ${expected}` }).transform((text, context) => {
    const value = check(text);
    if (value === undefined) {
      context.addIssue({ code: 'custom', message: secret ? `must be ${expected}` : `must be ${expected}, got "${text}"` });
      return z.NEVER;
    }
    return value;
  });

/** An absolute http(s) address, without a trailing slash. */
export const httpUrl = () =>
  variable('an http(s) address such as https://cms.example.org', (text) =>
    URL.canParse(text) && /^https?:$/.test(new URL(text).protocol) ? new URL(text).href.replace(/\/$/, '') : undefined,
  );

/** A whole number of at least `min` (and at most `max`). */
export const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  variable(max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`, (text) => {
    const value = Number(text);
    return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
  });

/** "true" or "false". */
export const flag = () => variable('"true" or "false"', (text) => (text === 'true' || text === 'false' ? text === 'true' : undefined));

/** A comma-separated list, spaces around the commas ignored (as Strapi's env.array). */
export const list = () =>
  z.string().transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** A token or key given by the deployment: anything but a placeholder, never repeated in a message. */
export const token = (expected: string) => variable(expected, (text) => (isPlaceholder(text) ? undefined : text), { secret: true });

/** A random value of at least 16 characters shared with the other app, not a placeholder. */
export const sharedSecret = (sharedAs: string) =>
  variable(
    `a random value of at least ${MIN_SECRET_LENGTH} characters, the same as the CMS's ${sharedAs}`,
    (text) => (secretProblem(text) ? undefined : text),
    { secret: true },
  );

/** What readEnv needs besides the schema. */
export interface ReadEnvOptions {
  /** The file that shows every variable, named in the message. */
  example: string;
  /** Problems the schema cannot see (rules across variables), given the variables that are set. */
  moreProblems?: (set: Record<string, string>) => string[];
}

/**
 * Reads `schema`'s variables from env; throws an EnvError naming every one at fault. Unset and
 * empty are the same: compose passes an unset `${NAME:-}` on as "", .env.example leaves optional
 * ones empty, and tests blank out what a developer's .env would otherwise fill in.
 */
export const readEnv = <Schema extends z.ZodType>(
  schema: Schema,
  env: NodeJS.ProcessEnv,
  { example, moreProblems }: ReadEnvOptions,
): z.output<Schema> => {
  const set = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const result = schema.safeParse(set);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)),
    ...(moreProblems?.(set) ?? []),
  ];
  if (!result.success || problems.length > 0) throw new EnvError(problems, example);
  return result.data;
};

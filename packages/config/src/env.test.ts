import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvError, httpUrl, integer, isPlaceholder, readEnv, secretProblem, sharedSecret, token } from './env.ts';

const schema = z.object({
  URL: httpUrl(),
  COUNT: integer(1, 10).default(3),
  TOKEN: token('the API token').optional(),
  SECRET: sharedSecret('SECRET').optional(),
});
const problemsOf = (env: NodeJS.ProcessEnv, moreProblems?: () => string[]): string[] => {
  try {
    readEnv(schema, env, { example: 'example/.env.example', moreProblems });
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
};

describe('the environment checks', () => {
  it('reads values, defaults, and takes an empty variable as unset', () => {
    expect(readEnv(schema, { URL: 'https://cms.example.org/', COUNT: '', TOKEN: '' }, { example: 'x' })).toEqual({
      URL: 'https://cms.example.org',
      COUNT: 3,
    });
  });

  it('names every variable at fault in one message, with the example file, and never repeats a secret', () => {
    expect(problemsOf({ URL: 'cms:1337', COUNT: '11', SECRET: 'too-short' }, () => ['A rule across variables'])).toEqual([
      'URL must be an http(s) address such as https://cms.example.org, got "cms:1337"',
      'COUNT must be a whole number from 1 to 10, got "11"',
      "SECRET must be a random value of at least 16 characters, the same as the CMS's SECRET",
      'A rule across variables',
    ]);
    expect(() => readEnv(schema, {}, { example: 'example/.env.example' })).toThrow(
      /^the environment is wrong \(see example\/\.env\.example\):\n {2}URL is not set; it must be an http/,
    );
  });

  it("refuses the example files' placeholders, ours and Strapi's, in both apps alike", () => {
    for (const placeholder of ['change-me', 'changeme-please', 'tobemodified', 'a-placeholder', 'your-secret']) {
      expect(isPlaceholder(placeholder), placeholder).toBe(true);
      expect(problemsOf({ URL: 'http://cms', TOKEN: placeholder }), placeholder).toEqual(['TOKEN must be the API token']);
    }
    expect(secretProblem('tobemodified')).toBe('a placeholder');
    expect(secretProblem('short')).toBe('short');
    expect(secretProblem('9f8e7d6c5b4a39281706f5e4d3c2b1a0')).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('generated types', () => {
  it('match the committed CMS schema and the site operations (regenerate with `pnpm --filter @malardalsradet/types generate`)', async () => {
    // `generate` is typed as returning `any`; with saving off it returns the files it would write.
    const outputs = (await generate({ ...config, cwd: packageDir, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs).toHaveLength(1);
    const [output] = outputs;
    const committed = readFileSync(new URL('./generated/graphql.ts', import.meta.url), 'utf8');
    expect(
      committed === output?.content,
      'packages/types/src/generated/graphql.ts is stale: run `pnpm --filter @malardalsradet/types generate`',
    ).toBe(true);
  });
});

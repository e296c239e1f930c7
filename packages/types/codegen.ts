import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types and typed documents for the site's GraphQL operations, from the CMS's committed schema.
 * Regenerate with `pnpm --filter @malardalsradet/types generate`.
 */
const config: CodegenConfig = {
  schema: '../../apps/cms/schema.graphql',
  documents: '../../apps/web/src/data/**/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      // typescript-operations (v6) emits the schema types the operations use by itself, so the
      // plain `typescript` plugin, which would repeat them, is not in the list.
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        // Strapi's rich text (blocks) is JSON: typed `unknown`, checked where it is rendered.
        scalars: {
          JSON: 'unknown',
          DateTime: 'string',
          Date: 'string',
          I18NLocaleCode: 'string',
          Long: 'number',
          Upload: 'unknown',
        },
      },
    },
  },
};

export default config;

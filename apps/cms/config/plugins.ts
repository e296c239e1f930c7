import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { MAX_PAGE_SIZE } from '../src/access/pageSizeLimit';
import { noSuggestionsPlugin } from '../src/graphql/clientErrors';
import { introspectionGuardPlugin } from '../src/graphql/introspectionGuard';
import { maxAliasesValidationRule, queryCostPlugin } from '../src/graphql/queryCost';
import { cmsEnv, type CmsEnv } from '../src/config/env';

/**
 * Where the media library stores files: local files under PUBLIC_DIR/uploads (development, tests,
 * the one-machine stack), or an S3-compatible bucket that every CMS instance sees
 * (UPLOAD_PROVIDER=aws-s3: docker-compose.scale.yml's radosgw, or AWS, or any S3 server).
 */
const uploadProvider = (env: CmsEnv) => {
  if (env.UPLOAD_PROVIDER !== 'aws-s3') return {};
  return {
    provider: 'aws-s3',
    providerOptions: {
      // The files' public URLs: the bucket's public address (or a CDN's), then uploads/<hash><ext>.
      baseUrl: env.UPLOAD_S3_PUBLIC_URL,
      rootPath: 'uploads',
      s3Options: {
        ...(env.UPLOAD_S3_ENDPOINT ? { endpoint: env.UPLOAD_S3_ENDPOINT } : {}),
        region: env.UPLOAD_S3_REGION,
        forcePathStyle: env.UPLOAD_S3_FORCE_PATH_STYLE,
        credentials: { accessKeyId: env.UPLOAD_S3_ACCESS_KEY_ID, secretAccessKey: env.UPLOAD_S3_SECRET_ACCESS_KEY },
        // The AWS SDK adds CRC32 checksums (trailing, with chunked encoding) to every upload and
        // checks them on every download since 2025; servers other than AWS's (radosgw, MinIO
        // releases before then, R2…) refuse or mangle such uploads. Only when an operation needs it.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // The site and readers fetch the files by their public URL, without signing.
        params: { Bucket: env.UPLOAD_S3_BUCKET, ACL: 'public-read' },
      },
    },
  };
};

export default () => {
  const env = cmsEnv();
  const { isProduction } = env;
  return {
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        // Explicit limits: a query may nest 8 levels (a plan's priority areas' seo is 4) and
        // return at most MAX_PAGE_SIZE items per list (more is refused, see pageSizeLimit.ts);
        // a list without pagination gets 25.
        depthLimit: 8,
        defaultLimit: 25,
        maxLimit: MAX_PAGE_SIZE,
        // Apollo's landing page loads its sandbox from Apollo's CDN, so it stays off unless a
        // developer asks for it (GRAPHQL_PLAYGROUND=true), and is never served in production.
        landingPage: () => (!isProduction && env.GRAPHQL_PLAYGROUND ? true : ApolloServerPluginLandingPageDisabled()),
        // The schema is committed (schema.graphql) and written by `pnpm --filter @malardalsradet/cms generate`,
        // so nothing needs introspection in production.
        generateArtifacts: false,
        apolloServer: {
          introspection: !isProduction,
          // The plugin's own CORS would answer every origin with `*` after the CMS's CORS
          // (config/middlewares.ts: strapi::cors, which runs for /graphql as for every path) has
          // answered: off, so the configured origins are the only ones.
          cors: false,
          // No "Did you mean …?" in production's errors: they spell out the schema.
          hideSchemaDetailsFromClientErrors: isProduction,
          // Strapi appends these to its own (its depthLimit rule, its landing page and argument
          // plugins): the aliases limit and the query cost (src/graphql/queryCost.ts), and
          // introspection for callers with credentials only (src/graphql/introspectionGuard.ts).
          // (Strapi's depth rule followed fragment cycles until the stack overflowed: see
          // patches/graphql-depth-limit@1.1.0.patch.) In production, errors without suggestions
          // (src/graphql/clientErrors.ts).
          validationRules: [maxAliasesValidationRule()],
          plugins: [queryCostPlugin(), introspectionGuardPlugin(), ...(isProduction ? [noSuggestionsPlugin()] : [])],
        },
      },
    },
    upload: {
      config: {
        ...uploadProvider(env),
        sizeLimit: env.UPLOAD_MAX_FILE_SIZE,
        security: {
          // Editors publish PDFs (reports, plans) and images; anything that a browser could run
          // from the site's origin (SVG, HTML, scripts, executables) is refused.
          allowedTypes: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'],
          deniedTypes: [
            'image/svg+xml',
            'text/html',
            'application/xhtml+xml',
            'application/javascript',
            'text/javascript',
            'application/x-msdownload',
            'application/x-executable',
            'application/x-sh',
          ],
        },
      },
    },
    'users-permissions': {
      config: {
        jwtSecret: env.JWT_SECRET,
      },
    },
  };
};

import { CSP_DEFAULTS } from '@strapi/utils';
import { cmsEnv } from '../src/config/env';

/**
 * Strapi's content security policy, plus the bucket's origin when uploads are on S3
 * (UPLOAD_S3_PUBLIC_URL): the media library shows the files' previews from there.
 */
const security = () => {
  const { UPLOAD_PROVIDER, UPLOAD_S3_PUBLIC_URL } = cmsEnv();
  if (UPLOAD_PROVIDER !== 'aws-s3' || !UPLOAD_S3_PUBLIC_URL) return 'strapi::security';
  const media = new URL(UPLOAD_S3_PUBLIC_URL).origin;
  return {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': [...CSP_DEFAULTS['connect-src'], media],
          'img-src': [...CSP_DEFAULTS['img-src'], media],
          'media-src': [...CSP_DEFAULTS['media-src'], media],
          upgradeInsecureRequests: null,
        },
      },
    },
  };
};

export default () => [
  // First: nothing may read the client's address before forwarded headers are checked.
  'global::trusted-proxies',
  'strapi::logger',
  'strapi::errors',
  security(),
  {
    name: 'strapi::cors',
    config: {
      // Only the public site (and the admin itself, same origin) calls the CMS from a browser.
      origin: cmsEnv().CORS_ORIGINS,
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  'global::page-size-limit',
  {
    // Multipart bodies on the upload routes only, and every temporary file removed when its
    // request ends (src/access/requestBody.ts wraps Strapi's parser).
    name: 'strapi::body',
    config: {
      jsonLimit: '1mb',
      formLimit: '1mb',
      textLimit: '1mb',
      formidable: {
        // Reports and plans are PDFs of a few megabytes; 50 MB leaves room without inviting abuse.
        // Formidable counts it for all the files of one request together.
        maxFileSize: cmsEnv().UPLOAD_MAX_FILE_SIZE,
        // The media library sends a file's details as one field beside it; the content API a few more.
        maxFields: 100,
        maxFieldsSize: 1024 * 1024,
      },
    },
  },
  // Uploads are judged by their content, and images by their size in pixels, before the media
  // library takes them.
  { name: 'global::upload-content', config: { maxImagePixels: cmsEnv().UPLOAD_MAX_IMAGE_PIXELS } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

/**
 * What the site's API token may do, and nothing more: read the content types it shows (`find`,
 * and `findOne` for the collections; drafts too, for the preview, since tokens see drafts). No
 * users, roles, upload listing or anything else: a read-only token of Strapi's own kind reads
 * every content API, /api/users-permissions/roles included.
 */
export const SITE_TOKEN_PERMISSIONS = [
  ...['goal', 'plan', 'report', 'priority-area'].flatMap((type) => [`api::${type}.${type}.find`, `api::${type}.${type}.findOne`]),
  'api::organisation.organisation.find',
  'api::accessibility-statement.accessibility-statement.find',
];

export const SITE_TOKEN_DESCRIPTION = 'Webbplatsen läser publicerat innehåll (och utkast för förhandsgranskning) med denna nyckel.';

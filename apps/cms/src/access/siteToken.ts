import permissions from './siteTokenPermissions.json';

/**
 * What the site's API token may do, and nothing more: read the content types it shows (`find`,
 * and `findOne` for the collections; drafts too, for the preview, since tokens see drafts). No
 * users, roles, upload listing or anything else: a read-only token of Strapi's own kind reads
 * every content API, /api/users-permissions/roles included. The list is JSON so that the test
 * support, which Node also runs directly as ES modules (benchmarks), reads the same one.
 */
export const SITE_TOKEN_PERMISSIONS: string[] = permissions;

export const SITE_TOKEN_DESCRIPTION = 'Webbplatsen läser publicerat innehåll (och utkast för förhandsgranskning) med denna nyckel.';

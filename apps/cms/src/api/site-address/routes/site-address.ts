// GET /api/site-addresses (the site contract's FORMER_ADDRESSES_API_PATH): what the site's old
// addresses answer now, read by the site with its read token (action
// api::site-address.site-address.find, in src/access/siteToken.json). No content type: the
// addresses are kept in a table of the CMS's own (src/addresses/store.ts).
export default {
  routes: [{ method: 'GET', path: '/site-addresses', handler: 'site-address.find', config: { policies: [] } }],
};

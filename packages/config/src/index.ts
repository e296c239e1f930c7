// Configuration helpers shared by the CMS (apps/cms, CommonJS: it requires dist/) and the site
// (apps/web: its build and its server, which read the source). The site's own variables, which
// its code and its server both read, are in './siteEnv.ts' (`@malardalsradet/config/site`).
export * from './env.ts';
export * from './trustedProxies.ts';

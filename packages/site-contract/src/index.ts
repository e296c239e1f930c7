// The contract between the CMS (apps/cms, CommonJS) and the site (apps/web: its build and its
// server, ESM). Each side imports it; nothing of it is copied into either app.
export * from './locales.ts';
export * from './sitePaths.ts';
export * from './webhook.ts';
export * from './siteStatus.ts';
export * from './preview.ts';
export * from './securityHeaders.ts';
export * from './feedback.ts';
export * from './formerAddresses.ts';

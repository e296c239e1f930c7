// The site's addresses are the contract's (packages/site-contract/src/sitePaths.ts), shared with
// the CMS, which needs them for redirects, link checks and links to the live page.
export * from '@malardalsradet/site-contract/sitePaths';

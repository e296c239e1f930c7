// Everything the site and the tests import comes from the generated file. The extension is
// explicit because the site server loads this with Node's own TypeScript support.
export * from './generated/graphql.ts';

// Everything the site and the tests import comes from the generated file.
export * from './generated/graphql';

// The formatter for the whole workspace (`npm run format`; `npm run lint` checks it). The options
// follow the style the code was written in, so that adopting the formatter changed little.
/** @type {import('prettier').Config} */
export default {
  singleQuote: true,
  trailingComma: 'all',
  printWidth: 150,
  plugins: ['prettier-plugin-astro'],
  overrides: [{ files: '*.astro', options: { parser: 'astro' } }],
};

// Types that the TypeScript compiler alone lacks for Astro components, which Astro's own checker
// (`astro check`) provides: ESLint's type-aware rules see .astro files through tsconfig.eslint.json,
// which adds this file. Left out of tsconfig.json so that it cannot hide a wrong import there.

/** An imported .astro component. */
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}

/**
 * The JSX of Astro templates. Astro's own `Element` is `HTMLElement | any` (it serves every UI
 * framework), which would make every template expression `any` to the type-aware rules.
 */
declare namespace JSX {
  type Element = HTMLElement;
  type ElementType = keyof IntrinsicElements | import('astro/runtime/server/index.js').AstroComponentFactory;
  type IntrinsicElements = astroHTML.JSX.IntrinsicElements;
  type IntrinsicAttributes = astroHTML.JSX.IntrinsicAttributes;
  type ElementChildrenAttribute = astroHTML.JSX.ElementChildrenAttribute;
}

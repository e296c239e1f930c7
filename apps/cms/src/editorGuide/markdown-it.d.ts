// The few parts of markdown-it (14) the guide's rendering uses; the package ships no types.
declare module 'markdown-it' {
  interface Token {
    type: string;
    tag: string;
    content: string;
    children: Token[] | null;
    attrSet(name: string, value: string): void;
  }
  interface StateCore {
    tokens: Token[];
  }
  class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean; typographer?: boolean });
    core: { ruler: { push(name: string, rule: (state: StateCore) => void): void } };
    render(source: string): string;
  }
  export default MarkdownIt;
}

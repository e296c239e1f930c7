import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import Blocks from './Blocks.astro';

const render = async (blocks: unknown) => (await AstroContainer.create()).renderToString(Blocks, { props: { blocks } });

describe('<Blocks>', () => {
  it('renders rich text as semantic HTML', async () => {
    const html = await render([
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Rubrik' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Viktigt', bold: true },
          { type: 'text', text: ' och ' },
          { type: 'link', url: 'https://www.digg.se/tdosanmalan', children: [{ type: 'text', text: 'Digg' }] },
        ],
      },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'Punkt' }] }] },
      { type: 'quote', children: [{ type: 'text', text: 'Citat' }] },
    ]);
    expect(html).toContain('<h2>Rubrik</h2>');
    expect(html).toContain('<strong>Viktigt</strong>');
    expect(html).toContain('<a href="https://www.digg.se/tdosanmalan">Digg</a>');
    expect(html).toContain('<ul><li>Punkt</li></ul>');
    expect(html).toContain('<blockquote><p>Citat</p></blockquote>');
  });

  it('escapes script tags and raw HTML in content, and drops javascript: links', async () => {
    const html = await render([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: '<script>alert("xss")</script><img src=x onerror=alert(1)>' },
          { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'Klicka här' }] },
        ],
      },
      { type: 'code', children: [{ type: 'text', text: '</code><script>alert(2)</script>' }] },
    ]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).toContain('Klicka här');
    expect(html).toContain('<pre><code>&lt;/code&gt;&lt;script&gt;alert(2)&lt;/script&gt;</code></pre>');
  });
});

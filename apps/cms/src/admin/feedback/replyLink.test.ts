import { describe, expect, it } from 'vitest';
import { replyLink } from './replyLink';

describe('replyLink', () => {
  it('writes to the reader with a Swedish subject naming the page, and quotes the message', () => {
    const link = new URL(replyLink('lasare@example.se', '/verksamhetsplaner/2018/', 'Rad ett\nrad två & mer'));
    expect(link.protocol).toBe('mailto:');
    expect(link.pathname).toBe('lasare@example.se');
    expect(link.searchParams.get('subject')).toBe('Svar på din synpunkt om /verksamhetsplaner/2018/');
    expect(link.searchParams.get('body')).toBe('\n\n\nDu skrev till Mälardalsrådet:\n> Rad ett\n> rad två & mer');
    // Spaces as %20: mail programs read "+" as a plus sign.
    expect(link.href).not.toContain('+');
  });

  it('has a subject without a page when the reader named none, and quotes at most 1,000 characters', () => {
    const link = new URL(replyLink('a@example.se', '  ', 'x'.repeat(3000)));
    expect(link.searchParams.get('subject')).toBe('Svar på din synpunkt');
    expect(link.searchParams.get('body')).toBe(`\n\n\nDu skrev till Mälardalsrådet:\n> ${'x'.repeat(1000)} …`);
  });

  it('keeps an address with unusual characters one recipient', () => {
    const link = replyLink('namn+etikett@example.se', '', 'Hej');
    expect(link.startsWith('mailto:namn%2Betikett@example.se?subject=')).toBe(true);
  });
});

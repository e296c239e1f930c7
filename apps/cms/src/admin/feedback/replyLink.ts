/** How much of the reader's message the reply quotes: a mailto link of a few kB opens everywhere. */
const QUOTE_MAX_LENGTH = 1000;

/**
 * A mailto link answering a reader's feedback: to their address, with a Swedish subject naming
 * the page it was about, and their message quoted below the editor's answer.
 */
export const replyLink = (address: string, page: string, message: string): string => {
  const subject = page.trim() ? `Svar på din synpunkt om ${page.trim()}` : 'Svar på din synpunkt';
  const quoted = message.length > QUOTE_MAX_LENGTH ? `${message.slice(0, QUOTE_MAX_LENGTH)} …` : message;
  const body = `\n\n\nDu skrev till Mälardalsrådet:\n${quoted
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')}`;
  // encodeURIComponent, not URLSearchParams: mail programs read "+" as a plus sign, not a space.
  return `mailto:${encodeURIComponent(address).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
};

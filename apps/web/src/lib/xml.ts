// Characters XML 1.0 does not allow at all (C0 controls other than tab, LF and CR; unpaired
// surrogates; U+FFFE and U+FFFF). Editors paste them from word processors (Word's vertical tab
// for a line break): one in a feed makes every reader refuse the whole document.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML content and attribute values: escaped, and without characters XML forbids. */
export const escapeXml = (text: string): string =>
  text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

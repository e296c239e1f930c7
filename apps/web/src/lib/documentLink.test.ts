import { describe, expect, it } from 'vitest';
import { documentLinkText, fileTypeLabel, formatFileSize } from './documentLink';

describe('document links', () => {
  it('formats sizes the way each language writes them', () => {
    expect(formatFileSize(1234.5, 'sv')).toBe('1,2 MB');
    expect(formatFileSize(1234.5, 'en')).toBe('1.2 MB');
    expect(formatFileSize(850.2, 'sv')).toBe('850 kB');
    expect(formatFileSize(0.2, 'en')).toBe('1 kB');
  });

  it('names the file type from the extension, or the MIME type', () => {
    expect(fileTypeLabel({ ext: '.pdf', mime: 'application/pdf' })).toBe('PDF');
    expect(fileTypeLabel({ ext: null, mime: 'application/pdf' })).toBe('PDF');
  });

  it('puts title, type and size in the link text', () => {
    const file = { url: '/uploads/vb2017.pdf', ext: '.pdf', mime: 'application/pdf', size: 1234.5 };
    expect(documentLinkText('Verksamhetsberättelse 2017', file, 'sv')).toBe('Verksamhetsberättelse 2017 (PDF, 1,2 MB)');
    expect(documentLinkText('Annual report 2017', file, 'en')).toBe('Annual report 2017 (PDF, 1.2 MB)');
  });

  it("says the file's language when it is not the page's", () => {
    const file = { url: '/uploads/vb2025.pdf', ext: '.pdf', mime: 'application/pdf', size: 0.9 };
    expect(documentLinkText('Annual report 2025', file, 'en', 'sv')).toBe('Annual report 2025 (PDF, 1 kB, in Swedish)');
    expect(documentLinkText('Verksamhetsberättelse 2025', file, 'sv', 'en')).toBe('Verksamhetsberättelse 2025 (PDF, 1 kB, på engelska)');
    expect(documentLinkText('Annual report 2025', file, 'en', 'en')).toBe('Annual report 2025 (PDF, 1 kB)');
  });
});

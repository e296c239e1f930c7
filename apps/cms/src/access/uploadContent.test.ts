import { describe, expect, it } from 'vitest';
import { assertUploadContent, detectUploadKind } from './uploadContent';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

describe('upload content', () => {
  it('tells the accepted types by their content', () => {
    expect(detectUploadKind(PDF)).toBe('application/pdf');
    expect(detectUploadKind(PNG)).toBe('image/png');
    expect(detectUploadKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectUploadKind(Buffer.from('GIF89a....'))).toBe('image/gif');
    expect(detectUploadKind(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(detectUploadKind(Buffer.from('\u0000\u0000\u0000\u001cftypavif', 'latin1'))).toBe('image/avif');
    expect(detectUploadKind(HTML)).toBeUndefined();
  });

  it('does not take a "%PDF" that carries markup, or one without its end', () => {
    expect(detectUploadKind(Buffer.concat([PDF.subarray(0, 20), Buffer.from('<script>alert(1)</script>'), PDF.subarray(20)]))).toBeUndefined();
    expect(detectUploadKind(Buffer.from('%PDF-1.4\n<html><body>hej</body></html>'))).toBeUndefined();
    expect(detectUploadKind(Buffer.from('%PDF-1.4\n1 0 obj'))).toBeUndefined();
  });

  it('refuses, in Swedish, content that is not what the name or the declared type says', () => {
    expect(() => assertUploadContent({ name: 'plan.pdf', declaredType: 'application/pdf', body: HTML })).toThrow(
      'Filen "plan.pdf" kan inte laddas upp: innehållet är inte en PDF eller en bild',
    );
    expect(() => assertUploadContent({ name: 'plan.pdf', declaredType: 'application/pdf', body: PNG })).toThrow(
      'Filen "plan.pdf" kan inte laddas upp: namnet säger en PDF, men innehållet är en PNG-bild. Ge filen rätt ändelse (.png)',
    );
    expect(() => assertUploadContent({ name: 'bild.png', declaredType: 'image/jpeg', body: PNG })).toThrow(/innehållet är en PNG-bild/);
    expect(() => assertUploadContent({ name: 'plan.pdf', declaredType: 'application/pdf', body: PDF })).not.toThrow();
    expect(() => assertUploadContent({ name: 'Bild.PNG', declaredType: 'application/octet-stream', body: PNG })).not.toThrow();
  });
});

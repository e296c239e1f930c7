import { describe, expect, it } from 'vitest';
import { cms } from './support/contentApi';

const upload = async (name: string, type: string, content: string, route = '/upload') => {
  const form = new FormData();
  form.append('files', new Blob([content], { type }), name);
  const response = await fetch(`${cms().url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cms().adminJwt}` },
    body: form,
  });
  return { status: response.status, body: await response.text() };
};

const MINIMAL_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

describe('uploads', () => {
  it('accepts a PDF', async () => {
    const { status, body } = await upload('verksamhetsplan.pdf', 'application/pdf', MINIMAL_PDF);
    expect(status, body).toBe(201);
    expect(body).toContain('application/pdf');
  });

  it.each([
    [
      'a .pdf that is an HTML page',
      'verksamhetsplan.pdf',
      'application/pdf',
      '<!doctype html><html><body><script>alert(1)</script></body></html>',
      /innehållet är inte en PDF eller en bild/,
    ],
    [
      'a %PDF with a script in it',
      'verksamhetsplan.pdf',
      'application/pdf',
      MINIMAL_PDF.replace('trailer', '<script>alert(1)</script>\ntrailer'),
      /innehållet är inte en PDF eller en bild/,
    ],
    ['a PDF named as an image', 'bild.png', 'image/png', MINIMAL_PDF, /namnet säger en PNG-bild, men innehållet är en PDF/],
  ])('refuses %s, saying why in Swedish', async (_label, name, type, content, message) => {
    const { status, body } = await upload(name, type, content);
    expect(status, body).toBe(400);
    expect(body).toMatch(message);
  });

  it.each([
    ['logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['sida.html', 'text/html', '<!doctype html><html><body><script>alert(1)</script></body></html>'],
    ['program.exe', 'application/x-msdownload', 'MZ\u0090\u0000\u0003\u0000\u0000\u0000'],
  ])('refuses %s', async (name, type, content) => {
    const { status, body } = await upload(name, type, content);
    expect(status, body).toBeGreaterThanOrEqual(400);
    expect(status, body).toBeLessThan(500);
  });

  // The new media library uploads through /upload/files; the content check covers every route.
  it("refuses a .pdf that is an HTML page through the media library's /upload/files too", async () => {
    const { status, body } = await upload(
      'falsk.pdf',
      'application/pdf',
      '<!doctype html><html><body><script>alert(1)</script></body></html>',
      '/upload/files',
    );
    expect(status, body).toBe(400);
    expect(body).toMatch(/innehållet är inte en PDF eller en bild/);
  });

  it.each(['/upload/actions/upload-from-urls', '/UPLOAD/Actions/Upload-From-Urls/'])(
    'refuses to fetch files from a URL (%s), saying what to do instead',
    async (route) => {
      const response = await fetch(`${cms().url}${route}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cms().adminJwt}`, 'content-type': 'application/json' },
        body: JSON.stringify({ urls: ['http://127.0.0.1:5432/'] }),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/Det går inte att hämta filer från en webbadress/);
    },
  );
});

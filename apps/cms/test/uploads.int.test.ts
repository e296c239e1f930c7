import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type CmsProcess } from '@malardalsradet/test-support/cmsProcess';
import { cms } from './support/contentApi';
import { blackPng } from '@malardalsradet/test-support/images';

const upload = async (name: string, type: string, content: string | Uint8Array<ArrayBuffer>, route = '/upload') => {
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

describe('image size', () => {
  it('refuses an image of 12,000 × 12,000 pixels at once, telling the editor in Swedish what to do', async () => {
    const poster = blackPng(12_000, 12_000);
    // Small on disk, but 144 megapixels: Strapi's thumbnails and formats would decode all of them.
    expect(poster.length).toBeLessThan(200_000);
    const started = Date.now();
    const { status, body } = await upload('affisch.png', 'image/png', new Uint8Array(poster));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(status, body).toBe(400);
    const { error } = JSON.parse(body) as { error: { message: string } };
    expect(error.message).toMatch(
      /^Bilden "affisch\.png" är för stor: 12\s000 × 12\s000 pixlar \(144 megapixlar\)\. Största tillåtna är 40 megapixlar/,
    );
  });

  it('accepts an ordinary image', async () => {
    const { status, body } = await upload('liten.png', 'image/png', new Uint8Array(blackPng(800, 600)));
    expect(status, body).toBe(201);
    expect(body).toContain('"width":800');
  });
});

// A CMS of its own, with a temporary folder of its own that the test can list.
describe('temporary files of refused uploads', () => {
  let own: CmsProcess;
  let tmp: string;
  beforeAll(async () => {
    tmp = path.join(mkdtempSync(path.join(os.tmpdir(), 'cms-tmpdir-')), 'tmp');
    mkdirSync(tmp);
    own = await startCms({ TMPDIR: tmp });
  });
  afterAll(() => own?.stop());

  const FIVE_MB = 5 * 1024 * 1024;
  // An attacker's made-up token: the CMS has to read the body before Strapi finds it is no token.
  const FORGED = { authorization: 'Bearer inte-en-riktig-nyckel' };
  // Refused for different reasons: a forged token (under a field name other than Strapi's
  // `files`), a content check that fails, no credentials at all, and paths that take no files.
  const REFUSED: { route: string; field: string; headers: Record<string, string>; content: () => Uint8Array<ArrayBuffer> }[] = [
    {
      route: '/api/upload',
      field: 'document',
      headers: FORGED,
      content: () => Buffer.from(MINIMAL_PDF.replace('trailer', `%${'x'.repeat(FIVE_MB)}\ntrailer`)),
    },
    { route: '/api/upload', field: 'files', headers: FORGED, content: () => new Uint8Array(FIVE_MB) },
    { route: '/upload', field: 'files', headers: {}, content: () => new Uint8Array(FIVE_MB) },
    { route: '/api/plans', field: 'files', headers: {}, content: () => new Uint8Array(FIVE_MB) },
    { route: '/admin/login', field: 'attachment', headers: FORGED, content: () => new Uint8Array(FIVE_MB) },
  ];

  it('leaves nothing behind after 20 refused uploads of 5 MB, by anonymous clients, forged tokens and on paths that take no files', async () => {
    const before = readdirSync(tmp, { recursive: true }).sort();
    for (let round = 0; round < 4; round++) {
      for (const { route, field, headers, content } of REFUSED) {
        const form = new FormData();
        form.append(field, new Blob([content()], { type: 'application/pdf' }), 'plan.pdf');
        const response = await fetch(`${own.url}${route}`, { method: 'POST', headers, body: form });
        const text = await response.text();
        expect(response.status, `${route} ${field}: ${text}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${route} ${field}: ${text}`).toBeLessThan(500);
      }
    }
    expect(readdirSync(tmp, { recursive: true }).sort()).toEqual(before);
  });

  it('leaves nothing behind when a client goes away in the middle of an upload', async () => {
    const before = readdirSync(tmp, { recursive: true }).sort();
    const boundary = 'grans';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="plan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`;
    const request = http.request(`${own.url}/api/upload`, {
      method: 'POST',
      headers: { ...FORGED, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + FIVE_MB) },
    });
    request.on('error', () => {});
    request.write(head);
    request.write(Buffer.alloc(1024 * 1024, 'x'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The part received so far is on disk, in this CMS's temporary folder.
    expect(readdirSync(tmp, { recursive: true }).length).toBeGreaterThan(before.length);
    request.destroy();
    // The CMS learns of it from the closed connection; give it a moment.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && readdirSync(tmp, { recursive: true }).length !== before.length) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(readdirSync(tmp, { recursive: true }).sort()).toEqual(before);
    // …and it still answers.
    expect((await fetch(`${own.url}/_health`)).status).toBe(204);
  });

  it('reads no file from a client without credentials, and says so', async () => {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(FIVE_MB)], { type: 'application/pdf' }), 'plan.pdf');
    const response = await fetch(`${own.url}/api/upload`, { method: 'POST', body: form });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/needs credentials/);
  });

  it('says that a path takes no files', async () => {
    const form = new FormData();
    form.append('files', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'plan.pdf');
    const response = await fetch(`${own.url}/api/plans`, { method: 'POST', body: form });
    expect(response.status).toBe(415);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/multipart/);
  });
});

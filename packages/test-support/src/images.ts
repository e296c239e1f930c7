import { crc32, deflateSync } from 'node:zlib';

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
};

/**
 * A valid black-and-white PNG of the given size (1 bit per pixel, all black). Its content
 * compresses to almost nothing, so a 12,000 × 12,000 image weighs a few kilobytes: what an
 * editor's scanned poster or an attacker's "pixel bomb" looks like to the CMS.
 */
export const blackPng = (width: number, height: number): Buffer => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  // Each row: a filter byte (0) and width bits of pixels, all zero.
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** An uploaded file as the admin's upload route answers it. */
export type UploadedFile = Record<string, unknown> & { id: number; name: string; url: string; hash: string };

/** Uploads a small black PNG to the media library, as an editor with this admin session. */
export const uploadImage = async (cmsUrl: string, jwt: string, name: string): Promise<UploadedFile> => {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(blackPng(40, 30))], { type: 'image/png' }), name);
  const response = await fetch(`${cmsUrl}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  const [file] = (await response.json()) as UploadedFile[];
  if (response.status !== 201 || !file) throw new Error(`Upload of ${name} failed: ${response.status}`);
  return file;
};

// What Strapi's block editor copies of a file into the text (content-manager's Blocks/Image IMAGE_SCHEMA_FIELDS).
const IMAGE_SCHEMA_FIELDS = [
  'name',
  'alternativeText',
  'url',
  'caption',
  'width',
  'height',
  'formats',
  'hash',
  'ext',
  'mime',
  'size',
  'previewUrl',
  'provider',
  'provider_metadata',
  'createdAt',
  'updatedAt',
];

/**
 * A rich-text image node as the block editor stores it: a copy of the file, with the CMS's
 * address and the file name as the alt text when the file had none (its fallback).
 */
export const imageBlock = (cmsUrl: string, file: UploadedFile) => ({
  type: 'image',
  image: {
    ...Object.fromEntries(IMAGE_SCHEMA_FIELDS.map((field) => [field, file[field]])),
    alternativeText: typeof file.alternativeText === 'string' && file.alternativeText ? file.alternativeText : file.name,
    url: `${cmsUrl}${file.url}`,
  },
  children: [{ type: 'text', text: '' }],
});

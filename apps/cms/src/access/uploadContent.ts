import { errors } from '@strapi/utils';

/**
 * What an uploaded file is, judged by its content, and whether that agrees with its name and
 * declared type. Our own small table rather than a general detection library: the CMS takes six
 * types only (config/plugins.ts: upload), and a PDF needs more than its first bytes checked (an
 * HTML page that starts with "%PDF" is not one).
 */
export type UploadKind = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/avif';

const NAMES: Record<UploadKind, string> = {
  'application/pdf': 'en PDF',
  'image/jpeg': 'en JPEG-bild',
  'image/png': 'en PNG-bild',
  'image/gif': 'en GIF-bild',
  'image/webp': 'en WebP-bild',
  'image/avif': 'en AVIF-bild',
};

const EXTENSIONS: Record<string, UploadKind> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

const startsWith = (body: Buffer, bytes: number[] | string, at = 0) =>
  (typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes)).equals(body.subarray(at, at + bytes.length));

// Markup a browser would run or render, which has no place in a PDF or an image.
const MARKUP = /<(script|html|body|iframe|svg|!doctype)[\s>]/i;

/** The type a file's content shows, or undefined when it is none of those the CMS takes. */
export const detectUploadKind = (body: Buffer): UploadKind | undefined => {
  if (startsWith(body, '%PDF-')) {
    const tail = body.subarray(Math.max(0, body.length - 1024)).toString('latin1');
    return tail.includes('%%EOF') && !MARKUP.test(body.toString('latin1')) ? 'application/pdf' : undefined;
  }
  if (startsWith(body, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(body, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(body, 'GIF87a') || startsWith(body, 'GIF89a')) return 'image/gif';
  if (startsWith(body, 'RIFF') && startsWith(body, 'WEBP', 8)) return 'image/webp';
  if (startsWith(body, 'ftypavif', 4) || startsWith(body, 'ftypavis', 4)) return 'image/avif';
  return undefined;
};

/**
 * Refuses a file whose content is not what its name and declared type say, with a message for
 * the editor in Swedish (the admin shows it in the upload dialog).
 */
export const assertUploadContent = (file: { name: string; declaredType?: string; body: Buffer }): void => {
  const detected = detectUploadKind(file.body);
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  const byName = EXTENSIONS[extension];
  if (!detected) {
    throw new errors.ValidationError(
      `Filen "${file.name}" kan inte laddas upp: innehållet är inte en PDF eller en bild (JPEG, PNG, GIF, WebP eller AVIF). ` +
        'Spara den som PDF eller bild och försök igen.',
    );
  }
  // A declared type is a claim only when it names a type (browsers send octet-stream when unsure).
  const declared = file.declaredType === 'image/jpg' ? 'image/jpeg' : file.declaredType;
  const claims = declared !== undefined && declared !== 'application/octet-stream';
  if (byName !== detected || (claims && declared !== detected)) {
    throw new errors.ValidationError(
      `Filen "${file.name}" kan inte laddas upp: namnet säger ${byName ? NAMES[byName] : 'en annan filtyp'}, men innehållet är ${NAMES[detected]}. ` +
        `Ge filen rätt ändelse (.${Object.keys(EXTENSIONS).find((key) => EXTENSIONS[key] === detected)}) och försök igen.`,
    );
  }
};

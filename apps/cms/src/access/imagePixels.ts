import { errors } from '@strapi/utils';
import sharp from 'sharp';

/*
 * The largest image the CMS takes, in pixels (UPLOAD_MAX_IMAGE_PIXELS, src/config/env.ts). Strapi's image processing
 * (sharp: thumbnail, responsive formats) decodes the whole image several times over, about 5 bytes
 * a pixel at its peak, so that a small file of many pixels costs seconds and hundreds of megabytes
 * (measured: README.md, Figures). 40 megapixels (about 200 MB at the peak) takes any photo from a
 * phone (12–50 MP, usually saved at 12) or a camera up to 45 MP saved at 40 or less, and is
 * many times what the site shows: its widest image is under 2,000 pixels.
 */

const number = (value: number, fractionDigits = 0) => value.toLocaleString('sv-SE', { maximumFractionDigits: fractionDigits });

/** An example size at the limit, in the 3:2 of most cameras, rounded down to hundreds. */
const exampleAtLimit = (maxPixels: number) => {
  const width = Math.floor(Math.sqrt(maxPixels * 1.5) / 100) * 100;
  const height = Math.floor(width / 1.5 / 100) * 100;
  return `${number(width)} × ${number(height)} pixlar`;
};

/**
 * Refuses an image of more than maxPixels pixels with a message for the editor in Swedish (the
 * admin shows it in the upload dialog). The size comes from the image's header (sharp's
 * metadata(): nothing is decoded), so a refusal costs milliseconds whatever the image's size.
 */
export const assertImagePixels = async (file: { name: string; filepath: string }, maxPixels: number): Promise<void> => {
  let width: number | undefined;
  let height: number | undefined;
  try {
    // No pixel limit of sharp's own here: it would refuse the very images this measures.
    ({ width, height } = await sharp(file.filepath, { limitInputPixels: false }).metadata());
  } catch {
    width = undefined;
  }
  if (!width || !height) {
    throw new errors.ValidationError(
      `Bilden "${file.name}" kan inte laddas upp: den går inte att läsa. Spara den på nytt i ett bildprogram och försök igen.`,
    );
  }
  if (width * height > maxPixels) {
    throw new errors.ValidationError(
      `Bilden "${file.name}" är för stor: ${number(width)} × ${number(height)} pixlar (${number((width * height) / 1e6, 1)} megapixlar). ` +
        `Största tillåtna är ${number(maxPixels / 1e6, 1)} megapixlar, till exempel ${exampleAtLimit(maxPixels)}. ` +
        'Minska bilden i ett bildprogram och ladda upp den igen.',
    );
  }
};

import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { attachmentLimits } from '../domain/attachment-limits.js';
import { luminanceFromRgba, photoQuality, type PhotoQuality } from '../domain/photo-quality.js';

export type ImageType = 'jpeg' | 'png';

/** What a file is, by its first bytes: a name or a MIME type sent along proves nothing. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg';
  }
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((byte, i) => bytes[i] === byte)) return 'png';
  return null;
}

/** Why an image was refused; `message` is for the customer. */
export class ImageRefused extends Error {
  constructor(
    readonly reason: 'not_an_image' | 'too_large' | 'too_small' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'ImageRefused';
  }
}

export type CheckedPhoto = {
  type: ImageType;
  width: number;
  height: number;
  bytes: Uint8Array;
  quality: PhotoQuality;
};

/**
 * A page photographed by the kiosk's camera: a JPEG or PNG by its magic bytes, within the size
 * limits, decodable in full (a truncated file would make a broken PDF), with its quality verdict.
 */
export function checkPhoto(bytes: Uint8Array): CheckedPhoto {
  const type = imageTypeOf(bytes);
  if (!type) {
    throw new ImageRefused('not_an_image', 'El archivo no es una foto (solo JPEG o PNG).');
  }
  if (bytes.byteLength > attachmentLimits.maxPhotoBytes) {
    throw new ImageRefused('too_large', 'La foto es demasiado grande. Sacala de nuevo.');
  }
  const image = decode(bytes, type);
  if (Math.min(image.width, image.height) < attachmentLimits.minPhotoSide) {
    throw new ImageRefused(
      'too_small',
      'La foto es muy chica para leerse. Acercá el documento y sacala de nuevo.',
    );
  }
  const quality = photoQuality(luminanceFromRgba(image.data, image.width, image.height));
  return { type, width: image.width, height: image.height, bytes, quality };
}

/** The finger signature: a PNG (what signature_pad exports), small, and readable. */
export function checkSignature(bytes: Uint8Array): { width: number; height: number } {
  if (imageTypeOf(bytes) !== 'png') {
    throw new ImageRefused('not_an_image', 'La firma no llegó bien. Firmá de nuevo.');
  }
  if (bytes.byteLength > attachmentLimits.maxSignatureBytes) {
    throw new ImageRefused('too_large', 'La firma no llegó bien. Firmá de nuevo.');
  }
  const { width, height } = decode(bytes, 'png');
  return { width, height };
}

function decode(bytes: Uint8Array, type: ImageType) {
  try {
    if (type === 'png') {
      // IHDR comes first in every PNG: check the declared size before decoding a single row.
      const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      guardPixels(header.getUint32(16), header.getUint32(20));
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    }
    return jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      // A few bytes can declare a gigantic image: bound what decoding may allocate.
      maxResolutionInMP: attachmentLimits.maxPhotoMegapixels,
      maxMemoryUsageInMB: attachmentLimits.maxPhotoMegapixels * 4 + 64,
    });
  } catch (error) {
    if (error instanceof ImageRefused) throw error;
    throw new ImageRefused('unreadable', 'No pudimos leer la foto. Sacala de nuevo.');
  }
}

function guardPixels(width: number, height: number) {
  if (width * height > attachmentLimits.maxPhotoMegapixels * 1_000_000) {
    throw new ImageRefused('too_large', 'La foto es demasiado grande. Sacala de nuevo.');
  }
}

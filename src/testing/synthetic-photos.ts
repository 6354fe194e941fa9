import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** An RGBA image as a canvas or a JPEG decoder gives it. */
export type RgbaImage = { width: number; height: number; data: Uint8Array };

/** A small deterministic generator, so a test's "random" page is the same page every run. */
function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

/**
 * A photographed page: off-white paper with a little sensor noise and lines of dark "words", the
 * edges a sharp photo of printed text has.
 */
export function documentPhoto(width: number, height: number, seed = 7): RgbaImage {
  const random = seeded(seed);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const paper = 225 + Math.floor(random() * 12);
    data.set([paper, paper, paper - 6, 255], i * 4);
  }
  const glyph = Math.max(3, Math.round(width / 90));
  for (let top = glyph * 3; top + glyph * 2 < height - glyph * 3; top += glyph * 3) {
    for (let left = glyph * 3; left < width - glyph * 4;) {
      const word = glyph * (2 + Math.floor(random() * 7));
      fillRect(data, width, left, top, Math.min(word, width - glyph * 3 - left), glyph * 2, 30);
      left += word + glyph * 2;
    }
  }
  return { width, height, data };
}

function fillRect(
  data: Uint8Array,
  width: number,
  x: number,
  y: number,
  w: number,
  h: number,
  v: number,
) {
  for (let row = y; row < y + h; row++) {
    for (let col = x; col < x + w; col++) data.set([v, v, v], (row * width + col) * 4);
  }
}

/**
 * A smear of `length` pixels along a direction (dx, dy): the photo of a hand that moved. Diagonal
 * by default, so both the rows and the columns of the text lose their edges.
 */
export function motionBlur(image: RgbaImage, length: number, dx = 1, dy = 1): RgbaImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 4; channel++) {
        let sum = 0;
        for (let k = 0; k < length; k++) {
          const sx = Math.min(width - 1, x + k * dx);
          const sy = Math.min(height - 1, y + k * dy);
          sum += data[(sy * width + sx) * 4 + channel]!;
        }
        out[(y * width + x) * 4 + channel] = Math.round(sum / length);
      }
    }
  }
  return { width, height, data: out };
}

/** The same scene with `factor` of the light. */
export function darken(image: RgbaImage, factor: number): RgbaImage {
  const data = image.data.map((value, i) => (i % 4 === 3 ? value : Math.round(value * factor)));
  return { ...image, data };
}

export function encodeJpeg(image: RgbaImage, quality = 80): Uint8Array {
  return new Uint8Array(jpeg.encode(image, quality).data);
}

/** A finger signature as signature_pad exports it: a transparent PNG with a dark stroke. */
export function signaturePng(width = 600, height = 200): Uint8Array {
  const png = new PNG({ width, height });
  png.data.fill(0);
  for (let x = 20; x < width - 20; x++) {
    const y = Math.round(height / 2 + Math.sin(x / 25) * (height / 4));
    for (let dy = -3; dy <= 3; dy++) {
      const i = ((y + dy) * width + x) * 4;
      png.data.set([20, 30, 90, 255], i);
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

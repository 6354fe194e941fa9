/**
 * Is a photo of a document good enough to send? Pure functions on a luminance (grey) image, so the
 * renderer runs them on the camera's canvas before the customer confirms a page, and the kiosk core
 * runs the same ones on the JPEG it receives: both sides give the same verdict.
 */

/** One byte of luminance (0 black … 255 white) per pixel, row by row. */
export type LuminanceImage = {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
};

/**
 * Photos are measured at this width: the variance of the Laplacian grows with resolution, so a
 * threshold only means something at one fixed scale (and a small image is quick to measure).
 */
export const analysisWidth = 480;

export const photoQualityThresholds = {
  /** Below this variance of the Laplacian the text's edges are smeared: a moved or unfocused shot. */
  minSharpness: 150,
  /** Below this mean luminance the page is too dark to read once printed. */
  minBrightness: 60,
} as const;

export type PhotoProblem = 'blurry' | 'dark';

export const photoProblemMessages: Record<PhotoProblem, string> = {
  blurry:
    'La foto salió movida o desenfocada. Apoyá bien el documento, quedate quieto y sacala de nuevo.',
  dark: 'La foto está muy oscura. Buscá más luz o acercá el documento y sacala de nuevo.',
};

export type PhotoQuality = {
  /** True when nothing is wrong; the customer may still keep a page that is not. */
  ok: boolean;
  problems: PhotoProblem[];
  /** The Spanish sentences for `problems`, in the same order. */
  messages: string[];
  sharpness: number;
  brightness: number;
};

/**
 * Luminance of an RGBA buffer (a canvas' ImageData or a decoded JPEG), averaged down to
 * `analysisWidth` (never up). Rec. 601 weights: what a grey photocopy of the page would show.
 */
export function luminanceFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  targetWidth: number = analysisWidth,
): LuminanceImage {
  const factor = Math.max(1, width / targetWidth);
  const outWidth = Math.max(1, Math.floor(width / factor));
  const outHeight = Math.max(1, Math.floor(height / factor));
  const sums = new Float64Array(outWidth * outHeight);
  const counts = new Uint32Array(outWidth * outHeight);
  for (let y = 0; y < height; y++) {
    const row = Math.min(outHeight - 1, Math.floor(y / factor)) * outWidth;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const cell = row + Math.min(outWidth - 1, Math.floor(x / factor));
      sums[cell]! += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      counts[cell]! += 1;
    }
  }
  const data = new Uint8Array(outWidth * outHeight);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(sums[i]! / Math.max(1, counts[i]!));
  return { width: outWidth, height: outHeight, data };
}

export function meanLuminance(image: LuminanceImage): number {
  let sum = 0;
  for (const value of image.data) sum += value;
  return image.data.length ? sum / image.data.length : 0;
}

/** Variance of the 4-neighbour Laplacian over the inner pixels: high when edges are crisp. */
export function laplacianVariance(image: LuminanceImage): number {
  const { width, height, data } = image;
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumOfSquares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value =
        data[i - width]! + data[i + width]! + data[i - 1]! + data[i + 1]! - 4 * data[i]!;
      sum += value;
      sumOfSquares += value * value;
      count++;
    }
  }
  const mean = sum / count;
  return sumOfSquares / count - mean * mean;
}

/** The verdict on one photo, measured on an image already at (or below) `analysisWidth`. */
export function photoQuality(
  image: LuminanceImage,
  thresholds: { minSharpness: number; minBrightness: number } = photoQualityThresholds,
): PhotoQuality {
  const sharpness = laplacianVariance(image);
  const brightness = meanLuminance(image);
  // In a dark photo every edge is faint, so "movida" would be a wrong guess: light comes first.
  const problems: PhotoProblem[] =
    brightness < thresholds.minBrightness
      ? ['dark']
      : sharpness < thresholds.minSharpness
        ? ['blurry']
        : [];
  return {
    ok: problems.length === 0,
    problems,
    messages: problems.map((problem) => photoProblemMessages[problem]),
    sharpness: Math.round(sharpness * 10) / 10,
    brightness: Math.round(brightness * 10) / 10,
  };
}

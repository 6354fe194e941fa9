import {
  byteBudget,
  guideBox,
  jpegQualities,
  nextQuality,
  outputSize,
  viewToVideo,
  type GuideShape,
} from './request-flow-photo.js';

/** A page as photographed: the JPEG to send, and a data URL to show it at once. */
export interface CapturedPage {
  base64: string;
  dataUrl: string;
  bytes: number;
}

/**
 * Takes the frame on screen, crops it to the guide frame, scales it down and compresses it to a
 * JPEG within the page's budget. The canvas is emptied afterwards: only the JPEG leaves here.
 */
export async function capturePage(
  video: HTMLVideoElement,
  shape: GuideShape,
): Promise<CapturedPage> {
  const view = { width: video.clientWidth, height: video.clientHeight };
  const source = { width: video.videoWidth, height: video.videoHeight };
  if (!source.width || !source.height || !view.width || !view.height) {
    throw new Error('The camera has no picture yet');
  }
  const crop = viewToVideo(guideBox(view, shape), view, source);
  const size = outputSize(crop);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(video, crop.x, crop.y, crop.width, crop.height, 0, 0, size.width, size.height);
  try {
    let quality: number = jpegQualities[0];
    let blob = await encode(canvas, quality);
    for (;;) {
      const next = nextQuality(quality, blob.size, byteBudget(shape));
      if (next === null) break;
      quality = next;
      blob = await encode(canvas, quality);
    }
    const dataUrl = await dataUrlOf(blob);
    return { base64: dataUrl.slice(dataUrl.indexOf(',') + 1), dataUrl, bytes: blob.size };
  } finally {
    context.clearRect(0, 0, canvas.width, canvas.height);
    canvas.width = 0;
    canvas.height = 0;
  }
}

function encode(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))),
      'image/jpeg',
      quality,
    );
  });
}

export function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the image'));
    reader.readAsDataURL(blob);
  });
}

import type { RequirementKind } from '../../src/contract/catalog.js';
import { attachmentLimits } from '../../src/domain/attachment-limits.js';

/**
 * The arithmetic of a photographed page: where the guide frame sits on the camera's picture, how
 * large the cropped page is sent, and how hard it is compressed. Pure, so it is tested without a
 * camera; the capture itself (canvas, JPEG) is in request-flow-capture.ts.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

/** An ID card, a sheet of paper, or a picture of anything else (the pillar). */
export type GuideShape = 'card' | 'page' | 'picture';

interface Guide {
  /** Width over height. */
  aspect: number;
  /** How much of the viewport the frame takes, along its limiting side. */
  fill: number;
}

const guides: Record<GuideShape, Guide> = {
  // 85.6 × 54 mm, as CameraScanner's frame: a DNI held at arm's length fills it.
  card: { aspect: 85.6 / 54, fill: 0.72 },
  // A4 upright: most forms, contracts and certificates.
  page: { aspect: 210 / 297, fill: 0.92 },
  picture: { aspect: 4 / 3, fill: 0.92 },
};

export function guideShapeOf(kind: RequirementKind): GuideShape {
  switch (kind) {
    case 'dni-photo':
      return 'card';
    case 'document-photo':
    case 'signed-form':
      return 'page';
    case 'photo':
      return 'picture';
  }
}

/** The frame's proportions, for the screen to draw it where guideBox() crops. */
export function guideOf(shape: GuideShape): Readonly<Guide> {
  return guides[shape];
}

/** The guide frame's box in a viewport of `view` pixels: centred, as large as its fill allows. */
export function guideBox(view: Size, shape: GuideShape): Rect {
  const { aspect, fill } = guides[shape];
  let width = view.width * fill;
  let height = width / aspect;
  if (height > view.height * fill) {
    height = view.height * fill;
    width = height * aspect;
  }
  return { x: (view.width - width) / 2, y: (view.height - height) / 2, width, height };
}

/**
 * The part of the video behind `box` of the viewport, in the video's own pixels, for a video
 * shown with `object-fit: cover` (scaled to fill the viewport, the overflow cut evenly).
 */
export function viewToVideo(box: Rect, view: Size, video: Size): Rect {
  const scale = Math.max(view.width / video.width, view.height / video.height);
  const offsetX = (video.width * scale - view.width) / 2;
  const offsetY = (video.height * scale - view.height) / 2;
  const x = clamp((box.x + offsetX) / scale, 0, video.width);
  const y = clamp((box.y + offsetY) / scale, 0, video.height);
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(clamp(box.width / scale, 1, video.width - x)),
    height: Math.round(clamp(box.height / scale, 1, video.height - y)),
  };
}

/** The size the cropped page is sent at: its long side at most `maxLongSide`, never enlarged. */
export function outputSize(
  crop: Size,
  maxLongSide: number = attachmentLimits.targetLongSide,
): Size {
  const scale = Math.min(1, maxLongSide / Math.max(crop.width, crop.height));
  return {
    width: Math.max(1, Math.round(crop.width * scale)),
    height: Math.max(1, Math.round(crop.height * scale)),
  };
}

/** What one page may weigh: a DNI side stays well under 300 KB, a full sheet under 700 KB. */
export function byteBudget(shape: GuideShape): number {
  return shape === 'card' ? 250_000 : 700_000;
}

/** The JPEG qualities tried in turn, from the one that keeps small print legible down. */
export const jpegQualities = [attachmentLimits.targetJpegQuality, 0.7, 0.6, 0.5] as const;

/**
 * The next quality to try after an encoding of `bytes` at `quality`, or null to keep it: it fits
 * the budget, or lower would no longer be legible (the core accepts up to its own limit anyway).
 */
export function nextQuality(quality: number, bytes: number, budget: number): number | null {
  if (bytes <= budget) return null;
  return jpegQualities.find((candidate) => candidate < quality) ?? null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

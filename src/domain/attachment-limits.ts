/**
 * Sizes the kiosk accepts for what the customer attaches. The renderer checks them before sending
 * (to tell the customer at once) and the kiosk core checks them again on what arrives.
 */
export const attachmentLimits = {
  /** One compressed photo (the renderer aims at 300 KB for a DNI side). */
  maxPhotoBytes: 4 * 1024 * 1024,
  /** A photo's pixels once decoded: guards memory against a tiny file that decodes huge. */
  maxPhotoMegapixels: 24,
  /** Smaller than this is not a legible document. */
  minPhotoSide: 320,
  /** The finger signature, as signature_pad exports it. */
  maxSignatureBytes: 512 * 1024,
  /** What the renderer aims at when it compresses a page: longest side and JPEG quality. */
  targetLongSide: 1600,
  targetJpegQuality: 0.8,
} as const;

/**
 * An SVG from outside the renderer (the cooperative's logo, a QR code) as an <img> source: an
 * image never runs script nor reaches the page, whatever the SVG contains.
 */
export function svgImageSrc(svg: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

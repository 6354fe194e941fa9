/** What a signing step does with SignatureArea's drawing: wipe it, or take it as a PNG. */
export interface SignatureControls {
  clear: () => void;
  /** signature_pad's PNG, base64 without the data URL's prefix; null when nothing is drawn. */
  pngBase64: () => string | null;
}

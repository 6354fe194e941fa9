import type { WebContents } from 'electron';
import { originOf } from '../ipc.js';
import { blockShortcuts } from './shortcuts.js';

export type ContentsLockdown = {
  /** The only origin the page may navigate to (the app, or the payments site). */
  allowedOrigin: string;
  /** Only while developing. */
  devTools?: boolean;
  /** Where refused navigations are reported, for IT. */
  log?: (message: string) => void;
};

/** True when `url` is on `allowedOrigin` (scheme, host and port). */
export function isAllowedUrl(url: string, allowedOrigin: string): boolean {
  const expected = originOf(allowedOrigin);
  return expected !== null && originOf(url) === expected;
}

type Navigation = { readonly url: string; preventDefault(): void };

/**
 * Keeps a page where it belongs: navigation, redirects and frames stay on its origin, no new
 * windows or webviews, no shortcuts that reload, zoom, quit or open the developer tools, and the
 * zoom stays at 100 % (a pinch or Ctrl+wheel would otherwise persist for the next customer).
 */
export function lockDownContents(contents: WebContents, options: ContentsLockdown): void {
  const log = options.log ?? (() => {});
  const confine = (kind: string) => (navigation: Navigation) => {
    if (isAllowedUrl(navigation.url, options.allowedOrigin)) return;
    navigation.preventDefault();
    log(`${kind} bloqueada hacia ${navigation.url}`);
  };
  contents.on('will-navigate', confine('Navegación'));
  contents.on('will-frame-navigate', confine('Navegación de un marco'));
  contents.on('will-redirect', confine('Redirección'));
  contents.setWindowOpenHandler(({ url }) => {
    log(`Ventana nueva bloqueada hacia ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A page's beforeunload must never keep a customer's page alive when the kiosk replaces it.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
  blockShortcuts(contents);

  const resetZoom = () => {
    contents.setZoomFactor(1);
    contents.setVisualZoomLevelLimits(1, 1).catch(() => {
      // The page went away before the limits applied; the next load sets them again.
    });
  };
  contents.on('did-finish-load', resetZoom);
  contents.on('zoom-changed', resetZoom);

  if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
}

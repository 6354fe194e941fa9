/** Source entries Forge's Vite plugin builds into `.vite/build/`. */
export const mainEntry = 'main/main.ts';
export const preloadEntry = 'main/preload.ts';

/** File names of the built scripts, as main/main.ts loads them. */
export const mainBundle = 'main.js';
export const preloadBundle = 'preload.cjs';

/** Forge's renderer name: the globals `MAIN_WINDOW_VITE_*` and `.vite/renderer/main_window/`. */
export const rendererName = 'main_window';

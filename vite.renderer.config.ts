import path from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The renderer's build. Under Forge (`npm start`, `npm run make`) the output goes where the Vite
 * plugin expects it; under plain Vite (`npm run build:renderer`) it goes to dist/renderer for the
 * web host.
 */
export default defineConfig((env) => {
  const forge = (env as { forgeConfigSelf?: { name?: string } }).forgeConfigSelf;
  return {
    root: path.resolve(import.meta.dirname, 'renderer'),
    base: './',
    plugins: [svelte({ configFile: path.resolve(import.meta.dirname, 'svelte.config.js') })],
    build: {
      outDir: forge
        ? path.resolve(import.meta.dirname, `.vite/renderer/${forge.name ?? 'main_window'}`)
        : path.resolve(import.meta.dirname, 'dist/renderer'),
      emptyOutDir: true,
      target: 'chrome130',
      reportCompressedSize: false,
    },
  };
});

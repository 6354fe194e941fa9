import path from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The back office's build (`npm run build:backoffice`): the central serves dist/backoffice at
 * `/oficina` (central/backoffice/). Each screen is its own chunk, loaded when first opened.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'backoffice'),
  base: '/oficina/',
  plugins: [svelte({ configFile: path.resolve(import.meta.dirname, 'svelte.config.js') })],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/backoffice'),
    emptyOutDir: true,
    target: 'chrome130',
    reportCompressedSize: false,
  },
});

import { defineConfig } from 'vite';

/**
 * The sandboxed preload, merged by Forge's Vite plugin over its defaults (one CommonJS file, only
 * `electron` external). Named `.cjs` so that nothing reads it as an ES module under
 * `"type": "module"`.
 */
export default defineConfig({
  build: {
    rollupOptions: {
      output: { entryFileNames: '[name].cjs', chunkFileNames: '[name].cjs' },
    },
  },
});

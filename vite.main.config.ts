import { defineConfig } from 'vite';
import { mainBundle, mainEntry } from './main/build-entries.js';

/**
 * Bundled CommonJS code (fastify's plugin names, for one) still reaches for `require` at run time,
 * which an ES module does not have.
 */
const requireShim = [
  "import { createRequire as ventanillaCreateRequire } from 'node:module';",
  'const require = ventanillaCreateRequire(import.meta.url);',
].join('\n');

/**
 * The main process, merged by Forge's Vite plugin over its defaults. Built as ES modules because
 * package.json says `"type": "module"`. The native modules (better-sqlite3, @node-rs/argon2) stay
 * external: a native module cannot be bundled, and main/packaging.ts puts them in the package.
 */
export default defineConfig({
  build: {
    target: 'node22',
    lib: { entry: mainEntry, formats: ['es'], fileName: () => mainBundle },
    rollupOptions: {
      external: ['electron', 'better-sqlite3', '@node-rs/argon2'],
      output: { banner: requireShim },
    },
    // pg loads its optional native binding lazily, in a try/catch; bundled eagerly it would throw
    // at start-up.
    commonjsOptions: { ignore: ['pg-native'] },
  },
});

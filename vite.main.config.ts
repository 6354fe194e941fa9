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
 * package.json says `"type": "module"`. The native module (better-sqlite3) stays external: a
 * native module cannot be bundled, and main/packaging.ts puts it in the package.
 * `KIOSK_DEMO_CENTRAL` is true only in development (`npm start`): the packaged bundle leaves the
 * demo's embedded central, and with it the whole central and its dependencies, out.
 */
export default defineConfig(({ mode }) => ({
  define: { KIOSK_DEMO_CENTRAL: JSON.stringify(mode !== 'production') },
  build: {
    target: 'node22',
    lib: { entry: mainEntry, formats: ['es'], fileName: () => mainBundle },
    rollupOptions: {
      external: ['electron', 'better-sqlite3'],
      output: { banner: requireShim },
    },
    // pg loads its optional native binding lazily, in a try/catch; bundled eagerly it would throw
    // at start-up.
    commonjsOptions: { ignore: ['pg-native'] },
  },
}));

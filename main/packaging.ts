/**
 * What goes into the packaged app. Forge's Vite plugin bundles everything into `/.vite` except
 * the native module, which must stay external: better-sqlite3 and what it loads at run time are
 * kept here explicitly (electron/forge #3738, #3917). Of `/resources` the kiosk reads only the
 * fonts and the form templates of its PDFs at run time; the catalogue, branding and demo data
 * are the central's. Everything else is left out.
 */
export const runtimeModules = ['better-sqlite3', 'bindings', 'file-uri-to-path'] as const;

export const runtimeResources = ['/resources/fonts', '/resources/forms'] as const;

/** `@node-rs/argon2-linux-x64-gnu` and its siblings: the platform builds of a kept module. */
function isPlatformBuildOf(moduleName: string): boolean {
  return runtimeModules.some((kept) => kept.startsWith('@') && moduleName.startsWith(`${kept}-`));
}

/** Files a native build leaves behind that the app never loads. */
const buildLeftover = /\/(?:obj|obj\.target|\.deps|node_gyp_bins)(?:\/|$)|\.(?:o|obj|a|lib|pdb)$/;

/**
 * `path` as @electron/packager gives it: relative to the app folder, starting with `/` (the app
 * folder itself is the empty string). Folders are asked too, and a dropped folder is not entered.
 */
export function keepInPackage(path: string): boolean {
  const file = path.replaceAll('\\', '/');
  if (file === '' || file === '/') return true;
  if (file === '/package.json') return true;
  if (file === '/.vite' || file.startsWith('/.vite/')) return true;
  if (file === '/resources') return true;
  if (runtimeResources.some((kept) => file === kept || file.startsWith(`${kept}/`))) return true;
  if (file === '/node_modules') return true;
  const scope = /^\/node_modules\/(@[^/]+)$/.exec(file)?.[1];
  if (scope) return runtimeModules.some((kept) => kept.startsWith(`${scope}/`));
  const match = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(file);
  if (match === null) return false;
  const [, moduleName = '', inside = ''] = match;
  const kept = (runtimeModules as readonly string[]).includes(moduleName);
  if (!kept && !isPlatformBuildOf(moduleName)) return false;
  return !buildLeftover.test(inside);
}

/** `packagerConfig.ignore`: true drops the path. */
export function ignoreInPackage(path: string): boolean {
  return !keepInPackage(path);
}

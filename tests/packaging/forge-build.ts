import { createRequire } from 'node:module';
import path from 'node:path';
import { build, loadConfigFromFile, type InlineConfig, type Rollup } from 'vite';

const require = createRequire(import.meta.url);

type ForgeEnv = {
  root: string;
  mode: string;
  command: 'build';
  forgeConfig: { renderer: { name: string }[] };
  forgeConfigSelf: { entry: string; config: string };
};
type GetConfig = (env: ForgeEnv, userConfig: InlineConfig) => InlineConfig;

/**
 * Builds one of the main-process bundles exactly as Forge's Vite plugin does (its own base
 * configuration merged with ours), into `outDir`: what `npm run make` would package.
 */
export async function buildLikeForge(
  target: 'main' | 'preload',
  entry: string,
  outDir: string,
): Promise<Rollup.OutputChunk[]> {
  const root = path.resolve(import.meta.dirname, '../..');
  const configFile = path.join(root, `vite.${target}.config.ts`);
  const env: ForgeEnv = {
    root,
    mode: 'production',
    command: 'build',
    forgeConfig: { renderer: [{ name: 'main_window' }] },
    forgeConfigSelf: { entry, config: configFile },
  };
  const { getConfig } = require(
    `@electron-forge/plugin-vite/dist/config/vite.${target}.config.js`,
  ) as { getConfig: GetConfig };
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, configFile);
  const config = getConfig(env, loaded?.config ?? {});
  const result = await build({
    ...config,
    configFile: false,
    logLevel: 'silent',
    build: { ...config.build, outDir, emptyOutDir: true, watch: null },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  return outputs.flatMap((output) =>
    output.output.filter((item): item is Rollup.OutputChunk => item.type === 'chunk'),
  );
}

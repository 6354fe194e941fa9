import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of docs/architecture.md are lint errors: this shows each one fires where it must. */
const eslint = new ESLint({
  overrideConfig: [
    {
      ...tseslint.configs.disableTypeChecked,
      languageOptions: { parserOptions: { projectService: false, project: null } },
    },
  ],
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layer rules', () => {
  it('src/ never imports Electron, better-sqlite3 (outside the store) or the central', async () => {
    const found = await restrictedImports(
      'src/kiosk/probe.ts',
      `import 'electron';\nimport 'better-sqlite3';\nimport '../../central/server.js';\n`,
    );
    expect(found).toHaveLength(3);
  });

  it('the kiosk store may import better-sqlite3 but not Electron', async () => {
    expect(await restrictedImports('src/store/probe.ts', `import 'better-sqlite3';\n`)).toEqual([]);
    expect(await restrictedImports('src/store/probe.ts', `import 'electron';\n`)).toHaveLength(1);
  });

  it('central/ talks to the database drivers only from central/db/', async () => {
    const code = `import 'better-sqlite3';\nimport 'pg';\n`;
    expect(await restrictedImports('central/routes/probe.ts', code)).toHaveLength(2);
    expect(await restrictedImports('central/db/probe.ts', code)).toEqual([]);
    expect(await restrictedImports('central/db/probe.ts', `import 'electron';\n`)).toHaveLength(1);
  });

  it('the renderer imports only src/contract and src/domain, and no Node modules', async () => {
    const allowed = `import '../src/contract/index.js';\nimport '../../src/domain/x.js';\n`;
    expect(await restrictedImports('renderer/lib/probe.ts', allowed)).toEqual([]);
    const refused = `import '../../src/store/index.js';\nimport '../../main/ipc.js';\nimport 'node:fs';\nimport 'electron';\n`;
    expect(await restrictedImports('renderer/lib/probe.ts', refused)).toHaveLength(4);
  });

  it('main/ may import Electron', async () => {
    expect(await restrictedImports('main/probe.ts', `import 'electron';\n`)).toEqual([]);
  });

  it('production code never imports test tooling, helpers or doubles; test code may', async () => {
    const helpers = [
      `import 'vitest';`,
      `import '../tests/doubles/fake-electron.js';`,
      `import '../src/testing/temp-dir.js';`,
      `import './test-app.js';`,
      `import './ipc.test.js';`,
    ].join('\n');
    for (const file of [
      'main/probe.ts',
      'src/kiosk/probe.ts',
      'central/routes/probe.ts',
      'scripts/probe.ts',
    ])
      expect(await restrictedImports(file, helpers), file).toHaveLength(5);
    expect(await restrictedImports('renderer/lib/probe.ts', `import 'vitest';\n`)).toHaveLength(1);
    for (const file of [
      'main/probe.test.ts',
      'src/testing/probe.ts',
      'central/fleet/test-probe.ts',
      'tests/probe.ts',
    ])
      expect(await restrictedImports(file, helpers), file).toEqual([]);
    // A test file keeps its layer's rules.
    expect(await restrictedImports('src/kiosk/probe.test.ts', `import 'electron';\n`)).toHaveLength(
      1,
    );
  });
});

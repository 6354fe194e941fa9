import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Health } from '../src/contract/index.js';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('npm run central', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an unknown command with the usage in Spanish and exit code 2', async () => {
    const { exited, output } = run(['importar-todo']);
    expect(await exited).toBe(2);
    expect(output().stderr).toContain('No conozco el comando «importar-todo».');
    expect(output().stderr).toContain('Uso: npm run central');
  });

  it('refuses a bad environment with exit code 2', async () => {
    const { exited, output } = run([], { PORT: 'ochenta' });
    expect(await exited).toBe(2);
    expect(output().stderr).toMatch(/La configuración no es válida:[\s\S]*PORT/);
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://', async () => {
    const { exited, output } = run([], { SMTP_URL: 'http://correo.example' });
    expect(await exited).toBe(2);
    expect(output().stderr).toMatch(/La configuración no es válida:[\s\S]*SMTP_URL/);
  });

  it('serves on the printed URL and stops cleanly on SIGTERM', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-cli-'));
    const { child, exited, output } = run([], { PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed: ${output().stderr}`)),
        20_000,
      );
      child.stdout.on('data', () => {
        const found = /Central escuchando en (http:\/\/127\.0\.0\.1:\d+)/.exec(output().stdout);
        if (found?.[1]) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
    });
    expect(output().stdout).toContain(path.join(dataDir, 'central.sqlite'));
    const health = Health.parse(await (await fetch(`${url}/healthz`)).json());
    expect(health.database).toBe('sqlite');
    expect(output().stdout).toContain(`Correos: ${path.join(dataDir, 'mail')}`);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output().stdout).toContain('Cerrando la central…');
  });
});

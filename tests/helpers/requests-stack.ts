import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startCentral, type RunningCentral } from '../../central/server.js';
import type { Envelope } from '../../src/contract/index.js';
import { dispatch } from '../../src/kiosk/dispatch.js';
import { createKioskCore, type KioskCore } from '../../src/kiosk/core.js';
import { tempDir } from '../../src/testing/temp-dir.js';
import { documentPhoto, encodeJpeg, signaturePng } from '../../src/testing/synthetic-photos.js';

/**
 * A real central and a kiosk core whose link to it can be cut for some paths (the branch's link
 * dropping mid-delivery), on port 0 and a temp folder. The central can be stopped and started
 * again on the same port and data.
 */
export async function startRequestsStack(
  options: { databaseUrl?: string; centralDataDir?: string; smtpUrl?: string } = {},
) {
  const temp = tempDir('ventanilla-requests-');
  const centralOptions = {
    dataDir: options.centralDataDir ?? path.join(temp.dir, 'central'),
    databaseUrl: options.databaseUrl,
    smtpUrl: options.smtpUrl,
    seedDemo: true,
    // Test files register many accounts from one address; the limit's own test sets it.
    accounts: { throttle: { registrationsPerHour: 10_000 } },
  };
  let central: RunningCentral | null = await startCentral({ ...centralOptions, port: 0 });
  const port = central.port;
  const link = { down: null as RegExp | null };
  const linkedFetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (link.down?.test(new URL(url).pathname)) {
      return Promise.reject(new TypeError('fetch failed'));
    }
    return fetch(input, init);
  };
  const kioskDir = path.join(temp.dir, 'kiosk');
  const core: KioskCore = createKioskCore({
    dataDir: kioskDir,
    centralUrl: central.url,
    host: 'web',
    version: '0.0.0-test',
    fetch: linkedFetch,
    submitWaitMs: 5_000,
    uploadChunkBytes: 64 * 1024,
    branch: 'Sucursal Centro',
    log: () => {},
  });
  await core.handlers['sync:now'](undefined);

  const call = (method: string, input?: unknown): Promise<Envelope<unknown>> =>
    dispatch(core.handlers, method, input);
  return {
    core,
    call,
    kioskDir,
    centralUrl: central.url,
    /** Cuts the link for paths matching `paths` (all of them by default); null restores it. */
    cutLink(paths: RegExp | null = /./) {
      link.down = paths;
    },
    async stopCentral() {
      await central?.close();
      central = null;
    },
    async restartCentral() {
      central = await startCentral({ ...centralOptions, port });
    },
    async close() {
      await core.stop();
      await central?.close();
      temp.remove();
    },
  };
}

export type RequestsStack = Awaited<ReturnType<typeof startRequestsStack>>;

/** The value of an envelope that must be ok, or the error's message thrown. */
export function valueOf<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** A photographed page as the renderer sends it. */
export function pagePhoto(seed: number): string {
  return Buffer.from(encodeJpeg(documentPhoto(1280, 808, seed))).toString('base64');
}

export const signatureBase64 = () => Buffer.from(signaturePng()).toString('base64');

/** Every file under `dir`, recursively, with its bytes: to look for planted text at rest. */
export function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, bytes: readFileSync(file) }));
}

/** Files under `dir` whose bytes contain `text` (as UTF-8 or as UTF-16, as SQLite may keep it). */
export function filesContaining(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return filesUnder(dir)
    .filter(({ bytes }) => needles.some((needle) => bytes.includes(needle)))
    .map(({ file }) => file);
}

export async function until(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

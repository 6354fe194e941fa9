import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { demoCatalog, demoSupplyScript, maria } from '../tests/e2e/demo-supplies.js';
import { buildRenderer, startScriptedKiosk } from '../tests/e2e/scripted-kiosk-core.js';
import { chromiumPath, launchChromium } from '../tests/helpers/browser.js';
import { tempDir } from '../src/testing/temp-dir.js';
import { median, ms, type Figure } from './measure.js';

const viewport = { width: 1280, height: 1024 };
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Gzip sizes of the built renderer's JavaScript and CSS, as a kiosk downloads them. */
async function bundleSizes(): Promise<Figure[]> {
  const temp = tempDir('ventanilla-bench-renderer-');
  try {
    await buildRenderer(temp.dir);
    const assets = path.join(temp.dir, 'assets');
    const sizes = { js: 0, css: 0 };
    for (const name of await readdir(assets)) {
      const kind = path.extname(name).slice(1);
      if (kind !== 'js' && kind !== 'css') continue;
      sizes[kind] += gzipSync(await readFile(path.join(assets, name))).length;
    }
    return [
      { name: 'renderer JavaScript (gzip)', value: kib(sizes.js), note: 'all chunks' },
      { name: 'renderer CSS (gzip)', value: kib(sizes.css) },
    ];
  } finally {
    temp.remove();
  }
}

/** Median ms of `runs` fresh pages, each timed by `measure`. */
async function timed(
  browser: Browser,
  runs: number,
  measure: (page: Page) => Promise<number>,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport });
    times.push(await measure(await context.newPage()));
    await context.close();
  }
  return median(times.sort((a, b) => a - b));
}

async function since(start: number, done: Promise<unknown>): Promise<number> {
  await done;
  return performance.now() - start;
}

/** A blank page with a heading and a button that swaps it: the browser's own floor. */
const blankPage =
  'data:text/html,<h1>a</h1><button onclick="document.querySelector(`h1`).textContent=`b`">b</button>';

/** The kiosk's welcome is usable when its title and first button are on screen. */
function welcomeShown(page: Page) {
  return page.getByRole('button', { name: 'Registrarse', exact: true }).waitFor();
}

async function signInAndOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iniciar Sesión', exact: true }).click();
  for (const [label, text] of [
    ['Correo electrónico', maria.session.email],
    ['Contraseña', 'una clave larga'],
  ] as const) {
    await page.getByLabel(label, { exact: true }).click();
    await page.keyboard.insertText(text);
  }
  await page.getByRole('button', { name: 'Listo', exact: true }).click();
  await page.getByRole('button', { name: 'Iniciar Sesión', exact: true }).click();
  await page.getByRole('button', { name: 'Salir', exact: true }).click();
  await welcomeShown(page);
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  return used / 1024 / 1024;
}

/**
 * The renderer in the system Chromium against a scripted core: how soon the first screen is
 * usable and a tap shows the next one (each beside a blank page in the same run), and whether
 * memory grows across customer sessions (each one ends with the wipe and the page's reload).
 */
export async function rendererBench(): Promise<Figure[]> {
  const figures = await bundleSizes();
  if (!existsSync(chromiumPath)) {
    return [...figures, { name: 'browser figures', value: 'skipped', note: `no ${chromiumPath}` }];
  }
  const kiosk = await startScriptedKiosk();
  kiosk.core.script({
    'catalog:get': () => Promise.resolve({ catalog: demoCatalog(), syncedAt: null }),
    ...demoSupplyScript(maria, ['100234']),
  });
  const browser = await launchChromium();
  try {
    const runs = 7;
    const blankLoad = await timed(browser, runs, (page) => {
      const start = performance.now();
      return since(start, page.goto(blankPage));
    });
    const kioskLoad = await timed(browser, runs, async (page) => {
      const start = performance.now();
      await page.goto(kiosk.url);
      return since(start, welcomeShown(page));
    });
    const blankTap = await timed(browser, runs, async (page) => {
      await page.goto(blankPage);
      const start = performance.now();
      await page.getByRole('button').click();
      return since(start, page.getByRole('heading', { name: 'b' }).waitFor());
    });
    const kioskTap = await timed(browser, runs, async (page) => {
      await page.goto(kiosk.url);
      await welcomeShown(page);
      const start = performance.now();
      await page.getByRole('button', { name: 'Iniciar Sesión', exact: true }).click();
      return since(start, page.getByLabel('Correo electrónico', { exact: true }).waitFor());
    });

    const sessions = 100;
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(kiosk.url);
    await welcomeShown(page);
    await signInAndOut(page);
    const afterOne = await heapMiB(page);
    for (let i = 1; i < sessions; i++) await signInAndOut(page);
    const afterAll = await heapMiB(page);
    await context.close();

    return [
      ...figures,
      {
        name: 'navigation to usable welcome (median)',
        value: ms(kioskLoad),
        note: `blank page ${ms(blankLoad)}; ${runs} fresh pages each`,
      },
      {
        name: 'tap to next screen (median)',
        value: ms(kioskTap),
        note: `"Iniciar Sesión" to its form; blank page ${ms(blankTap)}`,
      },
      {
        name: `JS heap after 1 / ${sessions} sessions`,
        value: `${afterOne.toFixed(1)} / ${afterAll.toFixed(1)} MiB`,
        note: 'after GC; sign in, home, "Salir" (wipe and reload) each',
      },
    ];
  } finally {
    await browser.close();
    await kiosk.close();
  }
}

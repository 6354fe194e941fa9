import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Evaluated rather than added as a script tag: the kiosk's CSP (rightly) refuses inline scripts.
 * Its timers are the browser's own even when a test runs the page on Playwright's paused clock,
 * or axe would wait for a time that never comes.
 */
const axeSource = `((setTimeout, clearTimeout) => {
${readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')}
})(globalThis.__pwClock?.builtins.setTimeout ?? setTimeout,
   globalThis.__pwClock?.builtins.clearTimeout ?? clearTimeout)`;

/** The rule sets of WCAG 2.2 level AA (2.0, 2.1 and 2.2, levels A and AA). */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on what the page shows now and answers its violations, one line per node: the
 * rules of WCAG 2.2 AA, or only `rules` when given (e.g. AAA's 7:1 contrast of "Alto contraste").
 */
export async function axeViolations(page: Page, rules?: string[]): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: wcagTags };
  const violations = await page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const results = (await axe.run(document, {
      runOnly: only,
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
    return results.violations;
  }, runOnly);
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.help}) at ${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
    ),
  );
}

/** WCAG 2.2 AA as axe-core checks it: no violation at all on the screen as it is now. */
export async function expectNoAxeViolations(page: Page, what = 'the screen'): Promise<void> {
  expect(await axeViolations(page), `axe-core violations on ${what}`).toEqual([]);
}

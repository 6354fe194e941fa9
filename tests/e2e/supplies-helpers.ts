import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  button,
  checkScreen,
  closeKeyboard,
  heading,
  typeKeys,
  typeText,
} from './account-helpers.js';
import { demoCatalog, type DemoHolder } from './demo-supplies.js';
import { useScriptedKiosk, type ScriptedKioskSuite, type SuiteSetup } from './scripted-suite.js';

/** A scripted kiosk with the cooperative's own catalogue, plus `setup`'s answers on top. */
export function useDemoKiosk(setup: SuiteSetup = {}): ScriptedKioskSuite {
  return useScriptedKiosk({
    ...setup,
    script: () => ({
      'catalog:get': () => Promise.resolve({ catalog: demoCatalog(), syncedAt: null }),
      ...setup.script?.(),
    }),
  });
}

/** Checks a screen of the supplies and invoices (sizes, fit) and keeps its screenshot. */
export function checkSupplyScreen(
  page: Page,
  name: string,
  options: { back?: boolean } = {},
): Promise<void> {
  return checkScreen(page, name, { ...options, prefix: 'supplies' });
}

/** From the welcome to the home, as `holder` (the scripted core says who signs in). */
export async function signIn(
  page: Page,
  holder: DemoHolder,
  options: { waitForHome?: boolean } = {},
): Promise<void> {
  await button(page, 'Iniciar Sesión').click();
  await typeText(page, 'Correo electrónico', holder.session.email);
  await typeText(page, 'Contraseña', 'una clave larga');
  await closeKeyboard(page);
  await button(page, 'Iniciar Sesión').click();
  if (options.waitForHome === false) return;
  await expect.poll(() => heading(page)).toBe(`Hola, ${holder.session.firstName}`);
}

/** Fills the proof of "ASOCIAR CUENTA" or "Consultar factura sin cuenta" on the keypads. */
export async function typeProof(page: Page, number: string, holder: DemoHolder): Promise<void> {
  await typeKeys(page, 'Número de suministro o de factura', [...number]);
  await closeKeyboard(page);
  if (holder.documentType !== 'DNI') {
    await page.getByText(holder.documentType, { exact: true }).click();
  }
  await typeKeys(page, 'Número de documento', [...holder.documentNumber]);
  await typeKeys(page, 'Fecha de nacimiento', [...holder.typedBirthDate]);
  await closeKeyboard(page);
}

/** The text of a panel of the home (or of the consultation), by its test id. */
export async function panelText(page: Page, testid: string): Promise<string> {
  return ((await page.getByTestId(testid).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

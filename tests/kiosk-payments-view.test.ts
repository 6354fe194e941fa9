import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultResourcesDir } from '../central/catalog/resources.js';
import { startSmtpMailbox, type SmtpMailbox } from '../central/testing/smtp-mailbox.js';
import { dispatch } from '../src/kiosk/dispatch.js';
import type { PaymentsView } from '../src/kiosk/supply-handlers.js';
import { tempDir } from '../src/testing/temp-dir.js';
import { demoHolder, registerAndActivate } from './helpers/customer.js';
import { startKioskStack, type KioskStack } from './helpers/kiosk-stack.js';

/**
 * Stands in for Electron's restricted view (main/customer-views.ts, tested with electron mocked):
 * Electron cannot run here, so this records what the core asks of it and applies the same rule.
 */
function recordingPaymentsView() {
  const opened: string[] = [];
  let open = false;
  const view: PaymentsView = {
    open(url, settings) {
      if (!settings.paymentsInsideKiosk || !url.startsWith(settings.paymentsUrl)) return false;
      opened.push(url);
      open = true;
      return true;
    },
    close() {
      open = false;
      return Promise.resolve();
    },
    state: () => ({ open, idleSeconds: open ? 0 : null }),
  };
  return { view, opened };
}

/** A copy of the repository's resources with the cooperative's "inside the kiosk" setting. */
function resourcesAllowingInside(dir: string, allowed: boolean): string {
  const copy = path.join(dir, `resources-${allowed}`);
  cpSync(defaultResourcesDir, copy, { recursive: true });
  const file = path.join(copy, 'branding', 'copelco.json');
  const cooperative = JSON.parse(readFileSync(file, 'utf8')) as {
    settings: { paymentsInsideKiosk: boolean };
  };
  cooperative.settings.paymentsInsideKiosk = allowed;
  writeFileSync(file, JSON.stringify(cooperative));
  return copy;
}

describe.each([true, false])('"Facturas y Pagos" inside the kiosk, allowed: %s', (allowed) => {
  const temp = tempDir('ventanilla-payments-');
  const recorder = recordingPaymentsView();
  let mailbox: SmtpMailbox;
  let stack: KioskStack;
  const call = (method: string, input?: unknown) => dispatch(stack.core.handlers, method, input);

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    stack = await startKioskStack({
      smtpUrl: mailbox.url,
      catalogSource: { resourcesDir: resourcesAllowingInside(temp.dir, allowed) },
      paymentsView: recorder.view,
    });
    await registerAndActivate(call, mailbox);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await mailbox?.close();
    temp.remove();
  });

  it('asks for a session first', async () => {
    expect(await call('payments:open')).toMatchObject({
      ok: false,
      error: { code: 'session_required' },
    });
  });

  it('opens the payments site with a one-time link of its own, only when the cooperative allows it', async () => {
    await call('session:signIn', { email: demoHolder.email, password: demoHolder.password });
    const handoff = await call('payments:handoff');
    expect(handoff).toMatchObject({ ok: true, value: { insideKiosk: allowed } });
    const opened = await call('payments:open');
    expect(opened).toEqual({ ok: true, value: { opened: allowed } });
    if (allowed) {
      expect(recorder.opened).toHaveLength(1);
      const url = new URL(recorder.opened[0]!);
      expect(url.origin).toBe('https://pagos.copelco.example');
      // Not the token of the QR code: that one may already be on the customer's phone.
      const qrUrl = (handoff as { value: { url: string } }).value.url;
      expect(url.searchParams.get('token')).not.toBe(new URL(qrUrl).searchParams.get('token'));
      expect(await call('payments:state')).toEqual({
        ok: true,
        value: { open: true, idleSeconds: 0 },
      });
    } else {
      expect(recorder.opened).toEqual([]);
    }
    expect(await call('payments:close')).toEqual({ ok: true, value: { closed: true } });
    expect(await call('payments:state')).toEqual({
      ok: true,
      value: { open: false, idleSeconds: null },
    });
    await call('session:signOut');
  });
});

import type { KioskEnrolment } from '../../src/contract/fleet.js';
import { call } from '../lib/kiosk.js';
import { t } from '../lib/messages.js';
import { Form } from './form.svelte.js';
import { setupNeeded } from './staff-setup.js';

/** A code as IT reads it out: 12 letters and digits, with or without spaces and dashes. */
function codeRule(value: string): string | null {
  const typed = value.replace(/[\s-]/g, '');
  if (typed === '') return t('setup.codeMissing');
  return /^[0-9A-Za-z]{12}$/.test(typed) ? null : t('setup.codeFormat');
}

/** The kiosk's enrolment on the central, and the setup screen's form for IT. */
export class KioskSetup {
  enrolment = $state<KioskEnrolment | null>(null);
  loaded = $state(false);
  readonly form = new Form({ code: codeRule });
  readonly needed = $derived(setupNeeded(this.enrolment));
  /** The state the setup screen opened on: a revoked kiosk says so until it is enrolled again. */
  readonly revoked = $derived(this.enrolment?.state === 'revoked');

  async load(): Promise<void> {
    try {
      this.enrolment = await call('fleet:status');
    } catch {
      // An older core without the fleet, or one that cannot tell: customers get the welcome.
      this.enrolment = null;
    }
    this.loaded = true;
  }

  /** "Dar de alta el kiosco": answers the field to focus when the code was refused. */
  async enrol(): Promise<'code' | null> {
    const invalid = this.form.firstInvalid(['code']);
    if (invalid) return invalid;
    const result = await this.form.submit(() =>
      call('fleet:enrol', { code: this.form.values.code }),
    );
    if (!result.ok) {
      this.form.alert = result.error.message;
      return 'code';
    }
    this.form.clear();
    this.enrolment = result.value;
    // The catalogue comes with the new credential before the welcome shows; offline it waits.
    await call('sync:now').catch(() => null);
    return null;
  }

  /**
   * The core says how the kiosk's enrolment stands with every `sync:status` the screens poll
   * anyway: a revocation it learns of brings the setup screen back, with no polling of its own.
   */
  follow(state: KioskEnrolment['state'] | undefined): void {
    if (state === undefined || !this.loaded || state === this.enrolment?.state) return;
    void this.load();
  }
}

import { normalizeEmail } from '../../src/domain/account.js';
import { call } from '../lib/kiosk.js';
import { apiErrorOf } from './form.svelte.js';
import {
  registrationStepFields,
  stepOf,
  type AccountForms,
  type RegistrationField,
} from './account-forms.svelte.js';
import { registerSteps, type Navigation, type RegisterStep } from './navigation.svelte.js';
import type { Session } from './session.svelte.js';

/** Refusals after which the code typed will never work: only a new mail's code will. */
const deadCodes: ReadonlySet<string> = new Set(['code_exhausted', 'code_expired']);

/**
 * What each button of the account screens does: call the kiosk, then move on, or leave the
 * refusal next to its field. Each action answers the field the screen should focus, if any.
 */
export class AccountFlow {
  constructor(
    readonly nav: Navigation,
    readonly forms: AccountForms,
    readonly session: Session,
  ) {}

  back(): void {
    // Back on the welcome without signing in: what was typed belongs to nobody any more.
    if (this.nav.back().name === 'welcome') this.forms.clear();
  }

  startRegistration(): void {
    this.nav.go({ name: 'register', step: 1 });
  }

  startSignIn(): void {
    this.nav.go({ name: 'signIn' });
  }

  /** "Siguiente": only when this step is complete, so nothing is discovered at the end. */
  nextStep(step: RegisterStep): RegistrationField | null {
    const invalid = this.forms.registration.firstInvalid(registrationStepFields[step]);
    if (invalid) return invalid;
    this.nav.go({ name: 'register', step: (step + 1) as RegisterStep });
    return null;
  }

  async register(): Promise<RegistrationField | null> {
    const form = this.forms.registration;
    for (const step of registerSteps) {
      const invalid = form.firstInvalid(registrationStepFields[step]);
      if (invalid) return this.#showRegisterStep(invalid);
    }
    const result = await form.submit(() => call('account:register', form.toRegistration()));
    if (result.ok) {
      form.clear();
      this.nav.reset({ name: 'registered', email: result.value.email });
      return null;
    }
    const field = form.refuse(result.error);
    return field ? this.#showRegisterStep(field) : null;
  }

  #showRegisterStep(field: RegistrationField): RegistrationField {
    this.nav.backTo({ name: 'register', step: stepOf(field) });
    return field;
  }

  enterCode(email: string): void {
    this.nav.go({ name: 'activate', email });
  }

  async activate(email: string): Promise<'code' | null> {
    const form = this.forms.activation;
    const invalid = form.firstInvalid(['code']);
    if (invalid) return invalid;
    const result = await form.submit(() =>
      call('account:activate', { email, code: form.values.code }),
    );
    if (!result.ok) {
      this.forms.resend.codeDead = deadCodes.has(result.error.code);
      return form.refuse(result.error);
    }
    form.clear();
    this.forms.resend.clear();
    this.nav.reset({ name: 'activated', email });
    return null;
  }

  async resendActivation(email: string): Promise<void> {
    const resend = this.forms.resend;
    if (resend.busy || resend.cooldown.running) return;
    resend.busy = true;
    resend.sentTo = null;
    resend.refusal = null;
    try {
      const sent = await call('account:resendActivation', { email });
      resend.sentTo = sent.email;
      resend.codeDead = false;
      this.forms.activation.clear();
      resend.cooldown.start(sent.retryAfterSeconds);
    } catch (caught) {
      const refusal = apiErrorOf(caught);
      resend.refusal = refusal.message;
      // "Esperá un momento": the same countdown as after a resend, from the central's answer.
      if (refusal.retryAfterSeconds) resend.cooldown.start(refusal.retryAfterSeconds);
    } finally {
      resend.busy = false;
    }
  }

  async signIn(): Promise<'email' | 'password' | null> {
    const form = this.forms.signIn;
    const invalid = form.firstInvalid(['email', 'password']);
    if (invalid) return invalid;
    const { email, password } = form.values;
    const result = await form.submit(() => call('session:signIn', { email, password }));
    if (result.ok) {
      this.session.signedIn(result.value);
      this.forms.clear();
      this.nav.home();
      return null;
    }
    if (result.error.code === 'account_not_activated') {
      // The code from the mail finishes the registration; sign-in keeps what was typed.
      this.nav.go({ name: 'activate', email: normalizeEmail(email), notice: result.error.message });
      return null;
    }
    return form.refuse(result.error);
  }

  /** After activation or a new password: sign in with the address that was just used. */
  signInAs(email: string): void {
    this.forms.signIn.clear();
    this.forms.signIn.values.email = email;
    this.nav.reset({ name: 'signIn' });
  }

  forgotPassword(): void {
    this.forms.carryEmail(this.forms.recovery, this.forms.signIn.values.email);
    this.nav.go({ name: 'forgotPassword' });
  }

  async requestReset(): Promise<'email' | null> {
    const form = this.forms.recovery;
    const invalid = form.firstInvalid(['email']);
    if (invalid) return invalid;
    const result = await form.submit(() =>
      call('password:requestReset', { email: form.values.email }),
    );
    if (!result.ok) return form.refuse(result.error);
    this.nav.go({ name: 'resetPassword', email: result.value.email });
    return null;
  }

  async resetPassword(email: string): Promise<'code' | 'password' | null> {
    const form = this.forms.reset;
    const invalid = form.firstInvalid(['code', 'password']);
    if (invalid) return invalid;
    const { code, password } = form.values;
    const result = await form.submit(() => call('password:reset', { email, code, password }));
    if (!result.ok) return form.refuse(result.error);
    form.clear();
    this.forms.recovery.clear();
    this.nav.reset({ name: 'passwordChanged', email });
    return null;
  }
}

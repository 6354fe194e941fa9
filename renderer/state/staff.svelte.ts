import { createContext } from 'svelte';
import type { DeviceState, KioskHealth, StaffAtKiosk } from '../../src/contract/fleet.js';
import { call } from '../lib/kiosk.js';
import { t } from '../lib/messages.js';
import type { SessionView } from '../../src/contract/kiosk-api.js';
import { documentTypeIn, holderFields } from './account-forms.svelte.js';
import { apiErrorOf, Form } from './form.svelte.js';
import type { Navigation } from './navigation.svelte.js';

/** What the panel says after an action: on screen and read out with the rest of the screen. */
export type StaffNotice = { tone: 'ok' | 'error'; text: string };

/** The actions of the panel; one runs at a time, its button shows it is busy. */
export type StaffAction =
  | 'health'
  | 'sync'
  | 'retry'
  | 'discard'
  | 'testPrint'
  | 'camera'
  | 'assist'
  | 'leaveKioskMode'
  | 'signOut';

function ok(text: string): StaffNotice {
  return { tone: 'ok', text };
}

const signInRules = {
  badgeOrEmail: (value: string) => (value.trim() === '' ? t('staff.badgeMissing') : null),
  // The same rule as the central's (6 to 8 digits); the central says whether it is the right one.
  pin: (value: string) => (/^\d{6,8}$/.test(value) ? null : t('staff.pinFormat')),
};

const pinRule = (value: string) => (/^\d{6,8}$/.test(value) ? null : t('staff.pinAgain'));
const pinRules = { pin: pinRule };

const discardRules = {
  reason: (value: string) => (value.trim() === '' ? t('staff.discardReasonMissing') : null),
};

const assistRules = {
  documentType: holderFields.documentType,
  documentNumber: holderFields.documentNumber,
  // The same rule as the central's: a few words a colleague can understand later.
  reason: (value: string) => (value.trim().length < 5 ? t('staff.assistReasonMissing') : null),
  // Typed again: a panel left open does not open anyone's account.
  pin: pinRule,
};
export type AssistField = keyof typeof assistRules | 'documentSeen';

/** Refusals that mean the staff session is over (idle, signed out elsewhere, kiosk revoked). */
function sessionEnded(code: string): boolean {
  return /^(staff_session|kiosk_)/.test(code);
}

/**
 * Counter staff at the kiosk: the sign-in, the panel's kiosk health and its actions. The staff
 * session is the core's, apart from any customer's; it ends after the idle time the core reports
 * (`idleUntil`, moved on by every staff call), and the panel closes with it.
 */
export class StaffDesk {
  member = $state<StaffAtKiosk | null>(null);
  health = $state<KioskHealth | null>(null);
  notice = $state<StaffNotice | null>(null);
  running = $state<StaffAction | null>(null);
  /** Why the panel closed on its own, shown on the sign-in screen it goes back to. */
  endedNotice = $state<string | null>(null);
  readonly signInForm = new Form(signInRules);
  readonly discardForm = new Form(discardRules);
  /** "Atención asistida": who the walk-in is, that staff saw the document, and why. */
  readonly assistForm = new Form<keyof typeof assistRules>(assistRules, { documentType: 'DNI' });
  documentSeen = $state(false);
  /** "Salir del modo kiosco": the PIN again. */
  readonly leaveForm = new Form(pinRules);
  /** Seconds until the panel closes if nobody touches it; shown on every staff screen. */
  secondsLeft = $state<number | null>(null);
  readonly #nav: Navigation;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #countdown: ReturnType<typeof setInterval> | undefined;
  #lastTouch = 0;

  constructor(nav: Navigation) {
    this.#nav = nav;
  }

  /** The "Personal" link of the welcome. */
  open(): void {
    this.signInForm.clear();
    this.endedNotice = null;
    this.#nav.go({ name: 'staffSignIn' });
  }

  /** A staff session left in the core by a page that went away: nobody is watching it. */
  async endLeftover(): Promise<void> {
    try {
      if (await call('staff:current')) await call('staff:signOut');
    } catch {
      // Nothing to end, or the core cannot tell.
    }
  }

  async signIn(): Promise<'badgeOrEmail' | 'pin' | null> {
    const form = this.signInForm;
    const invalid = form.firstInvalid(['badgeOrEmail', 'pin']);
    if (invalid) return invalid;
    const result = await form.submit(() =>
      call('staff:signIn', {
        badgeOrEmail: form.values.badgeOrEmail.trim(),
        pin: form.values.pin,
      }),
    );
    // A PIN is typed again after every try, right or wrong.
    form.values.pin = '';
    form.touched.pin = false;
    if (!result.ok) {
      form.alert = result.error.message;
      return 'pin';
    }
    form.clear();
    this.endedNotice = null;
    this.member = result.value;
    this.notice = null;
    this.#scheduleIdleCheck(result.value.idleUntil);
    this.#nav.reset({ name: 'staffPanel' });
    await this.refresh();
    return null;
  }

  /** Reads the kiosk's health again (the panel opens with it). */
  refresh(): Promise<void> {
    return this.#run('health', () => call('staff:health'), null);
  }

  syncNow(): Promise<void> {
    return this.#run('sync', () => call('staff:syncNow'), t('staff.syncDone'));
  }

  retry(itemId: string): Promise<void> {
    return this.#run(
      'retry',
      () => call('staff:retryItem', { itemId }),
      t('staff.retryDone', { reference: itemId }),
    );
  }

  startDiscard(itemId: string): void {
    this.discardForm.clear();
    this.notice = null;
    this.#nav.go({ name: 'staffDiscard', itemId });
  }

  /** "Confirmar descarte": only with a reason, which the central's audit log keeps. */
  async discard(itemId: string): Promise<'reason' | null> {
    const form = this.discardForm;
    const invalid = form.firstInvalid(['reason']);
    if (invalid) return invalid;
    const result = await form.submit(() =>
      call('staff:discardItem', { itemId, reason: form.values.reason.trim() }),
    );
    if (!result.ok) {
      if (this.#endedBy(result.error.code)) return null;
      form.alert = result.error.message;
      return 'reason';
    }
    form.clear();
    this.health = result.value;
    this.notice = { tone: 'ok', text: t('staff.discardDone', { reference: itemId }) };
    this.#nav.reset({ name: 'staffPanel' });
    await this.#touched();
    return null;
  }

  async testPrint(): Promise<void> {
    await this.#act('testPrint', async () => {
      const printed = await call('staff:testPrint');
      return ok(
        printed.outcome === 'printed'
          ? t('staff.testPrinted')
          : t('staff.testPrintPdf', { file: printed.fileName ?? '' }),
      );
    });
  }

  /** "Salir del modo kiosco" asks for the PIN first. */
  startLeaveKiosk(): void {
    this.leaveForm.clear();
    this.notice = null;
    this.#nav.go({ name: 'staffLeaveKiosk' });
  }

  async leaveKioskMode(): Promise<'pin' | null> {
    const form = this.leaveForm;
    const invalid = form.firstInvalid(['pin']);
    if (invalid) return invalid;
    const result = await form.submit(() => call('staff:leaveKioskMode', { pin: form.values.pin }));
    form.values.pin = '';
    form.touched.pin = false;
    if (!result.ok) {
      if (this.#endedBy(result.error.code)) return null;
      form.alert = result.error.message;
      return 'pin';
    }
    form.clear();
    this.notice = result.value.left
      ? ok(t('staff.leaveKioskDone'))
      : { tone: 'error', text: t('staff.leaveKioskOnlyKiosk') };
    this.#nav.reset({ name: 'staffPanel' });
    await this.#touched();
    return null;
  }

  openCameraTest(): void {
    this.notice = null;
    this.#nav.go({ name: 'staffCamera' });
  }

  /** How the camera test went, for the heartbeat and this panel; back to the panel. */
  async cameraTested(state: DeviceState): Promise<void> {
    try {
      await call('fleet:reportDevice', { device: 'camera', ...state });
    } catch {
      // The panel shows what was seen either way; the next test reports it again.
    }
    this.#nav.reset({ name: 'staffPanel' });
    this.notice = { tone: state.state === 'ok' ? 'ok' : 'error', text: state.message };
    await this.#run('health', () => call('staff:health'), null, false);
  }

  /** "Atención asistida": a walk-in at the counter, present, with their document. */
  startAssist(): void {
    this.assistForm.clear();
    this.documentSeen = false;
    this.notice = null;
    this.#nav.go({ name: 'staffAssist' });
  }

  /**
   * Opens the walk-in's session: from then on the kiosk is theirs, as after "Iniciar Sesión", and
   * the home says who from staff is helping. Everything done in it is audited on the central.
   */
  async assist(signedIn: (view: SessionView) => void): Promise<AssistField | null> {
    const form = this.assistForm;
    const invalid = form.firstInvalid(['documentType', 'documentNumber']);
    if (invalid) return invalid;
    if (!this.documentSeen) {
      form.alert = t('staff.assistSeenMissing');
      return 'documentSeen';
    }
    const reasonInvalid = form.firstInvalid(['reason', 'pin']);
    if (reasonInvalid) return reasonInvalid;
    const result = await form.submit(() =>
      call('staff:assist', {
        documentType: documentTypeIn(form.values),
        documentNumber: form.values.documentNumber,
        documentSeen: true,
        reason: form.values.reason.trim(),
        pin: form.values.pin,
      }),
    );
    // The PIN is typed again after every try, right or wrong.
    form.values.pin = '';
    form.touched.pin = false;
    if (!result.ok) {
      if (this.#endedBy(result.error.code)) return null;
      const field = form.refuse(result.error);
      return field;
    }
    form.clear();
    this.documentSeen = false;
    signedIn(result.value);
    return null;
  }

  backToPanel(): void {
    this.#nav.reset({ name: 'staffPanel' });
  }

  /** "Cerrar sesión del personal". */
  async signOut(): Promise<void> {
    this.running = 'signOut';
    try {
      await call('staff:signOut');
    } catch {
      // The core forgets the session regardless; the central ends it idle.
    }
    this.#closePanel(null);
  }

  /**
   * A touch or a key on a staff screen: the core's 90 s start again (told at most every 2 s, and
   * the countdown follows the core's new deadline).
   */
  touch(): void {
    if (this.member === null || Date.now() - this.#lastTouch < 2_000) return;
    this.#lastTouch = Date.now();
    call('staff:touch')
      .then((current) => {
        if (this.member === null) return;
        this.member = current;
        this.#scheduleIdleCheck(current.idleUntil);
      })
      .catch((caught: unknown) => {
        this.#endedBy(apiErrorOf(caught).code);
      });
  }

  /** Customer memory too: a page wipe forgets what staff typed and saw. */
  clear(): void {
    clearTimeout(this.#idleTimer);
    clearInterval(this.#countdown);
    this.secondsLeft = null;
    this.leaveForm.clear();
    this.member = null;
    this.health = null;
    this.notice = null;
    this.running = null;
    this.endedNotice = null;
    this.signInForm.clear();
    this.discardForm.clear();
    this.assistForm.clear();
    this.documentSeen = false;
  }

  async #run(
    action: StaffAction,
    run: () => Promise<KioskHealth>,
    done: string | null,
    clearNotice = true,
  ): Promise<void> {
    if (clearNotice) this.notice = null;
    await this.#act(action, async () => {
      this.health = await run();
      return done === null ? null : ok(done);
    });
  }

  /** Runs one action; a refusal is shown, one that means the session ended closes the panel. */
  async #act(action: StaffAction, run: () => Promise<StaffNotice | null>): Promise<void> {
    this.running = action;
    try {
      const outcome = await run();
      if (outcome) this.notice = outcome;
    } catch (caught) {
      const error = apiErrorOf(caught);
      if (this.#endedBy(error.code)) return;
      this.notice = { tone: 'error', text: error.message };
    } finally {
      this.running = null;
    }
    await this.#touched();
  }

  #endedBy(code: string): boolean {
    if (!sessionEnded(code)) return false;
    this.#closePanel(t('staff.sessionEnded'));
    return true;
  }

  /** Every staff call moved the core's idle deadline on: ask for the new one. */
  async #touched(): Promise<void> {
    await this.#checkIdle();
  }

  async #checkIdle(): Promise<void> {
    let current: StaffAtKiosk | null;
    try {
      current = await call('staff:current');
    } catch {
      return;
    }
    if (this.member === null) return;
    if (current === null) {
      this.#closePanel(t('staff.sessionEnded'));
      return;
    }
    this.member = current;
    this.#scheduleIdleCheck(current.idleUntil);
  }

  #scheduleIdleCheck(idleUntil: string): void {
    clearTimeout(this.#idleTimer);
    const left = () => Math.max(0, Math.ceil((Date.parse(idleUntil) - Date.now()) / 1000));
    this.secondsLeft = left();
    clearInterval(this.#countdown);
    this.#countdown = setInterval(() => (this.secondsLeft = left()), 1_000);
    // A moment after the core's deadline, so the core has already let the session go.
    const wait = Math.max(0, Date.parse(idleUntil) - Date.now()) + 1_000;
    this.#idleTimer = setTimeout(() => void this.#checkIdle(), wait);
  }

  #closePanel(why: string | null): void {
    clearTimeout(this.#idleTimer);
    clearInterval(this.#countdown);
    this.secondsLeft = null;
    this.leaveForm.clear();
    this.assistForm.clear();
    this.member = null;
    this.health = null;
    this.notice = null;
    this.running = null;
    this.discardForm.clear();
    this.endedNotice = why;
    // Ended on its own: staff see why and may sign in again; the customers' clock runs there.
    if (why) this.#nav.reset({ name: 'staffSignIn' });
    else this.#nav.clear();
  }
}

const [getStaffDesk, setStaffDeskContext] = createContext<StaffDesk>();

/** The staff desk for the screens under App (the welcome's "Personal" and the staff screens). */
export { getStaffDesk, setStaffDeskContext as setStaffDesk };

import { createContext } from 'svelte';
import type { ApiError } from '../../src/contract/errors.js';
import type { RequestDraft } from '../../src/contract/kiosk-requests.js';
import { call } from '../lib/kiosk.js';
import { t } from '../lib/messages.js';
import { apiErrorOf } from './form.svelte.js';
import type { Navigation } from './navigation.svelte.js';
import type { Session } from './session.svelte.js';
import type { ResumeDraft, Tracking } from './tracking.svelte.js';

/**
 * What "Mis trámites" and the request screen do. A refusal that says the session has ended takes
 * the kiosk back to the welcome through the same wipe as "Salir".
 */
export class TrackingFlow {
  /** Opens the request wizard on a draft; set where the wizard is wired in. */
  resume: ResumeDraft | null = null;

  constructor(
    readonly nav: Navigation,
    readonly session: Session,
    readonly tracking: Tracking,
  ) {}

  /** The panel's list, asked again each time the home is shown (a submission ends there). */
  async load(): Promise<void> {
    // What was listed stays on screen while the list is asked again.
    if (this.tracking.status !== 'loaded') this.tracking.status = 'loading';
    try {
      const mine = await call('requests:mine');
      if (!this.session.ending) this.tracking.loaded(mine);
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (!error) return;
      this.tracking.status = 'failed';
      this.tracking.failure = error.message;
    }
  }

  /** The magnifier: the request's screen, its notifications read. */
  open(requestId: string): void {
    this.tracking.answerFailure = null;
    this.nav.go({ name: 'trackedRequest', requestId });
  }

  async loadRequest(requestId: string): Promise<void> {
    this.tracking.open = { status: 'loading', requestId };
    try {
      const request = await call('request:get', { requestId, markRead: true });
      if (!this.session.ending) this.tracking.opened(request);
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (error) this.tracking.open = { status: 'failed', requestId, message: error.message };
    }
  }

  /** "Corregir el paso N": a draft of the observed step only, handed to the wizard. */
  async answer(requestId: string): Promise<void> {
    if (this.tracking.answering) return;
    this.tracking.answering = true;
    this.tracking.answerFailure = null;
    let draft: RequestDraft;
    try {
      draft = await call('request:answerObservation', { requestId });
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (error) this.tracking.answerFailure = error.message;
      return;
    } finally {
      this.tracking.answering = false;
    }
    if (this.session.ending) return;
    if (this.resume) this.resume(draft);
    else this.tracking.answerFailure = t('error.generic');
  }

  back(): void {
    this.nav.back();
  }

  /** The error to show, or null when the session ended (and the wipe has begun). */
  #unlessEnded(caught: unknown): ApiError | null {
    if (this.session.ending) return null;
    const error = apiErrorOf(caught);
    if (error.code !== 'session_required') return error;
    void this.session.end();
    return null;
  }
}

/** App.svelte provides the flow; the home's panel and the request screen use it. */
export const [getTrackingFlow, setTrackingFlow] = createContext<TrackingFlow>();

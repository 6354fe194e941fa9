import type { Catalog, RequestType } from '../../src/contract/catalog.js';
import type { ApiError } from '../../src/contract/errors.js';
import type { RequestDraft } from '../../src/contract/kiosk-requests.js';
import { call } from '../lib/kiosk.js';
import { t } from '../lib/messages.js';
import { apiErrorOf } from './form.svelte.js';
import type { Navigation } from './navigation.svelte.js';
import type { CapturedPage } from './request-flow-capture.js';
import type { StepValues } from './request-flow-form.svelte.js';
import type { PrintStatus, RequestState } from './request-flow-state.svelte.js';
import { firstOpenStep, neighbourStep, wizardSteps } from './request-flow-steps.js';
import type { Session } from './session.svelte.js';
import type { Supplies } from './supplies.svelte.js';

/**
 * What each button of a request ("trámite") does: "¿Qué necesito?", the wizard's steps, the
 * review, "Enviar" and the receipt. The draft lives in the kiosk core (it survives a crash of the
 * core within the session); the screens show the core's last answer. A refusal that says the
 * session has ended takes the kiosk back to the welcome through the same wipe as "Salir".
 */
export class RequestFlow {
  constructor(
    readonly nav: Navigation,
    readonly session: Session,
    readonly supplies: Supplies,
    readonly state: RequestState,
    readonly catalog: () => Catalog | null,
  ) {}

  typeOf(requestTypeId: string): RequestType | undefined {
    return this.catalog()?.requestTypes.find((type) => type.id === requestTypeId);
  }

  /**
   * A request type's button on the home: first, what the customer needs for it. "Revisión de
   * Pilar" only from an active energy supply: the home says why its button does nothing else.
   */
  open(requestType: RequestType): void {
    if (requestType.needsActiveEnergySupply && !this.supplies.selectedIsActiveEnergy) return;
    this.state.alert = null;
    this.state.checklist.clear();
    this.nav.go({ name: 'requestNeeds', requestTypeId: requestType.id });
  }

  /** "Imprimir lista": the requirements on paper, to bring them next time. */
  async printChecklist(requestTypeId: string): Promise<void> {
    await this.#print(this.state.checklist, () => call('requirements:print', { requestTypeId }));
  }

  /** "Empezar": a new draft (replacing any other of the session), at its first step. */
  async start(requestType: RequestType): Promise<void> {
    const supplyNumber = this.supplies.selectedNumber;
    const draft = await this.#run(t('requests.starting'), () =>
      call('request:start', {
        requestTypeId: requestType.id,
        ...(requestType.needsActiveEnergySupply && supplyNumber !== null && { supplyNumber }),
      }),
    );
    if (!draft) return;
    this.state.adopt(draft);
    const first = wizardSteps(draft, requestType)[0];
    if (first) this.nav.replace({ name: 'requestStep', stepId: first.id });
  }

  /**
   * The way into the wizard for a draft the core already keeps: the home's "Continuar trámite",
   * and "Mis trámites" once `request:answerObservation` answered a draft that redoes an observed
   * step (`draft.answering` set: the wizard then shows only that step and the review, titled as
   * an answer to the observation). Opens the first step not done yet, on top of the home.
   */
  resume(draft: RequestDraft): void {
    const type = this.typeOf(draft.requestTypeId);
    const step = type && firstOpenStep(draft, type);
    if (!step) {
      this.state.alert = t('error.generic');
      return;
    }
    this.state.adopt(draft);
    this.nav.home();
    this.nav.go({ name: 'requestStep', stepId: step.id });
  }

  /**
   * "Seguir con …": the top bar's supply changed during a request about another supply; the
   * request keeps its own, and the top bar shows it again.
   */
  keepSupply(supplyNumber: string): void {
    this.state.alert = null;
    this.supplies.selectedNumber = supplyNumber;
  }

  /** The home asks whether a draft waits (after a reload of the screen, or a restart of the core). */
  async checkWaiting(): Promise<void> {
    try {
      const draft = await call('request:current');
      if (!this.session.ending) this.state.waiting = draft;
    } catch (caught) {
      // Not offering to continue is no failure the customer must hear about.
      this.#unlessEnded(caught);
    }
  }

  continueWaiting(): void {
    if (this.state.waiting) this.resume(this.state.waiting);
  }

  goTo(stepId: string): void {
    this.state.alert = null;
    this.state.doubtful = null;
    this.nav.replace({ name: 'requestStep', stepId });
  }

  /** "Volver": the step before, or the home from the first one (the draft stays to continue). */
  back(stepId: string): void {
    const { draft } = this.state;
    const type = draft && this.typeOf(draft.requestTypeId);
    const previous = type ? neighbourStep(draft, type, stepId, -1) : undefined;
    if (previous) {
      this.goTo(previous.id);
      return;
    }
    // Photos of the customer's documents stay in the core only; the wizard asks for them again.
    this.state.previews = {};
    this.state.waiting = draft;
    this.nav.home();
  }

  next(stepId: string): void {
    const { draft } = this.state;
    const type = draft && this.typeOf(draft.requestTypeId);
    const following = type ? neighbourStep(draft, type, stepId, 1) : undefined;
    if (following) this.goTo(following.id);
  }

  /** Keeps a `fields` step; answers the refusal (with the field it names), or null. */
  async saveStep(stepId: string, values: StepValues): Promise<ApiError | null> {
    this.state.alert = null;
    try {
      const draft = await call('request:saveStep', { stepId, values });
      if (!this.session.ending) this.state.adopt(draft);
      return null;
    } catch (caught) {
      return this.#unlessEnded(caught);
    }
  }

  /** A photographed page: shown at once, with the core's verdict on its sharpness and light. */
  async addPage(requirementId: string, captured: CapturedPage): Promise<void> {
    const added = await this.#run(t('requests.photo.saving'), () =>
      call('request:addPage', { requirementId, imageBase64: captured.base64 }),
    );
    if (!added) return;
    this.state.previews[added.page.pageId] = captured.dataUrl;
    this.state.adopt(added.draft);
    this.state.doubtful = added.page.quality.ok ? null : added.page;
  }

  /** "Borrar" on a page, and the first half of "Sacar otra". */
  async removePage(pageId: string): Promise<void> {
    const draft = await this.#run(t('requests.photo.removing'), () =>
      call('request:removePage', { pageId }),
    );
    if (!draft) return;
    delete this.state.previews[pageId];
    this.state.adopt(draft);
  }

  /** The photos of pages taken before the screen was reloaded, asked of the core one by one. */
  async loadPreviews(pageIds: string[]): Promise<void> {
    for (const pageId of pageIds) {
      if (this.state.previews[pageId] || this.session.ending) continue;
      try {
        const { mediaType, imageBase64 } = await call('request:pagePreview', { pageId });
        if (!this.session.ending)
          this.state.previews[pageId] = `data:${mediaType};base64,${imageBase64}`;
      } catch (caught) {
        // The thumbnail stays a placeholder; the page itself is still in the draft.
        this.#unlessEnded(caught);
      }
    }
  }

  /** "Firmar": the finger signature on the form, as signature_pad's PNG. */
  async sign(requirementId: string, signaturePngBase64: string): Promise<boolean> {
    const draft = await this.#run(t('requests.sign.saving'), () =>
      call('request:signForm', { requirementId, signaturePngBase64 }),
    );
    if (!draft) return false;
    this.state.adopt(draft);
    return true;
  }

  /** "Imprimir formulario": filled with the customer's data, to read or sign on paper. */
  async printForm(requirementId: string): Promise<void> {
    await this.#print(this.state.form, () =>
      call('request:printForm', { requirementId, filled: true }),
    );
  }

  async loadReview(): Promise<void> {
    const review = await this.#run(t('requests.review.loading'), () => call('request:review'));
    if (review) {
      this.state.review = review;
      this.state.draft = review.draft;
    }
  }

  /** "Enviar": the core commits the request, prints the receipt and answers it. */
  async submit(): Promise<void> {
    const receipt = await this.#run(t('requests.review.sending'), () => call('request:submit'));
    if (!receipt) return;
    this.state.dropDraft();
    this.state.receipt = receipt;
    this.nav.home();
    this.nav.go({ name: 'requestReceipt' });
  }

  /** "Cancelar trámite", once confirmed: the draft and its photos are deleted. */
  async discard(): Promise<void> {
    const done = await this.#run(t('requests.discarding'), () => call('request:discard'));
    if (!done) return;
    this.state.dropDraft();
    this.nav.home();
  }

  /** "Volver al inicio" from the receipt. */
  finish(): void {
    this.state.receipt = null;
    this.nav.home();
  }

  async #print(status: PrintStatus, print: () => Promise<{ outcome: 'printed' | 'pdf' }>) {
    status.printing();
    try {
      const { outcome } = await print();
      if (!this.session.ending) status.status = outcome;
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (error) status.failed(error.message);
    }
  }

  /** Runs a slow call with `busy` said on screen; a refusal becomes the screen's alert. */
  async #run<T>(busy: string, action: () => Promise<T>): Promise<T | null> {
    this.state.busy = busy;
    this.state.alert = null;
    try {
      const value = await action();
      return this.session.ending ? null : value;
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (error) this.state.alert = error.message;
      return null;
    } finally {
      this.state.busy = null;
    }
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

import type { PrintOutcome } from '../../src/contract/kiosk-api.js';
import type {
  DraftPage,
  RequestDraft,
  RequestReview,
  SubmitReceipt,
} from '../../src/contract/kiosk-requests.js';

/** How a document sent to the printer went: printed, kept as a PDF for the counter, or failed. */
export class PrintStatus {
  status = $state<'idle' | 'printing' | PrintOutcome['outcome'] | 'failed'>('idle');
  failure = $state<string | null>(null);

  printing(): void {
    this.status = 'printing';
    this.failure = null;
  }

  failed(message: string): void {
    this.status = 'failed';
    this.failure = message;
  }

  clear(): void {
    this.status = 'idle';
    this.failure = null;
  }
}

/**
 * Everything of a request in progress the screens hold: the draft as the core answered it last,
 * the photos to show, the review, the receipt. All of it is the customer's and goes with the
 * session (App.svelte lists it in the session's memory).
 */
export class RequestState {
  draft = $state<RequestDraft | null>(null);
  /** A draft the core still keeps, for the home to offer "Continuar trámite". */
  waiting = $state<RequestDraft | null>(null);
  review = $state<RequestReview | null>(null);
  receipt = $state<SubmitReceipt | null>(null);
  /** Photos by page id, as data URLs: taken here, or asked of the core after a reload. */
  previews = $state<Record<string, string>>({});
  /** The page just added whose photo the core found blurry or dark. */
  doubtful = $state<DraftPage | null>(null);
  /** What is slow right now, said on screen; null when nothing is. */
  busy = $state<string | null>(null);
  /** A refusal that belongs to no field, shown above the buttons. */
  alert = $state<string | null>(null);
  confirmingDiscard = $state(false);
  readonly checklist = new PrintStatus();
  readonly form = new PrintStatus();

  /** The draft the screens show from now on; what belonged to another draft is dropped. */
  adopt(draft: RequestDraft): void {
    if (this.draft?.draftId !== draft.draftId) {
      this.previews = {};
      this.review = null;
    }
    this.draft = draft;
    this.waiting = null;
    this.receipt = null;
    this.doubtful = null;
    this.alert = null;
    this.confirmingDiscard = false;
    this.form.clear();
  }

  /** The draft is gone (sent or cancelled): nothing of it stays on screen. */
  dropDraft(): void {
    this.draft = null;
    this.waiting = null;
    this.review = null;
    this.previews = {};
    this.doubtful = null;
    this.confirmingDiscard = false;
    this.form.clear();
  }

  clear(): void {
    this.dropDraft();
    this.receipt = null;
    this.busy = null;
    this.alert = null;
    this.checklist.clear();
  }
}

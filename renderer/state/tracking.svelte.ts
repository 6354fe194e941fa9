import type { MyRequests, RequestDraft } from '../../src/contract/kiosk-requests.js';
import type { RequestDetail, RequestSummary } from '../../src/contract/requests.js';

/** One request as the request screen shows it, while it is asked for and after. */
export type OpenRequest =
  | { status: 'idle' }
  | { status: 'loading'; requestId: string }
  | { status: 'loaded'; request: RequestDetail }
  | { status: 'failed'; requestId: string; message: string };

/**
 * "Mis trámites": the customer's requests with their notifications, what still waits in this
 * kiosk's outbox, and the request open on its own screen. All of it is the customer's and is
 * forgotten with the session.
 */
export class Tracking {
  status = $state<'idle' | 'loading' | 'loaded' | 'failed'>('idle');
  mine = $state<MyRequests | null>(null);
  failure = $state<string | null>(null);
  open = $state<OpenRequest>({ status: 'idle' });
  /** "Corregir el paso": the draft is being started. */
  answering = $state(false);
  answerFailure = $state<string | null>(null);

  /** The newest change first: what moved last is what the customer came to see. */
  readonly requests = $derived(
    [...(this.mine?.requests ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
  );
  readonly pending = $derived(this.mine?.pending ?? []);
  readonly empty = $derived(this.requests.length === 0 && this.pending.length === 0);

  /** Offline, the core cannot list the central's requests: the last ones known stay shown. */
  loaded(mine: MyRequests): void {
    this.mine = mine.online ? mine : { ...mine, requests: this.mine?.requests ?? [] };
    this.status = 'loaded';
    this.failure = null;
  }

  /** Opened with the magnifier: its notifications are read, the list says so at once. */
  opened(request: RequestDetail): void {
    this.open = { status: 'loaded', request };
    if (!this.mine) return;
    this.mine = {
      ...this.mine,
      requests: this.mine.requests.map((known): RequestSummary =>
        known.id === request.id
          ? { ...known, state: request.state, unreadNotifications: request.unreadNotifications }
          : known,
      ),
    };
  }

  clear(): void {
    this.status = 'idle';
    this.mine = null;
    this.failure = null;
    this.open = { status: 'idle' };
    this.answering = false;
    this.answerFailure = null;
  }
}

/** What the wizard needs to open on a draft that redoes an observed step. */
export type ResumeDraft = (draft: RequestDraft) => void;

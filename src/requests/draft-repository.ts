import { createHash } from 'node:crypto';
import type { SealedBox } from '../outbox/sealed-box.js';
import type { DraftStore } from '../store/index.js';
import { StoredDraft } from './draft.js';

/** Whose session a draft belongs to: derived from the central's session, never the token itself. */
export type DraftSession = { sessionId: string; owner: string; expiresAt: string };

/** The sha-256 of the session token: names the session on disk without being usable as one. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Drafts sealed with the device key in SQLite: the stored bytes say nothing of the customer, and
 * the same customer's pseudonym lets a draft survive a crash of the core within the session.
 */
export function createDraftRepository(deps: {
  store: DraftStore;
  transaction: <T>(work: () => T) => T;
  box: SealedBox;
  now: () => Date;
}) {
  const { store, box } = deps;
  const bodyContext = (session: DraftSession) => `request-draft:${session.owner}`;
  const fileContext = (fileId: string) => `request-draft-file:${fileId}`;
  const now = () => deps.now().toISOString();

  function save(session: DraftSession, draft: StoredDraft) {
    store.put(
      { ...session, body: box.sealJson({ ...draft, updatedAt: now() }, bodyContext(session)) },
      now(),
    );
  }

  return {
    load(session: DraftSession): StoredDraft | null {
      const row = store.get(session.sessionId);
      if (!row || row.owner !== session.owner) return null;
      return StoredDraft.parse(box.openJson(row.body, bodyContext(session)));
    },
    save,
    /** Saves the draft and one file of it together: a page never exists without its draft. */
    saveWithFile(session: DraftSession, draft: StoredDraft, fileId: string, bytes: Uint8Array) {
      deps.transaction(() => {
        save(session, draft);
        store.putFile(session.sessionId, fileId, box.seal(bytes, fileContext(fileId)));
      });
    },
    readFile(session: DraftSession, fileId: string): Buffer | null {
      const sealed = store.getFile(session.sessionId, fileId);
      return sealed ? box.open(sealed, fileContext(fileId)) : null;
    },
    saveWithoutFiles(session: DraftSession, draft: StoredDraft, fileIds: readonly string[]) {
      deps.transaction(() => {
        save(session, draft);
        for (const fileId of fileIds) store.deleteFile(session.sessionId, fileId);
      });
    },
    discard: (sessionId: string) => store.delete(sessionId),
    handOver: (session: DraftSession) =>
      store.handOver(session.owner, session.sessionId, session.expiresAt, now()),
    purgeExpired: () => store.purgeExpired(now()),
  };
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;

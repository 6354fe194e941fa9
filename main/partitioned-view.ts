import { randomUUID } from 'node:crypto';
import { WebContentsView, session as sessions, type BaseWindow, type Session } from 'electron';
import type { WebPreferences } from 'electron';

/** A view and the in-memory partition that belongs to it alone. */
export type PartitionedView = {
  readonly view: WebContentsView;
  readonly session: Session;
  readonly partition: string;
};

type Log = (message: string, error?: unknown) => void;

/**
 * A partition nobody has used before. The name has no `persist:` prefix, so Chromium keeps
 * everything of it in memory; HTTP caching is off so that nothing of a customer lingers in a cache
 * either.
 */
export function freshPartition(prefix: string): { partition: string; session: Session } {
  const partition = `${prefix}${randomUUID()}`;
  return { partition, session: sessions.fromPartition(partition, { cache: false }) };
}

/**
 * Wipes what a partition still holds in memory once its page is closed. `clearStorageData` alone
 * leaves some data behind (electron/electron #24130, #45531), which is why every customer gets a
 * new partition in the first place.
 */
export async function wipePartition(session: Session, log: Log): Promise<void> {
  const wipes = await Promise.allSettled([
    session.closeAllConnections(),
    session.clearStorageData(),
    session.clearCache(),
    session.clearAuthCache(),
  ]);
  for (const wipe of wipes) {
    if (wipe.status === 'rejected') log('No se pudo borrar una partición', wipe.reason);
  }
}

/** A view in a fresh partition; `prepare` locks the partition down before the view exists. */
export function createPartitionedView(
  prefix: string,
  preferences: (partition: string) => WebPreferences,
  prepare: (session: Session) => void,
): PartitionedView {
  const { partition, session } = freshPartition(prefix);
  prepare(session);
  const view = new WebContentsView({ webPreferences: preferences(partition) });
  return { view, session, partition };
}

/** Takes the view off the window, closes its page, then wipes its partition. */
export async function destroyPartitionedView(
  window: BaseWindow,
  { view, session }: PartitionedView,
  log: Log,
): Promise<void> {
  try {
    window.contentView.removeChildView(view);
  } catch (error) {
    log('No se pudo quitar la vista de la ventana', error);
  }
  if (!view.webContents.isDestroyed()) view.webContents.close();
  await wipePartition(session, log);
}

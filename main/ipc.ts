import { kioskApi, type Envelope, type KioskMethod } from '../src/contract/index.js';
import { dispatch, type DispatchLog, type KioskHandlers } from '../src/kiosk/dispatch.js';
import { kioskErrors } from '../src/kiosk/errors.js';

/** The part of Electron's WebFrameMain the sender check reads. */
export type SenderFrame = {
  readonly url: string;
  readonly parent: SenderFrame | null;
};

export type KioskInvokeEvent = { readonly senderFrame: SenderFrame | null };

export type KioskInvokeListener = (event: KioskInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** The part of Electron's ipcMain the kiosk API needs. */
export type KioskIpcMain = {
  handle(channel: string, listener: KioskInvokeListener): void;
  removeHandler(channel: string): void;
};

export type IpcLog = DispatchLog;

/**
 * Registers one `ipcMain.handle` per method of the kiosk API, and nothing else. Every call is
 * refused unless it comes from the app's own frame; the method name is the channel's, never one
 * the page chooses. Returns a function that removes the handlers again.
 */
export function registerKioskApi(
  ipcMain: KioskIpcMain,
  handlers: KioskHandlers,
  isTrustedFrame: (frame: SenderFrame) => boolean,
  log: IpcLog = () => {},
): () => void {
  const channels = Object.keys(kioskApi) as KioskMethod[];
  for (const method of channels) {
    ipcMain.handle(method, async (event, input): Promise<Envelope<unknown>> => {
      const frame = event.senderFrame;
      if (frame === null || !isTrustedFrame(frame)) {
        const error = kioskErrors.foreignSender();
        log({ method, error: new Error(`${error.message} (${describeFrame(frame)})`) });
        return { ok: false, error: error.toApiError() };
      }
      return dispatch(handlers, method, input, log);
    });
  }
  return () => {
    for (const method of channels) ipcMain.removeHandler(method);
  };
}

/**
 * True only for the top frame of a page served from the app's own origin (`app://ventanilla` when
 * packaged, the Vite dev server while developing). An iframe, a page the window navigated to, or a
 * frame already gone is never trusted.
 */
export function isAppFrame(frame: SenderFrame | null, appOrigin: string): boolean {
  if (frame === null) return false;
  try {
    if (frame.parent !== null) return false;
    const expected = originOf(appOrigin);
    return expected !== null && originOf(frame.url) === expected;
  } catch {
    return false;
  }
}

/**
 * `URL.origin` is "null" for schemes Node does not know (such as `app:`), so the origin is rebuilt
 * from scheme and host; URLs without a host (file:, data:, about:blank) have no origin to trust.
 */
export function originOf(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

function describeFrame(frame: SenderFrame | null): string {
  if (frame === null) return 'sin marco';
  try {
    return frame.url;
  } catch {
    return 'marco destruido';
  }
}

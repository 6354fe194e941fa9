import type { PermissionCheckHandlerHandlerDetails, Session } from 'electron';
import { isAllowedUrl } from './contents.js';

/** What a permission request says about itself (Electron's details, as far as they matter). */
export type PermissionRequestDetails = {
  readonly requestingUrl?: string;
  readonly securityOrigin?: string;
  readonly mediaTypes?: readonly string[];
};

/**
 * The camera, and only the camera: the `media` permission for video alone (no microphone, no
 * screen), asked by a page of the app's own origin. `cameraOrigin` null grants nothing at all
 * (the payments site).
 */
export function grantsPermissionRequest(
  permission: string,
  details: PermissionRequestDetails,
  cameraOrigin: string | null,
): boolean {
  if (cameraOrigin === null || permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  if (types.length === 0 || types.some((type) => type !== 'video')) return false;
  const origin = details.securityOrigin ?? details.requestingUrl ?? '';
  return isAllowedUrl(origin, cameraOrigin);
}

/** The same rule for Chromium's permission checks (device labels, `navigator.permissions`). */
export function grantsPermissionCheck(
  permission: string,
  requestingOrigin: string,
  details: Pick<PermissionCheckHandlerHandlerDetails, 'mediaType' | 'securityOrigin'>,
  cameraOrigin: string | null,
): boolean {
  if (cameraOrigin === null || permission !== 'media' || details.mediaType !== 'video') {
    return false;
  }
  return isAllowedUrl(details.securityOrigin ?? requestingOrigin, cameraOrigin);
}

/**
 * Locks a partition down: only the camera for `cameraOrigin`, no USB/HID/serial devices, no
 * downloads (a customer could not take a file away anyway, and it would stay on the kiosk's disk).
 */
export function lockDownSession(session: Session, cameraOrigin: string | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(grantsPermissionRequest(permission, details, cameraOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    grantsPermissionCheck(permission, requestingOrigin, details, cameraOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  session.setSpellCheckerEnabled(false);
}

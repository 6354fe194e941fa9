/**
 * Forgets everything of a customer that the page itself holds: camera streams, storage, caches,
 * databases. The caller clears its state objects first and reloads the page last, so nothing of
 * the customer survives in JavaScript memory either.
 */
export async function wipeBrowserData(): Promise<void> {
  stopCameras();
  clearStorage(() => sessionStorage);
  clearStorage(() => localStorage);
  await Promise.allSettled([clearCacheStorage(), deleteDatabases()]);
}

/** The app's own entry page, without query or fragment (a fresh load starts at the welcome). */
export function appRoot(): string {
  return `${location.origin}${location.pathname}`;
}

/** A camera left open would keep filming the next person. */
export function stopCameras(): void {
  for (const video of document.querySelectorAll('video')) {
    const stream = video.srcObject;
    if (stream instanceof MediaStream) for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}

function clearStorage(storage: () => Storage): void {
  try {
    storage().clear();
  } catch {
    // Storage can be switched off for the page: then nothing was stored either.
  }
}

async function clearCacheStorage(): Promise<void> {
  if (!('caches' in globalThis)) return;
  const names = await caches.keys();
  await Promise.all(names.map((name) => caches.delete(name)));
}

async function deleteDatabases(): Promise<void> {
  if (!('indexedDB' in globalThis) || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(({ name }) => (name === undefined ? Promise.resolve() : deleteDatabase(name))),
  );
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Blocked means another tab holds it open; the reload that follows closes ours.
    request.onblocked = () => resolve();
  });
}

/** Why the camera could not be opened, as the screens word it to their own people. */
export type CameraProblem = 'denied' | 'missing' | 'busy';

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    default:
      return 'busy';
  }
}

/** A document camera: the back one when there are two, as sharp as it gives. */
export const documentCamera: MediaTrackConstraints = {
  facingMode: { ideal: 'environment' },
  width: { ideal: 1920 },
  height: { ideal: 1080 },
};

/**
 * Opens the camera and plays it in `video`. Null when the screen was left meanwhile (`left()`):
 * the camera it got is stopped at once. Throws what getUserMedia throws (see `cameraProblemOf`);
 * without camera support at all, a `NotFoundError`.
 */
export async function openCamera(
  video: HTMLVideoElement,
  constraints: MediaTrackConstraints | true,
  left: () => boolean,
): Promise<MediaStream | null> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new DOMException('No camera support', 'NotFoundError');
  }
  const stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: constraints });
  if (left()) {
    stopStream(stream);
    return null;
  }
  video.srcObject = stream;
  await video.play();
  return stream;
}

/** Stops every track and empties the video: nothing keeps being filmed once the screen is left. */
export function releaseCamera(stream: MediaStream | null, video: HTMLVideoElement | undefined) {
  if (stream) stopStream(stream);
  if (video) {
    video.pause();
    video.srcObject = null;
  }
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

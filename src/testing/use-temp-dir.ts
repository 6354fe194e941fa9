import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './temp-dir.js';

/** A fresh temp folder for each test of the calling file, removed after it. */
export function useTempDir(prefix?: string) {
  let current: ReturnType<typeof tempDir> | undefined;
  beforeEach(() => {
    current = tempDir(prefix);
  });
  afterEach(() => current?.remove());
  return {
    get dir(): string {
      if (!current) throw new Error('useTempDir: only inside a test');
      return current.dir;
    },
  };
}

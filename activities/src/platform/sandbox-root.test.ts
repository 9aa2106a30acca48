import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxRootFor } from './sandbox-root';

describe('sandboxRootFor', () => {
  it('uses ARGUS_SANDBOX_DIR when set, resolved', () => {
    expect(sandboxRootFor('relative/checkouts')).toBe(path.resolve('relative/checkouts'));
  });

  it('falls back to the temp directory where there is no memory-backed space', () => {
    expect(sandboxRootFor(undefined, path.join(os.tmpdir(), 'argus-no-such-shm'))).toBe(path.join(os.tmpdir(), 'argus-runs'));
  });
});

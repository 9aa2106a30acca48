import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@argus/activities';
import { ensureInstallationSecrets, withInstallationSecrets } from './installation-secrets';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('installation secrets (npm start)', () => {
  it('generates random keys once, private to the installation, and reuses them on every later start', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'argus-secrets-'));
    const first = await ensureInstallationSecrets(dir);
    const file = path.join(dir, 'secrets.env');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.JWT_SECRET.length).toBeGreaterThanOrEqual(48);
    expect(await ensureInstallationSecrets(dir)).toEqual(first);
    const other = await mkdtemp(path.join(os.tmpdir(), 'argus-secrets-'));
    try {
      // Two installations never share a key.
      const second = await ensureInstallationSecrets(other);
      expect(second.JWT_SECRET).not.toBe(first.JWT_SECRET);
      expect(second.ARGUS_ENCRYPTION_KEYS).not.toBe(first.ARGUS_ENCRYPTION_KEYS);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    expect(await readFile(file, 'utf8')).toContain(`JWT_SECRET=${first.JWT_SECRET}`);
    // The generated keys are a valid configuration.
    const config = loadConfig(await withInstallationSecrets({}, dir));
    expect(config.jwtSecret).toBe(first.JWT_SECRET);
    expect(config.encryptionKeys.get(first.ARGUS_ENCRYPTION_ACTIVE_KEY_ID)).toHaveLength(32);
  });

  it('keeps keys set in the environment', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'argus-secrets-'));
    const env = { JWT_SECRET: 'y'.repeat(40), ARGUS_ENCRYPTION_KEYS: `mine:${Buffer.alloc(32, 2).toString('base64')}` };
    expect(await withInstallationSecrets(env, dir)).toEqual(env);
  });
});

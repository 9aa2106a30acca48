import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secrets';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('secret box (AES-256-GCM)', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = createSecretBox(new Map([['k1', k1]]), 'k1');
    const sealed = box.encrypt('ghs_supersecret', 'workspace:1:github');
    expect(sealed).not.toContain('supersecret');
    expect(box.decrypt(sealed, 'workspace:1:github')).toBe('ghs_supersecret');
  });

  it('decrypts with old keys after rotation and flags them for re-encryption', () => {
    const old = createSecretBox(new Map([['k1', k1]]), 'k1').encrypt('value');
    const rotated = createSecretBox(new Map([['k1', k1], ['k2', k2]]), 'k2');
    expect(rotated.decrypt(old)).toBe('value');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('value'))).toBe(false);
  });

  it('rejects tampering and a ciphertext moved to another context', () => {
    const box = createSecretBox(new Map([['k1', k1]]), 'k1');
    const sealed = box.encrypt('value', 'row:a');
    expect(() => box.decrypt(sealed, 'row:b')).toThrow();
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => box.decrypt(parts.join('.'), 'row:a')).toThrow();
  });

  it('refuses a truncated authentication tag (GCM would otherwise accept a 4-byte, forgeable tag)', () => {
    const box = createSecretBox(new Map([['k1', k1]]), 'k1');
    const parts = box.encrypt('value', 'row:a').split('.');
    parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => box.decrypt(parts.join('.'), 'row:a')).toThrow('not an Argus sealed secret');
  });
});

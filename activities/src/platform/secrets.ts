import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for every third-party secret kept at rest (GitHub tokens, AI keys, webhook secrets).
 * Format: `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url), so old keys keep decrypting after a rotation.
 */
export interface SecretBox {
  encrypt(plaintext: string, context?: string): string;
  decrypt(sealed: string, context?: string): string;
  needsRotation(sealed: string): boolean;
}

const TAG_BYTES = 16;
const IV_BYTES = 12;

export function createSecretBox(keys: Map<string, Buffer>, activeKeyId: string): SecretBox {
  const active = keys.get(activeKeyId);
  if (!active) throw new Error(`encryption key "${activeKeyId}" is not configured`);
  return {
    encrypt(plaintext, context = '') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active, iv, { authTagLength: TAG_BYTES });
      // The context (e.g. "workspace:<id>:groq") is bound as AAD so a ciphertext cannot be moved to another row.
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', activeKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed, context = '') {
      const [version, kid, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !kid || !iv || !tag || body === undefined) throw new Error('not an Argus sealed secret');
      const key = keys.get(kid);
      if (!key) throw new Error(`encryption key "${kid}" is not configured`);
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      // A pinned tag length: GCM would otherwise accept a truncated (forgeable) 4-byte tag.
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new Error('not an Argus sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    needsRotation(sealed) {
      return sealed.split('.')[1] !== activeKeyId;
    },
  };
}

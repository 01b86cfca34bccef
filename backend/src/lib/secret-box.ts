import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption of small secrets at rest (a mentor's bank account number, UPI id) with AES-256-GCM. Each value carries
 * the id of the key that sealed it, so keys can rotate: new values are sealed with the first key of the ring, old
 * ones still open with theirs until they are sealed again. Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url).
 * `aad` binds a value to where it belongs (e.g. its owner's id): moved to another row, it no longer opens.
 */

export interface SecretKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export interface SecretBox {
  seal(plain: string, aad: string): string;
  open(sealed: string, aad: string): string;
  /** Whether a value was sealed with another key than the current one (it should be sealed again). */
  isStale(sealed: string): boolean;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses `id:base64key[,id:base64key…]` (the first is current), as PAYOUT_DETAILS_KEY holds it; throws saying what is wrong. */
export function parseKeyRing(value: string): SecretKey[] {
  const keys = value.split(',').map((part) => {
    const [id = '', encoded = ''] = part.trim().split(':');
    if (!KEY_ID.test(id)) throw new Error('each key needs an id of 1–32 letters, digits, "-" or "_" before a ":"');
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('key ids must differ');
  return keys;
}

export function createSecretBox(ring: SecretKey[]): SecretBox {
  const [current] = ring;
  if (!current) throw new Error('a secret box needs at least one key');
  const byId = new Map(ring.map((k) => [k.id, k.key]));
  return {
    seal(plain, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open(sealed, aad) {
      const [version, keyId = '', ...parts] = sealed.split('.');
      const key = byId.get(keyId);
      if (version !== 'v1' || !key || parts.length !== 3) throw new Error('sealed with an unknown key or format');
      // Only the exact encoding opens: base64 ignores a last character's spare bits, which would let two texts open.
      const [iv, tag, ciphertext] = parts.map((part) => {
        const bytes = Buffer.from(part, 'base64url');
        if (bytes.toString('base64url') !== part) throw new Error('sealed value is not in its exact encoding');
        return bytes;
      }) as [Buffer, Buffer, Buffer];
      if (iv.length !== 12 || tag.length !== 16) throw new Error('sealed value has a wrong nonce or tag length');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    },
    isStale: (sealed) => sealed.split('.')[1] !== current.id,
  };
}

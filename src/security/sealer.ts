import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Encrypts personal data at rest (AES-256-GCM). Sealed values are `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export interface Sealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** Seals bytes (an attachment) the same way: one version byte, the IV, the tag, then the ciphertext. */
  sealBytes(plain: Uint8Array): Buffer;
  openBytes(sealed: Uint8Array): Buffer;
}

/** The first byte of sealed bytes; a later format gets another. */
const bytesVersion = 1;
const ivLength = 12;
const tagLength = 16;

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('The encryption key must be 32 bytes (base64 of 32 random bytes).');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
        throw new Error('A sealed value is malformed.');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    sealBytes(plain) {
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([bytesVersion]), iv, cipher.getAuthTag(), body]);
    },
    openBytes(sealed) {
      const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (bytes.length < 1 + ivLength + tagLength || bytes[0] !== bytesVersion) throw new Error('Sealed bytes are malformed.');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + ivLength));
      decipher.setAuthTag(bytes.subarray(1 + ivLength, 1 + ivLength + tagLength));
      return Buffer.concat([decipher.update(bytes.subarray(1 + ivLength + tagLength)), decipher.final()]);
    },
  };
}

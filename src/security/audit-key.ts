import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The Ed25519 key that signs audit checkpoints. It lives outside the database (a file or an
 * environment variable, like the encryption key), so whoever can write the database cannot sign.
 * A verifier may hold only the public half.
 */
export interface AuditKey {
  /** The first 16 hex digits of the SHA-256 of the public key, named in every checkpoint. */
  keyId: string;
  publicKeyPem: string;
  /** Whether this key can sign (a verifier given only the public key cannot). */
  canSign: boolean;
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
}

function fromKeys(publicKey: KeyObject, privateKey: KeyObject | null): AuditKey {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('The audit signing key must be an Ed25519 key.');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
    publicKeyPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
    canSign: privateKey !== null,
    sign(payload) {
      if (!privateKey) throw new Error('Only the public audit key is configured here; it cannot sign checkpoints.');
      return sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64');
    },
    verify(payload, signature) {
      try {
        return verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/** Reads a PEM private key (PKCS#8) or public key (SPKI); a bare base64 body of either also works. */
export function parseAuditKey(text: string): AuditKey {
  const trimmed = text.trim();
  if (trimmed.includes('PUBLIC KEY')) return fromKeys(createPublicKey(trimmed), null);
  const privateKey = trimmed.startsWith('-----')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  return fromKeys(createPublicKey(privateKey), privateKey);
}

/** A new signing key as PKCS#8 PEM, for the key file created on first start. */
export function generateAuditKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
}

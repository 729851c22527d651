import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** Hashes a password with scrypt and a random salt: `scrypt$<salt>$<hash>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A fresh secret for a session or API token, and the digest under which it is stored. */
export function newSecret(prefix: string): { secret: string; digest: string } {
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, digest: digestSecret(secret) };
}

export function digestSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A readable generated password for a first admin. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

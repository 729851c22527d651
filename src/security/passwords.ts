import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; maxmem: number }) => Promise<Buffer>;

/** scrypt's cost parameter N: Node's default, 2^14, for every hash a server makes. */
const serverCost = 2 ** 14;
/**
 * Hashes made inside the test suite (vitest sets VITEST) use 2^10, so building a test county's six
 * accounts does not dominate the suite. Each hash names its cost, so every hash verifies with the
 * cost it was made with, and a hash made at another cost is never mistaken for one.
 */
const cost = (): number => (process.env.VITEST ? 2 ** 10 : serverCost);
const costs = new Set(Array.from({ length: 11 }, (_, power) => 2 ** (10 + power)));

const derive = (password: string, salt: Buffer, length: number, N: number) => scryptAsync(password, salt, length, { N, maxmem: 256 * N * 8 });

/** Hashes a password with scrypt and a random salt: `scrypt$<salt>$<hash>` (cost 2^14), or `scrypt$<salt>$<hash>$<N>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const N = cost();
  const hash = await derive(password, salt, 32, N);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}${N === serverCost ? '' : `$${N}`}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash, named] = stored.split('$');
  const N = named === undefined ? serverCost : Number(named);
  if (scheme !== 'scrypt' || !salt || !hash || !costs.has(N)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.length, N);
  return timingSafeEqual(actual, expected);
}

/** A hash no password matches, at the cost in use: checked for unknown accounts, so they take as long as known ones. */
export const unknownAccountHash = (): string =>
  `scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA${cost() === serverCost ? '' : `$${cost()}`}`;

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

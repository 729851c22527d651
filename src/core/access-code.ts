import { createHash, timingSafeEqual } from 'node:crypto';

/** Crockford base32, as in case references: no I, L, O or U, so a code copied by hand survives. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters in an access code: 20 × 5 bits = 100 bits of randomness (the floor is 80). */
export const accessCodeLength = 20;

/**
 * A petitioner's private access code such as `K7M3-9PQX-2D4F-HJ8N-WQ5T`, from 20 random bytes.
 * 256 is a multiple of 32, so `byte % 32` picks every character with the same chance.
 */
export function newAccessCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < accessCodeLength) throw new Error(`An access code needs ${accessCodeLength} random bytes.`);
  const chars = Array.from(randomBytes.slice(0, accessCodeLength), (byte) => alphabet[byte % 32]).join('');
  return (chars.match(/.{4}/g) ?? []).join('-');
}

/** Reads a code or reference as a person may type it: any case, spaces or dashes, I/L for 1 and O for 0. */
function crockfordCharacters(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/** The canonical form of a typed access code, or null when it cannot be one. */
export function normaliseAccessCode(input: string): string | null {
  const chars = crockfordCharacters(input);
  if (chars.length !== accessCodeLength || ![...chars].every((char) => alphabet.includes(char))) return null;
  return (chars.match(/.{4}/g) ?? []).join('-');
}

/** The canonical form of a typed case reference (`2026-K7M3-9PQX`), or null when it cannot be one. */
export function normaliseReference(input: string): string | null {
  const chars = crockfordCharacters(input);
  if (!/^\d{4}[0-9A-Z]{8}$/.test(chars) || ![...chars].every((char) => alphabet.includes(char))) return null;
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/**
 * What is stored instead of the code. A code carries 100 random bits, so a fast hash cannot be
 * reversed by trying codes; the prefix keeps these digests apart from any other SHA-256 in the system.
 */
export function accessCodeDigest(code: string): string {
  return createHash('sha256').update(`redress-access-code:v1:${code}`).digest('hex');
}

/** Compares two digests in constant time; digests of different length are simply unequal. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Crockford base32: no I, L, O or U, so a reference read aloud or copied by hand survives. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A case reference such as `2026-K7M3-9PQX`, from the year and 8 random bytes' worth of choices. */
export function caseReference(year: number, randomBytes: Uint8Array): string {
  if (randomBytes.length < 8) throw new Error('A reference needs 8 random bytes.');
  const chars = Array.from(randomBytes.slice(0, 8), (byte) => alphabet[byte % 32]).join('');
  return `${year}-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

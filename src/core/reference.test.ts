import { describe, expect, it } from 'vitest';
import { caseReference } from './reference.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const crockford = /^[0-9A-HJKMNP-TV-Z]+$/;

describe('caseReference', () => {
  it('is the year and two groups of four characters', () => {
    expect(caseReference(2026, bytes(0, 1, 2, 3, 4, 5, 6, 7))).toBe('2026-0123-4567');
    expect(caseReference(2027, bytes(8, 9, 10, 11, 12, 13, 14, 15))).toBe('2027-89AB-CDEF');
  });

  it('uses the Crockford alphabet, skipping I, L, O and U', () => {
    expect(caseReference(2026, bytes(16, 17, 18, 19, 20, 21, 22, 23))).toBe('2026-GHJK-MNPQ');
    expect(caseReference(2026, bytes(24, 25, 26, 27, 28, 29, 30, 31))).toBe('2026-RSTV-WXYZ');
  });

  it('maps every byte value into the alphabet, wrapping every 32', () => {
    expect(caseReference(2026, bytes(32, 63, 64, 255, 224, 33, 127, 128))).toBe('2026-0Z0Z-01Z0');
    const seen = new Set<string>();
    for (let start = 0; start < 256; start += 8) {
      const chunk = Array.from({ length: 8 }, (_, offset) => start + offset);
      const reference = caseReference(2026, Uint8Array.from(chunk));
      expect(reference).toMatch(/^2026-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const characters = reference.slice(5).replace('-', '');
      expect(characters).toMatch(crockford);
      expect(characters).not.toMatch(/[ILOU]/);
      for (const character of characters) seen.add(character);
    }
    expect([...seen].sort().join('')).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
  });

  it('is deterministic for the same bytes and differs for different bytes', () => {
    const random = bytes(201, 7, 99, 14, 250, 3, 77, 160);
    expect(caseReference(2026, random)).toBe(caseReference(2026, Uint8Array.from(random)));
    expect(caseReference(2026, random)).toBe('2026-973E-T3D0');
    expect(caseReference(2026, bytes(201, 7, 99, 14, 250, 3, 77, 161))).not.toBe(caseReference(2026, random));
  });

  it('uses only the first 8 bytes', () => {
    expect(caseReference(2026, bytes(0, 1, 2, 3, 4, 5, 6, 7, 31, 31))).toBe('2026-0123-4567');
  });

  it('refuses fewer than 8 bytes', () => {
    expect(() => caseReference(2026, bytes(1, 2, 3, 4, 5, 6, 7))).toThrow('A reference needs 8 random bytes.');
  });
});

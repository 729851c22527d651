import { describe, expect, it } from 'vitest';
import { accessCodeDigest, accessCodeLength, newAccessCode, normaliseAccessCode, normaliseReference, sameDigest } from './access-code.js';
import { parseFlags, storedFlags } from './flags.js';

const bytes = (values: number[]) => Uint8Array.from(values);

describe('access codes', () => {
  it('carry at least 80 bits: 20 characters of a 32-letter alphabet, each byte mapped evenly', () => {
    expect(accessCodeLength * Math.log2(32)).toBeGreaterThanOrEqual(80);
    const code = newAccessCode(bytes(Array.from({ length: 20 }, (_, index) => index * 13)));
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newAccessCode(bytes(Array(20).fill(0)))).toBe('0000-0000-0000-0000-0000');
    expect(newAccessCode(bytes(Array(20).fill(255)))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(() => newAccessCode(bytes(Array(19).fill(1)))).toThrow(/20 random bytes/);
  });

  it('are read as people type them: any case, spaces or no dashes, O for 0 and I or L for 1', () => {
    expect(normaliseAccessCode('k7m3 9pqx 2d4f hj8n wq5t')).toBe('K7M3-9PQX-2D4F-HJ8N-WQ5T');
    expect(normaliseAccessCode('K7M39PQX2D4FHJ8NWQ5T')).toBe('K7M3-9PQX-2D4F-HJ8N-WQ5T');
    expect(normaliseAccessCode('O0IL-0000-0000-0000-0000')).toBe('0011-0000-0000-0000-0000');
    expect(normaliseAccessCode('K7M3-9PQX')).toBeNull();
    expect(normaliseAccessCode('UUUU-0000-0000-0000-0000')).toBeNull();
  });

  it('normalise references the same way', () => {
    expect(normaliseReference(' 2026-k7m3-9pqx ')).toBe('2026-K7M3-9PQX');
    expect(normaliseReference('20260K7M39PQX')).toBeNull();
    expect(normaliseReference('2026K7M39PQX')).toBe('2026-K7M3-9PQX');
    expect(normaliseReference('not a reference')).toBeNull();
  });

  it('are stored as a digest and compared in constant time', () => {
    const digest = accessCodeDigest('K7M3-9PQX-2D4F-HJ8N-WQ5T');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain('K7M3');
    expect(sameDigest(digest, accessCodeDigest('K7M3-9PQX-2D4F-HJ8N-WQ5T'))).toBe(true);
    expect(sameDigest(digest, accessCodeDigest('K7M3-9PQX-2D4F-HJ8N-WQ5V'))).toBe(false);
    expect(sameDigest(digest, 'abcd')).toBe(false);
  });
});

describe('case flags', () => {
  it('keep only known flags, sorted and once each', () => {
    expect(storedFlags(['suspected_spam', 'suspected_spam'])).toBe('["suspected_spam"]');
    expect(parseFlags('["suspected_spam","made_up"]')).toEqual(['suspected_spam']);
    expect(parseFlags('not json')).toEqual([]);
    expect(parseFlags(undefined)).toEqual([]);
  });
});

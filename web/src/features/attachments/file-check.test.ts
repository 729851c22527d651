import { describe, expect, it } from 'vitest';
import { fileProblem, sniffType } from './file-check';

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((value) => (typeof value === 'string' ? [...value].map((char) => char.charCodeAt(0)) : [value])));

const pdf = bytes('%PDF-1.4\n');
const png = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a);
const elf = bytes(0x7f, 'ELF', 2, 1, 1, 0);

describe('a chosen file is checked by its content before it is sent', () => {
  it('reads the four kinds a case takes from their first bytes', () => {
    expect(sniffType(pdf)).toBe('application/pdf');
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffType(png)).toBe('image/png');
    expect(sniffType(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(elf)).toBeNull();
  });

  it('says a program named .pdf is not what its name claims, and a PNG named .pdf neither', () => {
    expect(fileProblem({ name: 'letter.pdf', size: 100, head: elf }, undefined)).toEqual({ code: 'file_type', params: { accepted: ['PDF', 'JPEG', 'PNG', 'WebP'] } });
    expect(fileProblem({ name: 'letter.pdf', size: 100, head: png }, undefined)).toEqual({ code: 'type_mismatch', params: { claimed: 'application/pdf', actual: 'image/png' } });
    expect(fileProblem({ name: 'letter.docx', size: 100, head: pdf }, undefined)?.code).toBe('file_type');
  });

  it('says an empty or oversized file, and takes a good one', () => {
    expect(fileProblem({ name: 'scan.pdf', size: 0, head: new Uint8Array() }, 10)).toEqual({ code: 'required' });
    expect(fileProblem({ name: 'scan.pdf', size: 11, head: pdf }, 10)).toEqual({ code: 'file_too_large', params: { limit: 10 } });
    expect(fileProblem({ name: 'scan.PDF', size: 10, head: pdf }, 10)).toBeNull();
    expect(fileProblem({ name: 'scan', size: 10, head: pdf }, 10)).toBeNull();
  });
});

/**
 * The queue's orders and how a typed reference is read. The server sorts and searches the whole
 * filtered set; these are the rules it sorts and searches by.
 */

/** Every order the queue offers; `newest` is the default. */
export const queueOrders = ['newest', 'oldest', 'deadline', 'urgency'] as const;
export type QueueOrder = (typeof queueOrders)[number];

export function isQueueOrder(value: unknown): value is QueueOrder {
  return (queueOrders as readonly unknown[]).includes(value);
}

/**
 * What a typed query can stand for in a reference (`YYYY-XXXX-XXXX`): a list of places it may
 * start, each a range of the reference's text from that place on.
 */
interface ReferenceQuery {
  parts: ReferencePart[];
  /**
   * The query can only be a reference (letters and digits, at least one of each typed, four or more):
   * then titles and descriptions need not be searched, and the search runs on indexes alone.
   */
  referenceOnly: boolean;
}

/**
 * The reference from `start` on (1-based, counting the dashes: `substr(reference, start)`) falls in
 * `range`; and, when `yearEndsWith` is set, the year ends with those digits (a fragment such as
 * `26-CRKK`, read as the random part's start `CRKK` in a year ending in 26).
 */
interface ReferencePart {
  start: number;
  range: PrefixRange;
  yearEndsWith?: string;
}

/**
 * Where a part of a reference may start, as `substr(reference, start)`; each has an index
 * (1: the unique reference; 6 and 11: migration 006; 7, 8, 9 and 12: migration 017).
 */
export const referenceStarts = [1, 6, 7, 8, 9, 11, 12] as const;

/** Strings that start with `from`: `from <= s < below` (no upper end when `below` is null). */
export interface PrefixRange {
  from: string;
  below: string | null;
}

/** The letters and digits of references, in the order both databases sort them. */
const sorted = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Crockford base32 as references use it: no I, L, O or U. */
const crockford = /^[0-9A-HJKMNP-TV-Z]*$/;
/** Fewer characters than this from inside a reference would match a large part of the queue. */
const shortest = 3;

/**
 * What a typed reference query means: any case, dashes and spaces optional, O read as 0 and I or L
 * as 1 (the letters references never contain). The text may be the reference's start, or any run
 * of three or more of its characters, across its dashes too (`KK-QY`, `kkqy` in 2026-CRKK-QYT6).
 * Null when the text cannot be part of a reference.
 */
export function referenceQuery(typed: string): ReferenceQuery | null {
  if (!/^[0-9A-Za-z\s-]+$/.test(typed)) return null;
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars === '' || !crockford.test(chars.replace(/^\d{1,4}/, ''))) return null;
  const parts: ReferencePart[] = [];
  // The whole reference's start: a year alone would match a large part of the queue.
  if (chars.length > 4 && chars.length <= 12 && /^\d{4}$/.test(chars.slice(0, 4))) parts.push({ start: 1, range: range(grouped(chars, [4, 8])) });
  // From inside the year: its last digits, then at least three of the random part.
  for (const digits of [3, 2, 1]) {
    const code = chars.slice(digits);
    if (/^\d+$/.test(chars.slice(0, digits)) && code.length >= shortest && code.length <= 8 && crockford.test(code)) {
      parts.push({ start: 6, range: range(grouped(code, [4])), yearEndsWith: chars.slice(0, digits) });
    }
  }
  // From inside the random part (its 8 characters at offsets 0–7 of XXXXXXXX, a dash after the fourth).
  if (crockford.test(chars)) {
    for (const offset of [0, 1, 2, 3, 4, 5]) {
      if (chars.length < shortest || chars.length > 8 - offset) continue;
      const cut = 4 - offset;
      parts.push({ start: 6 + offset + (offset >= 4 ? 1 : 0), range: range(grouped(chars, cut > 0 ? [cut] : [])) });
    }
  }
  if (parts.length === 0) return null;
  // A digit typed, not an O, I or L read as one: `ceiling` is a word before it is CE111NG.
  return { parts, referenceOnly: chars.length >= 4 && /\d/.test(typed) && /[A-Z]/.test(chars) };
}

/** Dashes put back where references have them, after the given positions. */
function grouped(chars: string, cuts: number[]): string {
  let out = '';
  for (const [index, char] of [...chars].entries()) {
    if (cuts.includes(index)) out += '-';
    out += char;
  }
  return out;
}

function range(prefix: string): PrefixRange {
  return { from: prefix, below: successor(prefix) };
}

/** The first string after every string that starts with `prefix`, staying within letters and digits. */
function successor(prefix: string): string | null {
  let head = prefix;
  while (head !== '') {
    const last = head.slice(-1);
    head = head.slice(0, -1);
    const next = sorted.indexOf(last) + 1;
    if (last !== '-' && next < sorted.length) return head + sorted.charAt(next);
  }
  return null;
}

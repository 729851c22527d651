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

/** Prefixes of a reference (`YYYY-XXXX-XXXX`) a typed query can stand for, each as a range. */
export interface ReferenceQuery {
  /** The start of the whole reference, e.g. `2026-CRKK`. */
  whole: PrefixRange | null;
  /** The start of its random part, e.g. `CRKK-QYT6` or `CRKK`. */
  code: PrefixRange | null;
  /** The start of its second group, e.g. `QYT6`. */
  group: PrefixRange | null;
  /**
   * The query can only be a reference (letters and digits, at least one of each, four or more):
   * then titles and descriptions need not be searched, and the search runs on indexes alone.
   */
  referenceOnly: boolean;
}

/** Strings that start with `from`: `from <= s < below` (no upper end when `below` is null). */
export interface PrefixRange {
  from: string;
  below: string | null;
}

/** The letters and digits of references, in the order both databases sort them. */
const sorted = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Crockford base32 as references use it: no I, L, O or U. */
const crockford = /^[0-9A-HJKMNP-TV-Z]*$/;

/**
 * What a typed reference query means: any case, dashes and spaces optional, O read as 0 and I or L
 * as 1 (the letters references never contain). Null when the text cannot be part of a reference.
 */
export function referenceQuery(typed: string): ReferenceQuery | null {
  if (!/^[0-9A-Za-z\s-]+$/.test(typed)) return null;
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars === '' || !crockford.test(chars.replace(/^\d{1,4}/, ''))) return null;
  const year = chars.slice(0, 4);
  // Shorter than this, a prefix would match a large part of the queue: a year alone, two letters.
  const whole = chars.length > 4 && chars.length <= 12 && /^\d{4}$/.test(year) ? range(grouped(chars, [4, 8])) : null;
  const code = chars.length >= 3 && chars.length <= 8 && crockford.test(chars) ? range(grouped(chars, [4])) : null;
  const group = chars.length >= 3 && chars.length <= 4 && crockford.test(chars) ? range(chars) : null;
  if (!whole && !code && !group) return null;
  return { whole, code, group, referenceOnly: chars.length >= 4 && /\d/.test(chars) && /[A-Z]/.test(chars) };
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

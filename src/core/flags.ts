/**
 * Flags a coordinator must see on a case in the queue. `suspected_spam`: a public petition whose
 * form tripped the honeypot. A flag never hides a case; it only tells the office to look.
 */
export const caseFlags = ['suspected_spam'] as const;
export type CaseFlag = (typeof caseFlags)[number];

/** The flags stored on a case row (a JSON array); anything unknown or malformed is dropped. */
export function parseFlags(stored: string | null | undefined): CaseFlag[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((flag): flag is CaseFlag => (caseFlags as readonly unknown[]).includes(flag));
  } catch {
    return [];
  }
}

/** The stored form of a set of flags: sorted, without repeats. */
export function storedFlags(flags: readonly CaseFlag[]): string {
  return JSON.stringify([...new Set(flags)].sort());
}

/**
 * Cases on the same issue (同一事项, issue 13 item 7). The office links cases about one issue
 * (关联) — the system suggests them, a person confirms or dismisses each — and merges duplicates
 * of one petition into one case (合并), both references kept.
 *
 * THE RULE: cases link by issue, never by person. A suggestion is made from the category, the
 * place (the area of the unit tree the case comes from) and the words of the matter only. Nothing
 * here is given a petitioner's or representative's name, contact or id number: `IssueFacts` has no
 * field for them, and digit runs (telephone and id numbers) and e-mail addresses are taken out of
 * the words before they are compared. Pure: the commands read the rows.
 */

/** What a suggestion may be made from: the matter, never the person. */
export interface IssueFacts {
  id: string;
  category: string;
  /** The unit of the tree the case comes from (its location read by `areaFromLocation`); null when unknown. */
  areaUnitId: string | null;
  title: string;
  description: string;
}

/** The least similarity of the matter's words for a suggestion (Dice coefficient over character pairs). */
export const suggestionThreshold = 0.35;
/** The most suggestions shown for one case, best first. */
export const suggestionLimit = 10;
/** How far back, from the case's own receipt, candidates are looked for. */
export const suggestionWindowDays = 365;

/**
 * The words of the matter, ready to compare: Unicode-normalised, lower case, without e-mail
 * addresses and runs of five or more digits (telephone, id and account numbers; an id number's
 * final X too), punctuation and spacing folded to one space.
 */
export function issueWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+/gu, ' ')
    .replace(/\d[\d\s-]{3,}\d[x]?/gu, (run) => (run.replace(/\D/g, '').length >= 5 ? ' ' : run))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The tokens of the words: in Chinese (and other text written without spaces) each pair of adjacent
 * characters; in a language written with spaces, each word of three letters or more (a plural's
 * final s dropped), since letter pairs are shared by most English texts whatever they are about.
 */
export function characterPairs(words: string): Set<string> {
  const pairs = new Set<string>();
  for (const run of words.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu) ?? []) {
    const chars = [...run];
    if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(run)) {
      if (chars.length === 1) pairs.add(run);
      for (let index = 0; index + 1 < chars.length; index += 1) pairs.add(`${chars[index] as string}${chars[index + 1] as string}`);
    } else if (chars.length >= 3) {
      pairs.add(run.length > 3 && run.endsWith('s') && !run.endsWith('ss') ? run.slice(0, -1) : run);
    }
  }
  return pairs;
}

/** How alike two sets of pairs are: 0 (nothing shared) to 1 (the same). */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const pair of small) if (large.has(pair)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** The words of a case's matter as pairs: its title and its description. */
export function matterPairs(facts: Pick<IssueFacts, 'title' | 'description'>): Set<string> {
  return characterPairs(issueWords(`${facts.title} ${facts.description}`));
}

/** A suggested case on the same issue, with how alike its words are (0–1, two decimals). */
export interface Suggestion {
  id: string;
  score: number;
}

/**
 * The cases of the same category and area whose words are alike enough, best first, at most
 * `suggestionLimit`; those in `excluded` (already linked, merged, or dismissed) are left out.
 */
export function suggestSameIssue(subject: IssueFacts, candidates: readonly IssueFacts[], excluded: ReadonlySet<string> = new Set()): Suggestion[] {
  const own = matterPairs(subject);
  return candidates
    .filter((item) => item.id !== subject.id && !excluded.has(item.id))
    .filter((item) => item.category === subject.category && item.areaUnitId === subject.areaUnitId)
    .map((item) => ({ id: item.id, score: Math.round(dice(own, matterPairs(item)) * 100) / 100 }))
    .filter((item) => item.score >= suggestionThreshold)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, suggestionLimit);
}

/**
 * Whether two cases' jurisdictions (core/jurisdictions.ts: the root of the jurisdiction of each
 * one's lead unit, else of its area; null for the deployment's own) allow merging one into the other.
 * `undefined`: the case names no unit at all (no lead unit, no place in the tree), which goes with any.
 */
export function sameJurisdiction(a: string | null | undefined, b: string | null | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** The pair of two case ids as a link row keeps it: the lower id first, so a pair has one row. */
export function linkPair(a: string, b: string): { low: string; high: string } {
  return a < b ? { low: a, high: b } : { low: b, high: a };
}

/** The statuses of a pair of cases: linked by a person (confirmed), dismissed as not the same issue, or merged (one is a duplicate of the other). */
export const linkStatuses = ['linked', 'dismissed', 'merged'] as const;
export type LinkStatus = (typeof linkStatuses)[number];

/**
 * The issues: cases joined by links and merges (connected components), each a list of case ids.
 * Every id given in `caseIds` is in exactly one issue (alone when nothing joins it).
 */
export function issueGroups(caseIds: readonly string[], joins: readonly { low: string; high: string }[]): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    let node = id;
    while (node !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const id of caseIds) if (!parent.has(id)) parent.set(id, id);
  for (const join of joins) {
    if (!parent.has(join.low)) parent.set(join.low, join.low);
    if (!parent.has(join.high)) parent.set(join.high, join.high);
    const a = find(join.low);
    const b = find(join.high);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const groups = new Map<string, string[]>();
  for (const id of new Set(caseIds)) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()];
}

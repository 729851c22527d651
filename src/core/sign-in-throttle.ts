/**
 * How repeated sign-in failures are slowed and refused. Three counts are kept: per (account,
 * client) pair, per client, and per account. The pair and the client are refused for a while
 * after a few failures, the wait doubling with each further one; the account as a whole is only
 * ever slowed, never refused, so that an attacker elsewhere cannot lock a real officer out — the
 * officer at their own address has a pair count of their own.
 */
export interface FailureCount {
  failures: number;
  lastAt: string;
}

export interface ThrottleCounts {
  pair: FailureCount | null;
  client: FailureCount | null;
  account: FailureCount | null;
}

type ThrottleVerdict =
  | { allowed: true; /** How long to hold the answer, slowing a spread-out guesser. */ pauseMs: number }
  | { allowed: false; retryAfterSeconds: number; scope: 'pair' | 'client' };

interface Rule {
  /** Failures allowed before any wait. */
  free: number;
  /** The longest wait after a failure. */
  maxWaitSeconds: number;
}

const throttleRules = {
  pair: { free: 5, maxWaitSeconds: 15 * 60 },
  client: { free: 50, maxWaitSeconds: 60 * 60 },
  /** From this many failures on, every answer for the account is held back a little. */
  accountPauseFrom: 20,
  accountMaxPauseMs: 2_000,
} as const;

/** A count older than this is forgotten at the next failure. */
export const failureMemorySeconds = 24 * 3600;

function waitSeconds(count: FailureCount | null, rule: Rule, now: string): number {
  if (!count || count.failures < rule.free) return 0;
  const wait = Math.min(rule.maxWaitSeconds, 2 ** (count.failures - rule.free));
  const elapsed = (Date.parse(now) - Date.parse(count.lastAt)) / 1000;
  return Math.max(0, Math.ceil(wait - elapsed));
}

/** Whether a sign-in attempt may be checked at all, judged before its password is looked at. */
export function judgeSignIn(counts: ThrottleCounts, now: string): ThrottleVerdict {
  const pair = waitSeconds(counts.pair, throttleRules.pair, now);
  if (pair > 0) return { allowed: false, retryAfterSeconds: pair, scope: 'pair' };
  const client = waitSeconds(counts.client, throttleRules.client, now);
  if (client > 0) return { allowed: false, retryAfterSeconds: client, scope: 'client' };
  const accountFailures = counts.account?.failures ?? 0;
  const over = accountFailures - throttleRules.accountPauseFrom;
  const pauseMs = over < 0 ? 0 : Math.min(throttleRules.accountMaxPauseMs, 100 * 2 ** Math.min(over, 10));
  return { allowed: true, pauseMs };
}

/** The count after one more failure: an old count starts again. */
export function countFailure(previous: FailureCount | null, now: string): FailureCount {
  const stale = !previous || Date.parse(now) - Date.parse(previous.lastAt) > failureMemorySeconds * 1000;
  return { failures: stale ? 1 : previous.failures + 1, lastAt: now };
}

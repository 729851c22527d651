/**
 * Slows and then refuses repeated wrong guesses of a reference and access code, counted both per
 * client and per reference: a client trying many references is stopped, and so are many clients
 * trying one reference. The counts live in this process's memory (see docs/ARCHITECTURE.md).
 */
export interface GuessPolicy {
  /** Failures are counted over this window, from the first one. */
  windowMs: number;
  /** Failures answered at full speed before each further one is slowed. */
  freeFailures: number;
  /** Each failure past the free ones adds this much delay… */
  delayStepMs: number;
  /** …up to this much. */
  maxDelayMs: number;
  /** After this many failures in the window, a client is refused until the window ends. */
  maxFailuresPerClient: number;
  /** After this many failures in the window, a reference is refused to everyone until the window ends. */
  maxFailuresPerReference: number;
}

export const defaultGuessPolicy: GuessPolicy = {
  windowMs: 15 * 60_000,
  freeFailures: 3,
  delayStepMs: 250,
  maxDelayMs: 2000,
  maxFailuresPerClient: 10,
  maxFailuresPerReference: 10,
};

export type GuessVerdict = { refused: false; delayMs: number } | { refused: true; retryAfterSeconds: number };

interface Tally {
  failures: number;
  since: number;
}

/** Keeps memory bounded however many clients or references are tried. */
const maxTallies = 100_000;

export class GuessThrottle {
  private readonly tallies = new Map<string, Tally>();

  constructor(
    private readonly policy: GuessPolicy = defaultGuessPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether an attempt may go ahead now, and after how long a pause. */
  check(client: string, reference: string): GuessVerdict {
    const byClient = this.current(`client:${client}`);
    const byReference = this.current(`reference:${reference}`);
    const blocked = [
      byClient && byClient.failures >= this.policy.maxFailuresPerClient ? byClient : null,
      byReference && byReference.failures >= this.policy.maxFailuresPerReference ? byReference : null,
    ].filter((tally): tally is Tally => tally !== null);
    if (blocked.length > 0) {
      const until = Math.max(...blocked.map((tally) => tally.since + this.policy.windowMs));
      return { refused: true, retryAfterSeconds: Math.max(1, Math.ceil((until - this.now()) / 1000)) };
    }
    const failures = Math.max(byClient?.failures ?? 0, byReference?.failures ?? 0);
    const excess = failures - this.policy.freeFailures;
    return { refused: false, delayMs: excess > 0 ? Math.min(this.policy.maxDelayMs, excess * this.policy.delayStepMs) : 0 };
  }

  /** Counts a wrong reference or code against the client and the reference. */
  failed(client: string, reference: string): void {
    for (const key of [`client:${client}`, `reference:${reference}`]) {
      const tally = this.current(key) ?? { failures: 0, since: this.now() };
      tally.failures += 1;
      this.tallies.delete(key);
      this.tallies.set(key, tally);
    }
    if (this.tallies.size > maxTallies) this.prune();
  }

  private current(key: string): Tally | undefined {
    const tally = this.tallies.get(key);
    if (!tally) return undefined;
    if (this.now() - tally.since >= this.policy.windowMs) {
      this.tallies.delete(key);
      return undefined;
    }
    return tally;
  }

  private prune(): void {
    for (const key of [...this.tallies.keys()]) this.current(key);
    // Still too many live ones: forget the least recently failed first.
    for (const key of this.tallies.keys()) {
      if (this.tallies.size <= maxTallies) break;
      this.tallies.delete(key);
    }
  }
}

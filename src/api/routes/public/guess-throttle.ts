import type { Counters } from '../../../db/counters.js';

/**
 * Slows and then turns away a client (an address) that keeps sending wrong references or access
 * codes. Only clients are counted, never references: an access code carries 100 random bits, so
 * guessing one is hopeless, and counting per reference would let anyone who knows a reference lock
 * its petitioner out. The counts live in the shared counters (db/counters.ts), so every server
 * process counts together.
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
  /** After this many failures in the window, the client's wrong guesses are refused until the window ends. */
  maxFailuresPerClient: number;
}

export const defaultGuessPolicy: GuessPolicy = {
  windowMs: 15 * 60_000,
  freeFailures: 3,
  delayStepMs: 250,
  maxDelayMs: 2000,
  maxFailuresPerClient: 10,
};

/**
 * How a client's next attempt goes: after what pause, and whether a wrong guess is answered with
 * "too many attempts" (retry after so many seconds) instead of "not found".
 */
interface GuessVerdict {
  delayMs: number;
  refuseWrongAfterSeconds: number | null;
}

export class GuessThrottle {
  constructor(
    private readonly counters: Counters,
    private readonly policy: GuessPolicy = defaultGuessPolicy,
  ) {}

  /** How the client's next attempt is to be treated, from its failures so far. */
  async check(client: string): Promise<GuessVerdict> {
    const failures = await this.counters.peek(this.key(client));
    const count = failures?.count ?? 0;
    if (failures && count >= this.policy.maxFailuresPerClient) {
      return { delayMs: this.policy.maxDelayMs, refuseWrongAfterSeconds: Math.max(1, Math.ceil(failures.ttlMs / 1000)) };
    }
    const excess = count - this.policy.freeFailures;
    return { delayMs: excess > 0 ? Math.min(this.policy.maxDelayMs, excess * this.policy.delayStepMs) : 0, refuseWrongAfterSeconds: null };
  }

  /** Counts a wrong reference or code against the client. */
  async failed(client: string): Promise<void> {
    await this.counters.hit(this.key(client), this.policy.windowMs);
  }

  private key(client: string): string {
    return `guess:${client}`;
  }
}

import { describe, expect, it } from 'vitest';
import { GuessThrottle, type GuessPolicy } from './guess-throttle.js';

const policy: GuessPolicy = {
  windowMs: 60_000,
  freeFailures: 2,
  delayStepMs: 100,
  maxDelayMs: 250,
  maxFailuresPerClient: 5,
  maxFailuresPerReference: 3,
};

function throttle() {
  let now = 1_000_000;
  const guard = new GuessThrottle(policy, () => now);
  return { guard, advance: (ms: number) => (now += ms) };
}

describe('the guess throttle', () => {
  it('lets the first failures through at full speed, then slows each one more, up to a ceiling', () => {
    const { guard } = throttle();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const verdict = guard.check('client-a', `ref-${attempt}`);
      delays.push(verdict.refused ? -1 : verdict.delayMs);
      guard.failed('client-a', `ref-${attempt}`);
    }
    expect(delays).toEqual([0, 0, 0, 100, 200]);
    expect(guard.check('client-a', 'ref-new')).toEqual({ refused: true, retryAfterSeconds: 60 });
  });

  it('refuses a reference to every client once it has been guessed at too often', () => {
    const { guard } = throttle();
    for (const client of ['a', 'b', 'c']) guard.failed(client, '2026-AAAA-BBBB');
    expect(guard.check('d', '2026-AAAA-BBBB').refused).toBe(true);
    expect(guard.check('d', '2026-CCCC-DDDD')).toEqual({ refused: false, delayMs: 0 });
  });

  it('forgets failures once the window has passed', () => {
    const { guard, advance } = throttle();
    for (let attempt = 0; attempt < 5; attempt += 1) guard.failed('client-a', `ref-${attempt}`);
    advance(30_000);
    expect(guard.check('client-a', 'ref-x')).toEqual({ refused: true, retryAfterSeconds: 30 });
    advance(30_000);
    expect(guard.check('client-a', 'ref-x')).toEqual({ refused: false, delayMs: 0 });
  });
});

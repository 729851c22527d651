import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestStore, type TestStore } from '../../../../test/databases.js';
import { databaseCounters, memoryCounters, type Counters } from '../../../db/counters.js';
import { GuessThrottle, type GuessPolicy } from './guess-throttle.js';

const policy: GuessPolicy = {
  windowMs: 60_000,
  freeFailures: 2,
  delayStepMs: 100,
  maxDelayMs: 250,
  maxFailuresPerClient: 5,
};

const stores: TestStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.dispose()));
});

/** The throttle over each place counts may live: memory, and the table on each database. */
const places: [string, (now: () => number) => Promise<Counters>][] = [
  ['memory', async (now) => memoryCounters(now)],
  ...databaseKinds.map((kind): [string, (now: () => number) => Promise<Counters>] => [
    `the ${kind} database`,
    async (now) => {
      const store = await openTestStore(kind);
      stores.push(store);
      return databaseCounters(store.db, now);
    },
  ]),
];

describe.each(places)('the guess throttle counting in %s', (_place, open) => {
  let now = 1_000_000;
  let counters: Counters;
  beforeAll(async () => {
    counters = await open(() => now);
  });
  const throttle = () => new GuessThrottle(counters, policy);

  it('lets the first failures through at full speed, then slows each one more, up to a ceiling, then refuses wrong guesses', async () => {
    const guard = throttle();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      delays.push((await guard.check('client-a')).delayMs);
      await guard.failed('client-a');
    }
    expect(delays).toEqual([0, 0, 0, 100, 200]);
    expect(await guard.check('client-a')).toEqual({ delayMs: 250, refuseWrongAfterSeconds: 60 });
    // Another client is untouched.
    expect(await guard.check('client-b')).toEqual({ delayMs: 0, refuseWrongAfterSeconds: null });
  });

  it('forgets failures once the window has passed', async () => {
    const guard = throttle();
    for (let attempt = 0; attempt < 5; attempt += 1) await guard.failed('client-c');
    now += 30_000;
    expect(await guard.check('client-c')).toEqual({ delayMs: 250, refuseWrongAfterSeconds: 30 });
    now += 30_000;
    expect(await guard.check('client-c')).toEqual({ delayMs: 0, refuseWrongAfterSeconds: null });
    await guard.failed('client-c');
    expect(await counters.peek('guess:client-c')).toEqual({ count: 1, ttlMs: 60_000 });
  });

  it('counts one limit for every throttle on the same counters, as several servers on one database do', async () => {
    const [one, two] = [throttle(), throttle()];
    for (let attempt = 0; attempt < 3; attempt += 1) await one.failed('client-d');
    for (let attempt = 0; attempt < 2; attempt += 1) await two.failed('client-d');
    expect((await one.check('client-d')).refuseWrongAfterSeconds).not.toBeNull();
    expect((await two.check('client-d')).refuseWrongAfterSeconds).not.toBeNull();
  });
});

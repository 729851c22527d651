import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../core/errors.js';
import { NoSuchPetition } from '../../../commands/public/petition-access.js';
import type { GuessThrottle } from './guess-throttle.js';

/**
 * Runs work that opens a petition with a reference and access code, under the guess throttle: a
 * client that has failed a few times is paused before each attempt, and once it has failed too
 * often its wrong guesses are answered 429 instead of 404. The right code is always honoured —
 * from any address, however many wrong guesses came before — so no one can lock a petitioner out.
 */
export async function guarded<T>(
  throttle: GuessThrottle,
  request: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<T>,
): Promise<T> {
  const verdict = await throttle.check(request.ip);
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof NoSuchPetition)) throw error;
    await throttle.failed(request.ip);
    if (verdict.refuseWrongAfterSeconds === null) throw error;
    const seconds = verdict.refuseWrongAfterSeconds;
    reply.header('retry-after', String(seconds));
    throw new DomainError('rate_limited', `Too many wrong references or access codes. Try again in ${Math.ceil(seconds / 60)} minutes.`, {
      details: { retryAfterSeconds: seconds },
    });
  }
}

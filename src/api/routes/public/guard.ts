import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { normaliseReference } from '../../../core/access-code.js';
import { DomainError } from '../../../core/errors.js';
import type { GuessThrottle } from './guess-throttle.js';

/** The reference as the throttle counts it: canonical when it can be, else as typed (bounded). */
export function throttleKey(reference: string): string {
  return normaliseReference(reference) ?? reference.trim().toUpperCase().slice(0, 40);
}

/**
 * Runs work that opens a petition with a reference and access code, under the guess throttle:
 * refused (429) once a client or a reference has failed too often, paused after the first few
 * failures, and every "no such petition" counted against both.
 */
export async function guarded<T>(
  throttle: GuessThrottle,
  request: FastifyRequest,
  reply: FastifyReply,
  reference: string,
  work: () => Promise<T>,
): Promise<T> {
  const key = throttleKey(reference);
  const verdict = throttle.check(request.ip, key);
  if (verdict.refused) {
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    reply.header('retry-after', String(verdict.retryAfterSeconds));
    throw new DomainError('rate_limited', `Too many wrong references or access codes. Try again in ${minutes} minutes.`, {
      details: { retryAfterSeconds: verdict.retryAfterSeconds },
    });
  }
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') throttle.failed(request.ip, key);
    throw error;
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sealer } from '../../security/sealer.js';
import { portalBase } from './layout.js';

/**
 * The petition a browser has opened on the portal, held between a form's POST and the page it
 * redirects to (POST-redirect-GET), so the access code never goes into an address, a page or the
 * history. The reference and code are sealed (AES-256-GCM, so the browser can neither read nor
 * forge them), in an HttpOnly, SameSite=Strict cookie scoped to the portal, good for 30 minutes.
 */
const petitionCookie = 'redress_petition';
export const petitionCookieMinutes = 30;

const purpose = 'portal.petition.v1';

export interface PetitionKey {
  reference: string;
  accessCode: string;
}

interface Sealed extends PetitionKey {
  purpose: string;
  expiresAt: string;
}

export function holdPetitionKey(request: FastifyRequest, reply: FastifyReply, sealer: Sealer, key: PetitionKey, now: string): void {
  const expiresAt = new Date(Date.parse(now) + petitionCookieMinutes * 60_000).toISOString();
  const value = sealer.seal(JSON.stringify({ purpose, expiresAt, ...key } satisfies Sealed));
  reply.setCookie(petitionCookie, value, {
    path: portalBase,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: petitionCookieMinutes * 60,
  });
}

/** The key this browser holds, or null when it holds none, it has expired, or it is not ours. */
export function heldPetitionKey(request: FastifyRequest, sealer: Sealer, now: string): PetitionKey | null {
  const value = request.cookies[petitionCookie];
  if (!value) return null;
  try {
    const held = JSON.parse(sealer.open(value)) as Partial<Sealed>;
    if (held.purpose !== purpose || typeof held.reference !== 'string' || typeof held.accessCode !== 'string') return null;
    if (typeof held.expiresAt !== 'string' || held.expiresAt <= now) return null;
    return { reference: held.reference, accessCode: held.accessCode };
  } catch {
    return null;
  }
}

export function dropPetitionKey(reply: FastifyReply): void {
  reply.clearCookie(petitionCookie, { path: portalBase });
}

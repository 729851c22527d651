import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { DomainError } from '../../../core/errors.js';
import type { Counters } from '../../../db/counters.js';
import { sharedLimitStore } from '../../plugins/limit-store.js';
import { portalRoutes } from '../../portal/routes.js';
import { defaultGuessPolicy, GuessThrottle, type GuessPolicy } from './guess-throttle.js';
import { publicPetitionRoutes } from './routes.js';
import { publicReceptionRoutes } from '../leaders/public-routes.js';

/** Abuse limits on the doors open to everyone; tests lower or raise them. */
export interface PublicOptions {
  /** Requests one client may make per minute to /public and /petition together. */
  requestsPerMinute?: number;
  /** Petitions one client may submit per hour, on each of the portal and the API. */
  submissionsPerHour?: number;
  /** The largest request body, in bytes. */
  bodyLimit?: number;
  /** How wrong references and access codes are slowed and refused. */
  guesses?: Partial<GuessPolicy>;
}

const publicDefaults = {
  requestsPerMinute: 120,
  submissionsPerHour: 20,
  // A 5,000-character description in Chinese is 45 KB form-encoded.
  bodyLimit: 96 * 1024,
};

/**
 * The petitioner's side: the JSON API under /public/v1 and the HTML portal under /petition, in one
 * scope so one per-client rate limit covers both, with the guess throttle shared between them; both
 * count in `counters`, which several server processes share.
 */
export async function registerPublicSide(app: App, ctx: Context, counters: Counters, options: PublicOptions = {}): Promise<void> {
  const limits = { ...publicDefaults, ...options };
  const throttle = new GuessThrottle(counters, { ...defaultGuessPolicy, ...options.guesses });
  const shared = { throttle, submissionsPerHour: limits.submissionsPerHour, bodyLimit: limits.bodyLimit };
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      max: limits.requestsPerMinute,
      timeWindow: '1 minute',
      store: sharedLimitStore(counters, 'public'),
      errorResponseBuilder: (_request, context) =>
        new DomainError('rate_limited', `Too many requests from your connection; try again in ${context.after}.`),
    });
    await scope.register(formbody, { bodyLimit: limits.bodyLimit });
    await scope.register(async (api) => publicPetitionRoutes(api, ctx, shared));
    await scope.register(async (api) => publicReceptionRoutes(api, ctx, shared));
    await scope.register(async (portal) => portalRoutes(portal, ctx, shared), { prefix: '/petition' });
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bookReceptionByPetitioner } from '../../commands/case-leaders.js';
import { publishedReceptionDays } from '../../commands/receptions.js';
import { DomainError } from '../../core/errors.js';
import type { Context } from '../../context/context.js';
import { guarded } from '../routes/public/guard.js';
import type { GuessThrottle } from '../routes/public/guess-throttle.js';
import { formatTime } from './format.js';
import { portalMessages, type PortalLanguage } from './i18n/index.js';
import { portalHref } from './layout.js';
import { receptionsPage } from './pages/receptions.js';

interface PortalTools {
  languageOf: (request: FastifyRequest) => PortalLanguage;
  sendPage: (reply: FastifyReply, status: number, markup: string) => FastifyReply;
  formOf: (request: FastifyRequest) => Record<string, unknown>;
  /** A refusal in the portal's words. */
  refusalText: (language: PortalLanguage, error: DomainError) => string;
}

const field = (form: Record<string, unknown>, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** The portal's schedule of leader reception days and its booking form (POST-redirect-GET). */
export function receptionPortalRoutes(portal: FastifyInstance, ctx: Context, options: { throttle: GuessThrottle; bodyLimit: number }, tools: PortalTools): void {
  const { languageOf, sendPage } = tools;

  portal.get('/receptions', { schema: { hide: true } }, async (request, reply) => {
    const language = languageOf(request);
    const days = await publishedReceptionDays(ctx);
    const { booked } = request.query as { booked?: unknown };
    const day = typeof booked === 'string' ? days.find((item) => item.id === booked) : undefined;
    const w = portalMessages[language].receptions;
    const notice = day ? { text: w.booked(`${day.title[language]} ${day.leaderName}`, formatTime(day.startsAt, language, ctx.timeZone), day.place), bad: false } : undefined;
    return sendPage(reply, 200, receptionsPage({ language, days, timeZone: ctx.timeZone, ...(notice ? { notice } : {}) }));
  });

  portal.post('/receptions', { schema: { hide: true }, bodyLimit: options.bodyLimit }, async (request, reply) => {
    const language = languageOf(request);
    const m = portalMessages[language];
    const form = tools.formOf(request);
    const values = { reference: field(form, 'reference'), dayId: field(form, 'dayId') };
    const again = async (status: number, text: string) =>
      sendPage(reply, status, receptionsPage({ language, days: await publishedReceptionDays(ctx), timeZone: ctx.timeZone, notice: { text, bad: true }, values }));
    const accessCode = field(form, 'accessCode');
    if (values.reference === '' || accessCode === '') return again(400, m.lookup.notFound);
    if (values.dayId === '') return again(400, m.receptions.dayRequired);
    try {
      await guarded(options.throttle, request, reply, () => bookReceptionByPetitioner(ctx, { reference: values.reference, accessCode, dayId: values.dayId }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'not_found') return again(404, m.lookup.notFound);
      if (error.code === 'rate_limited') {
        const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 900;
        return again(429, m.lookup.refused(Math.ceil(seconds / 60)));
      }
      if (error.code === 'validation_failed' && error.field === 'dayId') return again(400, m.receptions.noSuchDay);
      return again(error.status, tools.refusalText(language, error));
    }
    return reply.redirect(`${portalHref('/receptions', language)}&booked=${encodeURIComponent(values.dayId)}`, 303);
  });
}

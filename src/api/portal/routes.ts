import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context/context.js';
import { petitionProblems, publicLimits } from '../../commands/public/petition-input.js';
import { once, showOnce } from '../../commands/support/idempotency.js';
import { printPetitionNotice } from '../../commands/print-notice.js';
import { sendPdf } from '../routes/cases/notice-routes.js';
import { getPetitionStatus, giveFeedback, requestReview, submitPetition, type PublicStatus, type Receipt } from '../../commands/public/petitions.js';
import { DomainError, errorReasons, reasonOf, type PublicReason } from '../../core/errors.js';
import { localText } from '../../core/plan.js';
import { loadCurrentPlan } from '../../db/repositories/plans.js';
import { pickLanguage } from '../messages.js';
import { guarded } from '../routes/public/guard.js';
import type { GuessThrottle } from '../routes/public/guess-throttle.js';
import { formatTime } from './format.js';
import { formToken, newFormToken, readPetitionForm } from './form-input.js';
import { portalHref } from './layout.js';
import { dropPetitionKey, heldPetitionKey, holdPetitionKey, petitionCookieMinutes, type PetitionKey } from './petition-cookie.js';
import { portalMessages, type Messages, type PortalLanguage } from './i18n/index.js';
import { petitionFormPage } from './pages/petition-form.js';
import { receiptPage, receiptShownPage } from './pages/receipt.js';
import { errorPage, homePage, lookupPage, privacyPage } from './pages/simple.js';
import { reviewClosedReason, statusPage } from './pages/status.js';
import { portalCss } from './styles.js';
import { statisticsPage } from './pages/statistics.js';
import { receptionPortalRoutes } from './reception-routes.js';
import { publicStatistics } from '../../commands/annual-report.js';
import { checkYear } from '../../core/annual-report.js';
import { attachPetitionerFiles, attachmentSettings, checkPetitionFiles, downloadPetitionAttachment, listPetitionAttachments } from '../../commands/attachments.js';
import type { CheckedFile } from '../../attachments/content.js';
import { readUpload, readUploadForm, sendFile } from '../plugins/uploads.js';
import { fileProblemText, type PortalFiles } from './pages/files.js';

interface PortalOptions {
  throttle: GuessThrottle;
  submissionsPerHour: number;
  bodyLimit: number;
}

type Form = Record<string, unknown>;

/** What the status page says after a form that did something: a rating (offering the review or not), a review request. */
type Done = 'rated' | 'rated-review' | 'review' | 'files';

const field = (form: Form, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value : '';
};

/** The posted form; a body that is no form at all (JSON `null`, a number, a list) reads as an empty one. */
function formOf(request: FastifyRequest): Form {
  const body: unknown = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Form) : {};
}

function languageOf(request: FastifyRequest): PortalLanguage {
  const query = request.query as { lang?: unknown } | undefined;
  const explicit = typeof query?.lang === 'string' ? query.lang : field(formOf(request), 'lang') || undefined;
  return pickLanguage(explicit, request.headers['accept-language']);
}

function sendPage(reply: FastifyReply, status: number, markup: string): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(markup);
}

/** No script, no framing, no leaking the page address; nothing here may be cached, receipts least of all. */
const securityHeaders = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** A refusal in the portal's words: its reason when the public side can meet it, else its code. */
function refusalText(m: Messages, error: DomainError): string {
  const reason = reasonOf(error);
  return reason !== undefined && isPublicReason(reason) ? m.errors.reasons[reason] : m.errors.codes[error.code];
}

const isPublicReason = (reason: keyof typeof errorReasons): reason is PublicReason => (errorReasons[reason].for as readonly string[]).includes('public');

function errorStatus(error: FastifyError): { status: number; say: (m: Messages) => string } {
  if (error instanceof DomainError && error.code === 'rate_limited') return { status: 429, say: (m) => m.errors.tooMany };
  if (error instanceof DomainError && error.code === 'pdf_font_missing') return { status: 503, say: (m) => m.errors.codes.pdf_font_missing };
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, say: (m) => m.errors.tooLarge };
  const status = error instanceof DomainError ? error.status : (error.statusCode ?? 500);
  if (error instanceof DomainError && status < 500) return { status, say: (m) => refusalText(m, error) };
  if (status >= 400 && status < 500) return { status, say: (m) => m.errors.badRequest };
  return { status: 500, say: (m) => m.errors.server };
}

/** The server-rendered portal at /petition: plain HTML forms that work without JavaScript, in Chinese and English. */
export function portalRoutes(portal: FastifyInstance, ctx: Context, options: PortalOptions): void {
  portal.addHook('onSend', async (_request, reply) => {
    reply.headers(securityHeaders);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  portal.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, say } = errorStatus(error);
    if (status >= 500) request.log.error({ err: error }, 'portal request failed');
    const language = languageOf(request);
    return sendPage(reply, status, errorPage(language, say(portalMessages[language])));
  });

  const notFoundPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const language = languageOf(request);
    return sendPage(reply, 404, errorPage(language, portalMessages[language].errors.notFound));
  };
  portal.setNotFoundHandler(notFoundPage);
  // A route of our own, so the web app's catch-all for browser pages never answers under /petition.
  portal.get('/*', { schema: { hide: true } }, notFoundPage);

  const categories = async (language: PortalLanguage) => {
    const plan = await loadCurrentPlan(ctx.db);
    if (!plan) return null;
    return plan.document.categories.map((category) => ({ code: category.code, name: localText(category.name, language) }));
  };

  const key = (form: Form): PetitionKey => ({ reference: field(form, 'reference').trim(), accessCode: field(form, 'accessCode').trim() });

  /** Where the status page is shown after each of its forms (POST-redirect-GET); `done` says which notice it shows. */
  const progressHref = (language: PortalLanguage, done?: Done) => `${portalHref('/progress', language)}${done ? `&done=${done}` : ''}`;

  /** The lookup form again, saying why: the browser no longer holds the petition (its cookie ended, or it never had one). */
  const lookupAgain = (reply: FastifyReply, language: PortalLanguage, status: number) =>
    sendPage(reply, status, lookupPage(language, { message: portalMessages[language].lookup.ended(petitionCookieMinutes) }));

  /** Runs a form's work on the petition this browser holds; with none held, the lookup form says what to do. */
  const withHeldPetition = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    work: (language: PortalLanguage, petitionKey: PetitionKey) => Promise<FastifyReply>,
  ): Promise<FastifyReply> => {
    const language = languageOf(request);
    const petitionKey = heldPetitionKey(request, ctx.sealer, ctx.now());
    if (!petitionKey) return lookupAgain(reply, language, status);
    try {
      return await work(language, petitionKey);
    } catch (error) {
      // The petition has gone since the key was checked (its personal data and access code purged).
      if (!(error instanceof DomainError) || error.code !== 'not_found') throw error;
      dropPetitionKey(reply);
      return sendPage(reply, 404, lookupPage(language, { message: portalMessages[language].lookup.notFound }));
    }
  };

  /** After a refused feedback or review, the status page again, saying why in the reader's words. */
  const statusWithProblem = async (reply: FastifyReply, error: DomainError, language: PortalLanguage, petitionKey: PetitionKey, say: (status: PublicStatus) => string) => {
    const status = await getPetitionStatus(ctx, petitionKey);
    const files = await filesOf(petitionKey);
    return sendPage(reply, error.status, statusPage({ language, status, timeZone: ctx.timeZone, files, notice: { text: say(status), bad: true, id: 'problem' } }));
  };

  const settings = attachmentSettings(ctx);
  /** The files the petitioner may see (never one the office marked internal), and a fresh token for the form that sends more. */
  const filesOf = async (petitionKey: PetitionKey): Promise<PortalFiles> => ({
    items: await listPetitionAttachments(ctx, petitionKey),
    maxBytes: settings.maxBytes,
    perCase: settings.perCase,
    token: newFormToken(),
  });

  portal.get('/portal.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(portalCss),
  );

  portal.get('/', { schema: { hide: true } }, async (request, reply) => {
    const plan = await loadCurrentPlan(ctx.db);
    return sendPage(reply, 200, homePage(languageOf(request), plan ? plan.document.deadlines : null));
  });

  /** The public statistics of a year (default: this year so far), from the annual report's figures. */
  portal.get('/statistics', { schema: { hide: true } }, async (request, reply) => {
    const language = languageOf(request);
    const { year } = request.query as { year?: unknown };
    const latestYear = checkYear(undefined, ctx.now(), ctx.timeZone);
    try {
      const report = await publicStatistics(ctx, typeof year === 'string' ? { year } : {});
      return sendPage(reply, 200, statisticsPage(language, report, { timeZone: ctx.timeZone, latestYear }));
    } catch (error) {
      if (error instanceof DomainError && error.field === 'year') return sendPage(reply, 400, errorPage(language, portalMessages[language].statistics.yearNotBegun(latestYear)));
      throw error;
    }
  });

  portal.get('/privacy', { schema: { hide: true } }, async (request, reply) => sendPage(reply, 200, privacyPage(languageOf(request))));

  receptionPortalRoutes(portal, ctx, options, { languageOf, sendPage, formOf, refusalText: (language, error) => refusalText(portalMessages[language], error) });

  portal.get('/new', { schema: { hide: true } }, async (request, reply) => {
    const language = languageOf(request);
    const list = await categories(language);
    if (!list) return sendPage(reply, 503, errorPage(language, portalMessages[language].errors.reasons.no_published_plan));
    return sendPage(reply, 200, petitionFormPage({ language, categories: list, values: {}, problems: [], token: newFormToken(), files: { ...settings, problem: null, chosen: false } }));
  });

  portal.post('/new', {
    schema: { hide: true },
    bodyLimit: options.bodyLimit,
    config: { rateLimit: { max: options.submissionsPerHour, timeWindow: '1 hour' } },
    handler: async (request, reply) => {
      const language = languageOf(request);
      const list = await categories(language);
      if (!list) return sendPage(reply, 503, errorPage(language, portalMessages[language].errors.reasons.no_published_plan));
      const m = portalMessages[language];
      // The form carries files when one was chosen (multipart); the text fields come first either way.
      const upload = request.isMultipart() ? await readUploadForm(request, settings) : { files: [], fields: formOf(request), problem: null };
      const body: Form = upload.fields;
      const form = readPetitionForm(body);
      const token = formToken(body) ?? newFormToken();
      const problems = petitionProblems(form.input, list.map((category) => category.code));
      let fileProblem = upload.problem ? (fileProblemText(m, language, upload.problem) ?? m.files.problems.unknown_field) : null;
      let files: CheckedFile[] = [];
      if (fileProblem === null) {
        try {
          files = await checkPetitionFiles(ctx, upload.files);
        } catch (error) {
          fileProblem = fileProblemText(m, language, error);
          if (fileProblem === null) throw error;
        }
      }
      if (problems.length > 0 || fileProblem !== null) {
        const page = petitionFormPage({ language, categories: list, values: form.values, problems, token, files: { ...settings, problem: fileProblem, chosen: upload.files.length > 0 || fileProblem !== null } });
        return sendPage(reply, 400, page);
      }
      // The form's token is its idempotency key: a double submit or a resent form files once.
      const key = { scope: 'portal', key: token, fingerprint: 'portal:new' };
      // A filled honeypot is not refused — that would teach the sender — but the case is flagged for the office.
      await once(ctx, key, (idempotency) =>
        submitPetition(ctx, { input: form.input, via: 'portal', flags: form.honeypotFilled ? ['suspected_spam'] : [], idempotency, files }),
      );
      // POST, then redirect to the receipt: a reload of the receipt never posts the petition again.
      return reply.redirect(portalHref(`/receipt/${token}`, language), 303);
    },
  });

  /** The receipt, shown once: a reload says the petition is filed and where its reference is, never the code again. */
  portal.get('/receipt/:token', { schema: { hide: true } }, async (request, reply) => {
    const language = languageOf(request);
    const { token } = request.params as { token: string };
    const shown = await showOnce(ctx, 'portal', token, (result) => ({ reference: (result as Receipt).reference }));
    if (!shown) return sendPage(reply, 404, errorPage(language, portalMessages[language].errors.notFound));
    const receipt = shown.result as Receipt;
    return sendPage(reply, 200, shown.first ? receiptPage(language, receipt, ctx.timeZone) : receiptShownPage(language, receipt.reference));
  });

  portal.get('/status', { schema: { hide: true } }, async (request, reply) => sendPage(reply, 200, lookupPage(languageOf(request))));

  /** The reference and code are checked under the guess throttle, then held sealed in a cookie, and the browser sent on to the status page. */
  portal.post('/status', { schema: { hide: true }, bodyLimit: options.bodyLimit }, async (request, reply) => {
    const language = languageOf(request);
    const m = portalMessages[language];
    const petitionKey = key(formOf(request));
    if (petitionKey.reference === '' || petitionKey.accessCode === '') {
      return sendPage(reply, 400, lookupPage(language, { reference: petitionKey.reference, message: m.lookup.notFound }));
    }
    try {
      await guarded(options.throttle, request, reply, () => getPetitionStatus(ctx, petitionKey));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'not_found') return sendPage(reply, 404, lookupPage(language, { reference: petitionKey.reference, message: m.lookup.notFound }));
      if (error.code === 'rate_limited') {
        const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 900;
        return sendPage(reply, 429, lookupPage(language, { reference: petitionKey.reference, message: m.lookup.refused(Math.ceil(seconds / 60)) }));
      }
      throw error;
    }
    holdPetitionKey(request, reply, ctx.sealer, petitionKey, ctx.now());
    return reply.redirect(progressHref(language), 303);
  });

  /** The status page of the petition this browser holds; a reload shows it again and sends nothing. */
  portal.get('/progress', { schema: { hide: true } }, async (request, reply) =>
    withHeldPetition(request, reply, 200, async (language, petitionKey) => {
      const m = portalMessages[language];
      const done = (request.query as { done?: unknown }).done;
      const notices: Record<Done, { text: string; id: string }> = {
        rated: { text: m.feedback.thanks, id: 'feedback-saved' },
        'rated-review': { text: `${m.feedback.thanks} ${m.feedback.offerReview}`, id: 'feedback-saved' },
        review: { text: m.review.requested, id: 'review-requested' },
        files: { text: m.files.added, id: 'files-added' },
      };
      const notice = typeof done === 'string' && Object.hasOwn(notices, done) ? notices[done as Done] : undefined;
      const status = await getPetitionStatus(ctx, petitionKey);
      const files = await filesOf(petitionKey);
      return sendPage(reply, 200, statusPage({ language, status, timeZone: ctx.timeZone, files, ...(notice ? { notice } : {}) }));
    }),
  );

  /** A written notice on the status page, as a PDF to print: the petition this browser holds, in the page's language. */
  portal.get('/notices/:noticeId.pdf', { schema: { hide: true } }, async (request, reply) =>
    withHeldPetition(request, reply, 200, async (language, petitionKey) => {
      const { noticeId } = request.params as { noticeId: string };
      return sendPdf(reply, await printPetitionNotice(ctx, petitionKey, { noticeId, language }));
    }),
  );

  /** A file the petitioner may see, to save: the petition this browser holds; an internal file is as absent as a missing one. */
  portal.get('/files/:attachmentId', { schema: { hide: true } }, async (request, reply) =>
    withHeldPetition(request, reply, 200, async (_language, petitionKey) => {
      const { attachmentId } = request.params as { attachmentId: string };
      return sendFile(reply, await downloadPetitionAttachment(ctx, { ...petitionKey, attachmentId }));
    }),
  );

  /**
   * Files sent from the status page (a plain multipart form): checked from their content, images
   * stripped of their metadata, stored with the case (commands/attachments.ts); the form's token
   * makes a resent form add them once. A refused file is said beside the form, nothing stored.
   */
  portal.post('/files', { schema: { hide: true } }, async (request, reply) =>
    withHeldPetition(request, reply, 400, async (language, petitionKey) => {
      const m = portalMessages[language];
      try {
        const upload = await readUpload(request, settings);
        const token = formToken(upload.fields) ?? newFormToken();
        const idempotency = { scope: 'portal-files', key: token, fingerprint: `portal:files:${petitionKey.reference}` };
        await once(ctx, idempotency, (key) => attachPetitionerFiles(ctx, { ...petitionKey, files: upload.files }, key));
        return reply.redirect(progressHref(language, 'files'), 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
        const text = fileProblemText(m, language, error);
        if (text === null && error.code !== 'validation_failed') throw error;
        return statusWithProblem(reply, error, language, petitionKey, () => text ?? m.files.problems.unknown_field);
      }
    }),
  );

  portal.post('/feedback', { schema: { hide: true }, bodyLimit: options.bodyLimit }, async (request, reply) =>
    withHeldPetition(request, reply, 400, async (language, petitionKey) => {
      const m = portalMessages[language];
      const form = formOf(request);
      const rating = Number(field(form, 'rating'));
      const comment = field(form, 'comment');
      try {
        const result = await giveFeedback(ctx, { ...petitionKey, rating, ...(comment.trim() ? { comment } : {}) });
        return reply.redirect(progressHref(language, result.offerReview ? 'rated-review' : 'rated'), 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
        return statusWithProblem(reply, error, language, petitionKey, () => {
          if (error.field === 'rating') return field(form, 'rating') === '' ? m.problems.required(m.fields.rating) : m.problems.invalid(m.fields.rating);
          if (error.field === 'comment') return m.problems.too_long(m.fields.comment, publicLimits.comment);
          return refusalText(m, error);
        });
      }
    }),
  );

  portal.post('/review', { schema: { hide: true }, bodyLimit: options.bodyLimit }, async (request, reply) =>
    withHeldPetition(request, reply, 400, async (language, petitionKey) => {
      const m = portalMessages[language];
      const reason = field(formOf(request), 'reason');
      try {
        await requestReview(ctx, { ...petitionKey, reason });
        return reply.redirect(progressHref(language, 'review'), 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
        return statusWithProblem(reply, error, language, petitionKey, (status) => {
          if (error.field === 'reason') return reason.trim() === '' ? m.review.reasonRequired : m.problems.too_long(m.fields.reason, publicLimits.reason);
          return reviewClosedReason(m, status, (iso) => formatTime(iso, language, ctx.timeZone)) ?? m.review.notYet;
        });
      }
    }),
  );
}

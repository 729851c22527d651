import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Context } from '../context/context.js';
import { databaseCounters, memoryCounters, type Counters } from '../db/counters.js';
import type { AuditKey } from '../security/audit-key.js';
import { registerAuth } from './plugins/auth.js';
import { registerSecurity } from './plugins/security.js';
import { registerCompression } from './plugins/compression.js';
import { registerInputGuard } from './plugins/input-guard.js';
import { frameworkErrors, registerErrorHandling } from './plugins/errors.js';
import type { SettingInForce } from '../settings-in-force.js';
import { requestLog } from './plugins/request-log.js';
import { appNotFound, registerWebApp, webAppRoot } from './plugins/web.js';
import { auditRoutes } from './routes/audit/routes.js';
import { authRoutes, type AuthOptions } from './routes/auth/routes.js';
import { caseAssignmentRoutes } from './routes/cases/assignment-routes.js';
import { caseRecordRoutes } from './routes/cases/record-routes.js';
import { caseMatterRoutes } from './routes/cases/matter-routes.js';
import { caseReviewRoutes } from './routes/cases/review-routes.js';
import { caseFlagRoutes } from './routes/cases/flag-routes.js';
import { caseSupervisionRoutes } from './routes/cases/supervision-routes.js';
import { caseCommitmentRoutes } from './routes/cases/commitment-routes.js';
import { caseCallbackRoutes } from './routes/cases/callback-routes.js';
import { callbackRoutes } from './routes/callbacks/routes.js';
import { caseTransferRoutes } from './routes/cases/transfer-routes.js';
import { catalogueRoutes } from './routes/catalogue/routes.js';
import { responseTemplateRoutes } from './routes/response-templates/routes.js';
import { caseLinkRoutes } from './routes/case-links/routes.js';
import { leaderRoutes } from './routes/leaders/routes.js';
import { casePersonalDataRoutes } from './routes/cases/personal-data-routes.js';
import { caseAttachmentRoutes } from './routes/cases/attachment-routes.js';
import { registerUploads } from './plugins/uploads.js';
import { attachmentSettings } from '../commands/attachments.js';
import { notificationRoutes } from './routes/notifications/routes.js';
import { calendarRoutes } from './routes/calendar/routes.js';
import { webhookRoutes } from './routes/webhooks/routes.js';
import { reportRoutes } from './routes/reports/routes.js';
import { caseRoutes } from './routes/cases/routes.js';
import { configRoutes } from './routes/config.js';
import { homeRoutes } from './routes/home.js';
import { planRoutes } from './routes/plans/routes.js';
import { open311KeyRoutes } from './routes/open311/keys-routes.js';
import { caseNoticeRoutes } from './routes/cases/notice-routes.js';
import { registerOpen311, type Open311Options } from './routes/open311/routes.js';
import { registerPublicSide, type PublicOptions } from './routes/public/public-side.js';
import { settingsRoutes } from './routes/settings/routes.js';
import { streamRoutes } from './routes/stream.js';
import { unitRoutes } from './routes/units/routes.js';
import { userRoutes } from './routes/users/routes.js';

export interface AppOptions {
  ctx: Context;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For to believe (REDRESS_TRUST_PROXY). */
  trustProxy?: boolean | string;
  logger?: FastifyServerOptions['logger'];
  /** The built web app to serve at `/`; defaults to `web/dist` when it exists, `null` serves none. */
  webRoot?: string | null;
  /** Abuse limits of the petitioner's side (/public, /petition); defaults suit production. */
  public?: PublicOptions;
  /** Limits of the Open311 endpoint (/open311/v2). */
  open311?: Open311Options;
  /** The settings in force, shown read-only to admins (see settings-in-force.ts). */
  settings?: readonly SettingInForce[];
  /** Whether to serve the API reference at /api/docs (REDRESS_API_DOCS); on by default. */
  apiDocs?: boolean;
  /**
   * Where rate limits and the guess throttle count: Redis or the database when several server
   * processes share the work; by default the database on PostgreSQL and memory on SQLite.
   */
  counters?: Counters;
  /** Sign-in: how a throttled answer is held back (tests record instead of waiting). */
  auth?: AuthOptions;
  /** The checkpoint key (or its public half) the audit log's verify check uses; without it signatures go unchecked. */
  auditKey?: AuditKey | null;
}

/** Builds the whole HTTP app without listening, so tests can `inject` into it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: requestLog,
    bodyLimit: 1_048_576,
    frameworkErrors: (error, request, reply) => {
      void frameworkErrors(error, request, reply);
    },
    // Behind a reverse proxy, the client's address (for rate limits and guess counting) comes from X-Forwarded-For.
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  const webRoot = options.webRoot === undefined ? webAppRoot() : options.webRoot;
  registerErrorHandling(app, webRoot === null ? {} : { page: appNotFound(webRoot) });
  registerInputGuard(app);

  // Plans may be sent as YAML; the plan command parses and validates the text itself.
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });

  await registerCompression(app);
  await registerUploads(app, attachmentSettings(options.ctx));
  await app.register(cookie);
  registerSecurity(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Redress API', version: '1', description: 'Petitions worked through a published plan.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'redress_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  if (options.apiDocs ?? true) await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, options.ctx);

  homeRoutes(app, { startPage: webRoot === null });
  if (webRoot !== null) await registerWebApp(app, webRoot);
  authRoutes(app, options.ctx, options.auth);
  unitRoutes(app, options.ctx);
  userRoutes(app, options.ctx);
  planRoutes(app, options.ctx);
  caseRoutes(app, options.ctx);
  caseRecordRoutes(app, options.ctx);
  caseMatterRoutes(app, options.ctx);
  caseReviewRoutes(app, options.ctx);
  caseAssignmentRoutes(app, options.ctx);
  caseFlagRoutes(app, options.ctx);
  caseTransferRoutes(app, options.ctx);
  caseSupervisionRoutes(app, options.ctx);
  caseCommitmentRoutes(app, options.ctx);
  caseCallbackRoutes(app, options.ctx);
  callbackRoutes(app, options.ctx);
  catalogueRoutes(app, options.ctx);
  responseTemplateRoutes(app, options.ctx);
  caseLinkRoutes(app, options.ctx);
  leaderRoutes(app, options.ctx);
  casePersonalDataRoutes(app, options.ctx);
  caseAttachmentRoutes(app, options.ctx);
  caseNoticeRoutes(app, options.ctx);
  notificationRoutes(app, options.ctx);
  webhookRoutes(app, options.ctx);
  calendarRoutes(app, options.ctx);
  reportRoutes(app, options.ctx);
  auditRoutes(app, options.ctx, options.auditKey ?? null);
  configRoutes(app, options.ctx);
  settingsRoutes(app, options.settings ?? []);
  streamRoutes(app, options.ctx);
  const counters = options.counters ?? defaultCounters(options.ctx);
  await registerPublicSide(app, options.ctx, counters, options.public);
  await registerOpen311(app, options.ctx, counters, options.open311);
  open311KeyRoutes(app, options.ctx);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.ready();
  return app;
}

/** One SQLite database has one server process; PostgreSQL may have many, which must count together. */
function defaultCounters(ctx: Context): Counters {
  return ctx.adapter.name === 'postgres' ? databaseCounters(ctx.db) : memoryCounters();
}

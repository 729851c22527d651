import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { confirmTotp, disableTotp, recoveryCodesLeft, requiredTotpRoles, setTotpRoles, startTotpEnrolment, totpPolicy } from '../../../commands/totp.js';
import { forbidden } from '../../../core/errors.js';
import { can } from '../../../core/policy.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { TotpConfirmBody, TotpDisableBody } from '../../../contract/account-bodies.js';
import { RecoveryCodes, TotpEnrolment, TotpPolicy, TotpPolicyBody, TotpStatus } from './schemas.js';

/** The second factor: one's own TOTP (status, set up, confirm, turn off) and which roles must use one. */
export function secondFactorRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/auth/totp', {
    schema: { tags: ['auth'], summary: 'Whether your second factor is on, required, and how many recovery codes are left', response: { 200: TotpStatus, ...errorResponses } },
    handler: async (request) => {
      const actor = actorOf(request);
      return {
        enabled: request.user?.totpEnabled ?? false,
        required: (await requiredTotpRoles(ctx)).includes(actor.role),
        recoveryCodesLeft: await recoveryCodesLeft(ctx, actor.id),
      };
    },
  });

  app.post('/api/v1/auth/totp', {
    schema: {
      tags: ['auth'],
      summary: 'Start setting up a second factor: a new secret and its QR code, on once a code is confirmed',
      response: { 200: TotpEnrolment, ...errorResponses },
    },
    handler: async (request) => startTotpEnrolment(ctx, { actor: actorOf(request) }),
  });

  app.post('/api/v1/auth/totp/confirm', {
    schema: {
      tags: ['auth'],
      summary: 'Confirm the new second factor with a code; answers 10 single-use recovery codes, shown this once',
      body: TotpConfirmBody,
      response: { 200: RecoveryCodes, ...errorResponses },
    },
    handler: async (request) => confirmTotp(ctx, { actor: actorOf(request), code: request.body.code }),
  });

  app.delete('/api/v1/auth/totp', {
    schema: {
      tags: ['auth'],
      summary: 'Turn your second factor off (your password required; refused when your role must use one)',
      body: TotpDisableBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await disableTotp(ctx, { actor: actorOf(request), password: request.body.password });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/auth/policy', {
    schema: { tags: ['auth'], summary: 'Which roles must use a second factor', response: { 200: TotpPolicy, ...errorResponses } },
    handler: async (request) => {
      if (!can(actorOf(request), 'user.read')) throw forbidden();
      return totpPolicy(ctx);
    },
  });

  app.put('/api/v1/auth/policy', {
    schema: {
      tags: ['auth'],
      summary: 'Require a second factor of these roles (admins also whenever the operator requires it)',
      body: TotpPolicyBody,
      response: { 200: TotpPolicy, ...errorResponses },
    },
    handler: async (request) => setTotpRoles(ctx, { actor: actorOf(request), roles: request.body.requiredRoles }),
  });
}

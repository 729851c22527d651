import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { addCommitment, completeCommitment, dropCommitment, getCommitments } from '../../../commands/commitments.js';
import { AddCommitmentBody, CommitmentParams, CommitmentsState, CompleteCommitmentBody, DropCommitmentBody } from '../../../contract/commitments.js';
import { actorOf } from '../../plugins/auth.js';
import { idempotently } from '../../plugins/idempotency.js';
import { errorResponses } from '../../schemas.js';
import { CaseParams } from './schemas.js';

const state = { 200: CommitmentsState, ...errorResponses };

/**
 * The commitments ledger (承诺事项): what a meeting or a decision committed to, each with its owner
 * unit, due day and clock; done with evidence, or dropped with a reason. Each write honours an
 * Idempotency-Key, so a retried request never does a thing twice.
 */
export function caseCommitmentRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/cases/:id/commitments', {
    schema: { tags: ['cases'], summary: 'The case’s commitments, their status and clocks, and what the reader may do', params: CaseParams, response: state },
    handler: async (request) => getCommitments(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/commitments', {
    schema: {
      tags: ['cases'],
      summary: 'Record a commitment a meeting or a decision made, with its owner unit and due day; its clock is reminded and escalated by the ladder. Honours Idempotency-Key.',
      params: CaseParams,
      body: AddCommitmentBody,
      response: { 201: CommitmentsState, ...errorResponses },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const result = await idempotently(ctx, request, reply, `user:${actor.id}`, (key) => addCommitment(ctx, { actor, caseId: request.params.id, ...request.body }, key));
      return reply.status(201).send(result);
    },
  });

  app.post('/api/v1/cases/:id/commitments/:commitmentId/done', {
    schema: { tags: ['cases'], summary: 'Record a commitment done, with its evidence (the owner unit, or the office for it); stops its clock. Honours Idempotency-Key.', params: CommitmentParams, body: CompleteCommitmentBody, response: state },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) =>
        completeCommitment(ctx, { actor, caseId: request.params.id, commitmentId: request.params.commitmentId, evidence: request.body.evidence }, key),
      );
    },
  });

  app.post('/api/v1/cases/:id/commitments/:commitmentId/drop', {
    schema: { tags: ['cases'], summary: 'Drop a commitment, with the reason (the office or the leadership group); stops its clock. Honours Idempotency-Key.', params: CommitmentParams, body: DropCommitmentBody, response: state },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) =>
        dropCommitment(ctx, { actor, caseId: request.params.id, commitmentId: request.params.commitmentId, reason: request.body.reason }, key),
      );
    },
  });
}

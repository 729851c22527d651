import { type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { assignUnit, recordAssignmentStep } from '../../../commands/assign-unit.js';
import { addAnswer, addMeeting, addNote, completeStep, receiveTogether, undoStep } from '../../../commands/case-records.js';
import type { Context } from '../../../commands/context.js';
import { moveStage } from '../../../commands/move-stage.js';
import { invalid } from '../../../core/errors.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  AnswerBody,
  AssignBody,
  AssignmentParams,
  CaseDetail,
  CaseParams,
  MeetingBody,
  NoteBody,
  ReceiveTogetherBody,
  StepParams,
  TransitionBody,
} from './schemas.js';

const changed = { 200: CaseDetail, ...errorResponses };
const created = { 201: CaseDetail, ...errorResponses };

/** Every route that changes a case: each calls one command and answers with the updated case. */
export function caseActionRoutes(app: FastifyInstance, ctx: Context): void {
  app.post('/api/v1/cases/:id/transitions', {
    schema: { tags: ['cases'], summary: 'Move the case to another stage', params: CaseParams, body: TransitionBody, response: changed },
    handler: async (request) => {
      const { id } = request.params as Static<typeof CaseParams>;
      const body = request.body as Static<typeof TransitionBody>;
      return moveStage(ctx, { actor: actorOf(request), caseId: id, ...body });
    },
  });

  app.post('/api/v1/cases/:id/assignments', {
    schema: { tags: ['cases'], summary: 'Assign and notify a unit', params: CaseParams, body: AssignBody, response: created },
    handler: async (request, reply) => {
      const { id } = request.params as Static<typeof CaseParams>;
      const body = request.body as Static<typeof AssignBody>;
      return reply.status(201).send(await assignUnit(ctx, { actor: actorOf(request), caseId: id, ...body }));
    },
  });

  app.post('/api/v1/cases/:id/assignments/:assignmentId/:action', {
    schema: {
      tags: ['cases'],
      summary: 'The assigned unit (or the office for it) acknowledges, arrives on scene ({arrivedAt?}: when it really arrived), or submits its proposal ({proposal})',
      params: AssignmentParams,
      response: changed,
    },
    handler: async (request) => {
      const { id, assignmentId, action } = request.params as Static<typeof AssignmentParams>;
      const body = (request.body ?? {}) as { proposal?: unknown; arrivedAt?: unknown };
      if (action === 'propose' && typeof body.proposal !== 'string') throw invalid('proposal', 'is required.');
      if (body.arrivedAt !== undefined && typeof body.arrivedAt !== 'string') throw invalid('arrivedAt', 'must be an ISO 8601 time.');
      return recordAssignmentStep(ctx, {
        actor: actorOf(request),
        caseId: id,
        assignmentId,
        step: action,
        ...(typeof body.proposal === 'string' ? { proposal: body.proposal } : {}),
        ...(typeof body.arrivedAt === 'string' ? { arrivedAt: body.arrivedAt } : {}),
      });
    },
  });

  app.post('/api/v1/cases/:id/notes', {
    schema: { tags: ['cases'], summary: 'Add an internal note', params: CaseParams, body: NoteBody, response: created },
    handler: async (request, reply) => {
      const { id } = request.params as Static<typeof CaseParams>;
      const { body } = request.body as Static<typeof NoteBody>;
      return reply.status(201).send(await addNote(ctx, { actor: actorOf(request), caseId: id, body }));
    },
  });

  app.post('/api/v1/cases/:id/meetings', {
    schema: { tags: ['cases'], summary: 'Record a meeting with the representatives', params: CaseParams, body: MeetingBody, response: created },
    handler: async (request, reply) => {
      const { id } = request.params as Static<typeof CaseParams>;
      const body = request.body as Static<typeof MeetingBody>;
      return reply.status(201).send(await addMeeting(ctx, { actor: actorOf(request), caseId: id, ...body }));
    },
  });

  app.post('/api/v1/cases/:id/answers', {
    schema: { tags: ['cases'], summary: 'Record the official written answer', params: CaseParams, body: AnswerBody, response: created },
    handler: async (request, reply) => {
      const { id } = request.params as Static<typeof CaseParams>;
      const { body } = request.body as Static<typeof AnswerBody>;
      return reply.status(201).send(await addAnswer(ctx, { actor: actorOf(request), caseId: id, body }));
    },
  });

  app.post('/api/v1/cases/:id/steps/:stepId/done', {
    schema: { tags: ['cases'], summary: 'Tick a checklist step of the pinned plan', params: StepParams, response: changed },
    handler: async (request) => {
      const { id, stepId } = request.params as Static<typeof StepParams>;
      return completeStep(ctx, { actor: actorOf(request), caseId: id, stepId });
    },
  });

  app.post('/api/v1/cases/:id/steps/:stepId/undone', {
    schema: { tags: ['cases'], summary: 'Take back the tick of a checklist step (recorded in the timeline)', params: StepParams, response: changed },
    handler: async (request) => {
      const { id, stepId } = request.params as Static<typeof StepParams>;
      return undoStep(ctx, { actor: actorOf(request), caseId: id, stepId });
    },
  });

  app.post('/api/v1/cases/:id/receive-together', {
    schema: {
      tags: ['cases'],
      summary: 'Record the decision to receive a collective visit together',
      params: CaseParams,
      body: ReceiveTogetherBody,
      response: changed,
    },
    handler: async (request) => {
      const { id } = request.params as Static<typeof CaseParams>;
      const { reason } = request.body as Static<typeof ReceiveTogetherBody>;
      return receiveTogether(ctx, { actor: actorOf(request), caseId: id, reason });
    },
  });
}

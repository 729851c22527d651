import type { App } from '../../typed-app.js';
import { assignUnit, recordAssignmentStep } from '../../../commands/assign-unit.js';
import { addAnswer, addMeeting, addNote, completeStep, receiveTogether, undoStep } from '../../../commands/case-records.js';
import type { Context } from '../../../context/context.js';
import { moveStage } from '../../../commands/move-stage.js';
import { DomainError } from '../../../core/errors.js';
import type { Actor } from '../../../core/types.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  AcknowledgeBody,
  AnswerBody,
  ArriveBody,
  AssignBody,
  MeetingBody,
  NoteBody,
  ProposalBody,
  ReceiveTogetherBody,
  TransitionBody,
} from '../../../contract/case-bodies.js';
import { AssignmentOnlyParams, AssignmentParams, CaseDetail, CaseParams, StepParams } from './schemas.js';

const changed = { 200: CaseDetail, ...errorResponses };
const created = { 201: CaseDetail, ...errorResponses };

/** Every route that changes a case: each calls one command and answers with the updated case. */
export function caseActionRoutes(app: App, ctx: Context): void {
  app.post('/api/v1/cases/:id/transitions', {
    schema: { tags: ['cases'], summary: 'Move the case to another stage', params: CaseParams, body: TransitionBody, response: changed },
    handler: async (request) => {
      const { id } = request.params;
      const body = request.body;
      return moveStage(ctx, { actor: actorOf(request), caseId: id, ...body });
    },
  });

  app.post('/api/v1/cases/:id/assignments', {
    schema: { tags: ['cases'], summary: 'Assign and notify a unit', params: CaseParams, body: AssignBody, response: created },
    handler: async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      return reply.status(201).send(await assignUnit(ctx, { actor: actorOf(request), caseId: id, ...body }));
    },
  });

  // What the assigned unit (or the office for it) did; each step's body has its own schema, and a
  // step with nothing to say may come with no body at all.
  const stepRoute = { tags: ['cases'], params: AssignmentOnlyParams, response: changed };
  const noBodyIsEmpty = async (request: { body: unknown }) => {
    request.body ??= {};
  };
  const step = (request: { params: { id: string; assignmentId: string } }, actor: Actor) => ({ actor, caseId: request.params.id, assignmentId: request.params.assignmentId });

  app.post('/api/v1/cases/:id/assignments/:assignmentId/acknowledge', {
    schema: { ...stepRoute, summary: 'The assigned unit (or the office for it) acknowledges the assignment', body: AcknowledgeBody },
    preValidation: noBodyIsEmpty,
    handler: async (request) => recordAssignmentStep(ctx, { ...step(request, actorOf(request)), step: 'acknowledge' }),
  });

  app.post('/api/v1/cases/:id/assignments/:assignmentId/arrive', {
    schema: { ...stepRoute, summary: 'The assigned unit (or the office for it) arrives on the scene; arrivedAt: when it really arrived (default now)', body: ArriveBody },
    preValidation: noBodyIsEmpty,
    handler: async (request) => recordAssignmentStep(ctx, { ...step(request, actorOf(request)), step: 'arrive', ...request.body }),
  });

  app.post('/api/v1/cases/:id/assignments/:assignmentId/propose', {
    schema: { ...stepRoute, summary: 'The assigned unit (or the office for it) submits its proposal', body: ProposalBody },
    preValidation: noBodyIsEmpty,
    handler: async (request) => recordAssignmentStep(ctx, { ...step(request, actorOf(request)), step: 'propose', proposal: request.body.proposal }),
  });

  // Any other step: the router prefers the routes above, so this one only names the unknown step.
  app.post('/api/v1/cases/:id/assignments/:assignmentId/:action', {
    schema: { hide: true, params: AssignmentParams },
    handler: async () => {
      throw new DomainError('not_found', 'No such step of an assignment.');
    },
  });

  app.post('/api/v1/cases/:id/notes', {
    schema: { tags: ['cases'], summary: 'Add an internal note', params: CaseParams, body: NoteBody, response: created },
    handler: async (request, reply) => {
      const { id } = request.params;
      const { body } = request.body;
      return reply.status(201).send(await addNote(ctx, { actor: actorOf(request), caseId: id, body }));
    },
  });

  app.post('/api/v1/cases/:id/meetings', {
    schema: { tags: ['cases'], summary: 'Record a meeting with the representatives', params: CaseParams, body: MeetingBody, response: created },
    handler: async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      return reply.status(201).send(await addMeeting(ctx, { actor: actorOf(request), caseId: id, ...body }));
    },
  });

  app.post('/api/v1/cases/:id/answers', {
    schema: { tags: ['cases'], summary: 'Record the official written answer', params: CaseParams, body: AnswerBody, response: created },
    handler: async (request, reply) => {
      const { id } = request.params;
      const { body } = request.body;
      return reply.status(201).send(await addAnswer(ctx, { actor: actorOf(request), caseId: id, body }));
    },
  });

  app.post('/api/v1/cases/:id/steps/:stepId/done', {
    schema: { tags: ['cases'], summary: 'Tick a checklist step of the pinned plan', params: StepParams, response: changed },
    handler: async (request) => {
      const { id, stepId } = request.params;
      return completeStep(ctx, { actor: actorOf(request), caseId: id, stepId });
    },
  });

  app.post('/api/v1/cases/:id/steps/:stepId/undone', {
    schema: { tags: ['cases'], summary: 'Take back the tick of a checklist step (recorded in the timeline)', params: StepParams, response: changed },
    handler: async (request) => {
      const { id, stepId } = request.params;
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
      const { id } = request.params;
      const { reason } = request.body;
      return receiveTogether(ctx, { actor: actorOf(request), caseId: id, reason });
    },
  });
}

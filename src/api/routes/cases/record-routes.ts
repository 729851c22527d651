import type { App } from '../../typed-app.js';
import { addAnswer, addMeeting, addNote, completeStep, receiveTogether, undoStep } from '../../../commands/case-records.js';
import type { Context } from '../../../context/context.js';
import { approveExtension, refuseExtension, requestExtension } from '../../../commands/extensions.js';
import { moveStage } from '../../../commands/move-stage.js';
import { endPause, startPause } from '../../../commands/pauses.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { AnswerBody, ExtensionBody, ExtensionRefusalBody, MeetingBody, NoteBody, PauseBody, ReceiveTogetherBody, TransitionBody } from '../../../contract/case-bodies.js';
import { Type } from 'typebox';
import { Id } from '../../../contract/common.js';
import { CaseDetail, CaseParams, StepParams } from './schemas.js';

const PauseParams = Type.Object({ id: Id, pauseId: Id });

const changed = { 200: CaseDetail, ...errorResponses };
const created = { 201: CaseDetail, ...errorResponses };

/**
 * What the office records on a case itself: stage moves, the extension, notes, meetings, answers,
 * checklist ticks and receiving a group together. Each calls one command and answers with the updated case.
 */
export function caseRecordRoutes(app: App, ctx: Context): void {
  app.post('/api/v1/cases/:id/transitions', {
    schema: { tags: ['cases'], summary: 'Move the case to another stage', params: CaseParams, body: TransitionBody, response: changed },
    handler: async (request) => {
      const { id } = request.params;
      const body = request.body;
      return moveStage(ctx, { actor: actorOf(request), caseId: id, ...body });
    },
  });

  app.post('/api/v1/cases/:id/extensions', {
    schema: {
      tags: ['cases'],
      summary: 'Request the one extension of the time to conclude (at most the plan\'s limit, 30 days by default), with the reason the petitioner will be told; a leader approves or refuses it',
      params: CaseParams,
      body: ExtensionBody,
      response: changed,
    },
    handler: async (request) => {
      const { id } = request.params;
      const body = request.body;
      return requestExtension(ctx, { actor: actorOf(request), caseId: id, ...body });
    },
  });

  app.post('/api/v1/cases/:id/extensions/approve', {
    schema: {
      tags: ['cases'],
      summary: 'Approve the pending extension (a leader): the conclusion clock moves and the petitioner is told',
      params: CaseParams,
      response: changed,
    },
    handler: async (request) => approveExtension(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/extensions/refuse', {
    schema: {
      tags: ['cases'],
      summary: 'Refuse the pending extension (a leader), with the reason the office is told; nothing moves',
      params: CaseParams,
      body: ExtensionRefusalBody,
      response: changed,
    },
    handler: async (request) => refuseExtension(ctx, { actor: actorOf(request), caseId: request.params.id, reason: request.body.reason }),
  });

  app.post('/api/v1/cases/:id/pauses', {
    schema: {
      tags: ['cases'],
      summary: 'Pause the handling clock for a hearing, an expert assessment or a mediation; the time paused is not counted',
      params: CaseParams,
      body: PauseBody,
      response: created,
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      return reply.status(201).send(await startPause(ctx, { actor: actorOf(request), caseId: id, ...request.body }));
    },
  });

  app.post('/api/v1/cases/:id/pauses/:pauseId/end', {
    schema: {
      tags: ['cases'],
      summary: 'End a clock pause: the handling clock runs again, its due time later by exactly the time paused',
      params: PauseParams,
      response: changed,
    },
    handler: async (request) => {
      const { id, pauseId } = request.params;
      return endPause(ctx, { actor: actorOf(request), caseId: id, pauseId });
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
      const { body, facts, basis } = request.body;
      return reply.status(201).send(await addAnswer(ctx, { actor: actorOf(request), caseId: id, body, ...(facts === undefined ? {} : { facts }), ...(basis === undefined ? {} : { basis }) }));
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

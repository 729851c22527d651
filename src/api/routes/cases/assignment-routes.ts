import type { App } from '../../typed-app.js';
import { assignUnit, objectToAssignment, recordAssignmentStep, rerouteAssignment } from '../../../commands/assign-unit.js';
import type { Context } from '../../../context/context.js';
import { DomainError } from '../../../core/errors.js';
import type { Actor } from '../../../core/types.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { AcknowledgeBody, ArriveBody, AssignBody, ObjectionBody, ProposalBody, RerouteBody } from '../../../contract/case-bodies.js';
import { AssignmentOnlyParams, AssignmentParams, CaseDetail, CaseParams } from './schemas.js';

const changed = { 200: CaseDetail, ...errorResponses };
const created = { 201: CaseDetail, ...errorResponses };

/**
 * A unit on a case: the office assigns it, the unit (or the office for it) records what it did,
 * the unit objects that the case is outside its remit, the office reroutes it to another unit.
 */
export function caseAssignmentRoutes(app: App, ctx: Context): void {
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

  app.post('/api/v1/cases/:id/assignments/:assignmentId/object', {
    schema: {
      tags: ['cases'],
      summary: 'The assigned unit objects, within 5 working days, that the case is outside its remit',
      params: AssignmentOnlyParams,
      body: ObjectionBody,
      response: changed,
    },
    handler: async (request) => {
      const { id, assignmentId } = request.params;
      const { reason } = request.body;
      return objectToAssignment(ctx, { actor: actorOf(request), caseId: id, assignmentId, reason });
    },
  });

  app.post('/api/v1/cases/:id/assignments/:assignmentId/reroute', {
    schema: {
      tags: ['cases'],
      summary: 'The office transfers an assignment to another unit; the clocks carry on',
      params: AssignmentOnlyParams,
      body: RerouteBody,
      response: changed,
    },
    handler: async (request) => {
      const { id, assignmentId } = request.params;
      const { unitId } = request.body;
      return rerouteAssignment(ctx, { actor: actorOf(request), caseId: id, assignmentId, unitId });
    },
  });
}

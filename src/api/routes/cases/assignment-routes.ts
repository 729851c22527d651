import type { App } from '../../typed-app.js';
import { objectToAssignment, rerouteAssignment } from '../../../commands/assign-unit.js';
import type { Context } from '../../../context/context.js';
import { extendDeadline } from '../../../commands/extend-deadline.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { ExtensionBody, ObjectionBody, RerouteBody } from '../../../contract/case-bodies.js';
import { AssignmentOnlyParams, CaseDetail, CaseParams } from './schemas.js';

const changed = { 200: CaseDetail, ...errorResponses };

/** Extensions and rerouting: the routes that move a case's clocks or its responsible unit. */
export function caseClockRoutes(app: App, ctx: Context): void {
  app.post('/api/v1/cases/:id/extensions', {
    schema: {
      tags: ['cases'],
      summary: 'Extend the time to conclude, once, by at most 30 days, with the reason told to the petitioner',
      params: CaseParams,
      body: ExtensionBody,
      response: changed,
    },
    handler: async (request) => {
      const { id } = request.params;
      const body = request.body;
      return extendDeadline(ctx, { actor: actorOf(request), caseId: id, ...body });
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

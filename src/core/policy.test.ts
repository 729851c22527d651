import { describe, expect, it } from 'vitest';
import {
  assignmentAbilities,
  can,
  caseAbilities,
  caseActions,
  caseScope,
  globalAbilities,
  globalActions as everyGlobalAction,
  personalDataAccess,
  reviewRefusal,
  type Action,
  type AssignmentStanding,
  type CaseAction,
  type Resource,
} from './policy.js';
import { roles, type Actor, type Role } from './types.js';

const ownUnit = 'unit-township-a';
const otherUnit = 'unit-township-b';

function buildActor(role: Role, unitId: string | null = ownUnit): Actor {
  return { id: `user-${role}`, role, unitId };
}

const globalActions = [
  'case.create',
  'case.list',
  'unit.read',
  'unit.create',
  'user.read',
  'user.create',
  'plan.read',
  'plan.write',
  'plan.publish',
  'audit.read',
] as const satisfies readonly Action[];
const assignmentActions = ['assignment.acknowledge', 'assignment.arrive'] as const satisfies readonly Action[];
const everyAction: readonly Action[] = [...caseActions, ...assignmentActions, ...globalActions];

const readActions: readonly Action[] = ['case.read', 'case.list', 'unit.read', 'user.read', 'plan.read', 'audit.read'];
const writeActions = everyAction.filter((action) => !readActions.includes(action));

const ownCase: Resource = { type: 'case', assignedUnitIds: [ownUnit] };
const sharedCase: Resource = { type: 'case', assignedUnitIds: [otherUnit, ownUnit] };
const otherCase: Resource = { type: 'case', assignedUnitIds: [otherUnit] };
const unassignedCase: Resource = { type: 'case', assignedUnitIds: [] };
const ownAssignment: Resource = { type: 'assignment', unitId: ownUnit };
const otherAssignment: Resource = { type: 'assignment', unitId: otherUnit };

/** The resource an action is naturally asked about. */
function resourcesFor(action: Action): Resource[] {
  if (action.startsWith('assignment.')) return [ownAssignment, otherAssignment];
  if ((caseActions as readonly string[]).includes(action)) return [ownCase, otherCase, unassignedCase];
  return [{ type: 'global' }];
}

describe('the action lists used by these tests', () => {
  it('cover twenty-three case actions', () => {
    expect([...caseActions]).toEqual([
      'case.read',
      'case.move',
      'case.assign',
      'case.note',
      'case.meet',
      'case.answer',
      'case.step',
      'case.representatives',
      'case.extension.request',
      'case.extension.decide',
      'case.pause',
      'case.classify',
      'case.attach',
      'case.review',
      'case.link',
      'case.supervise',
      'case.supervision.feedback',
      'case.reception.book',
      'case.personal_charge',
      'case.commitment',
      'case.commitment.done',
      'case.callback',
      'case.rework.report',
    ]);
  });
});

/** The leaders' own case actions and the supervised unit's feedback: neither the office's nor an admin's. */
const notTheOffice: readonly string[] = ['case.extension.decide', 'case.supervise', 'case.supervision.feedback', 'case.personal_charge', 'case.rework.report'];

describe('can: admin', () => {
  const admin = buildActor('admin', null);

  it('may do everything but decide an extension, supervise or give a unit\'s feedback, on any case and any assignment', () => {
    for (const action of notTheOffice) expect(can(admin, action as CaseAction, ownCase), action).toBe(false);
    for (const action of everyAction.filter((action) => !notTheOffice.includes(action))) {
      for (const resource of resourcesFor(action)) {
        expect(can(admin, action, resource), `${action} on ${JSON.stringify(resource)}`).toBe(true);
      }
    }
  });
});

describe('can: coordinator', () => {
  const coordinator = buildActor('coordinator');

  it('may take every case action but deciding an extension, supervising or a unit\'s feedback on any case, assigned to their unit or not', () => {
    for (const action of notTheOffice) expect(can(coordinator, action as CaseAction, ownCase), action).toBe(false);
    for (const action of caseActions.filter((action) => !notTheOffice.includes(action))) {
      for (const resource of [ownCase, otherCase, unassignedCase]) {
        expect(can(coordinator, action, resource), `${action} on ${JSON.stringify(resource)}`).toBe(true);
      }
    }
  });

  it('may acknowledge and record arrival for any unit', () => {
    for (const action of assignmentActions) {
      expect(can(coordinator, action, otherAssignment)).toBe(true);
    }
  });

  it('may register, list and read, but not administer', () => {
    expect(can(coordinator, 'case.create')).toBe(true);
    expect(can(coordinator, 'case.list')).toBe(true);
    expect(can(coordinator, 'unit.read')).toBe(true);
    expect(can(coordinator, 'user.read')).toBe(true);
    expect(can(coordinator, 'plan.read')).toBe(true);
    expect(can(coordinator, 'user.create')).toBe(false);
    expect(can(coordinator, 'plan.publish')).toBe(false);
    expect(can(coordinator, 'plan.write')).toBe(false);
    expect(can(coordinator, 'unit.create')).toBe(false);
    expect(can(coordinator, 'audit.read')).toBe(false);
    // Cases on the same issue are linked and merged by the office (core/case-links.ts).
    expect(can(coordinator, 'case.link', otherCase)).toBe(true);
    expect(can(buildActor('unit_officer'), 'case.link', ownCase)).toBe(false);
    expect(can(buildActor('auditor'), 'case.link', ownCase)).toBe(false);
  });
});

describe('can: unit officer', () => {
  const officer = buildActor('unit_officer');
  const held: readonly CaseAction[] = ['case.read', 'case.move', 'case.note', 'case.meet', 'case.answer', 'case.step'];

  it('works cases assigned to their unit, alone or with others', () => {
    for (const action of held) {
      expect(can(officer, action, ownCase), action).toBe(true);
      expect(can(officer, action, sharedCase), action).toBe(true);
    }
  });

  it('cannot touch, or even read, a case assigned only to another unit or to none', () => {
    for (const action of caseActions) {
      expect(can(officer, action, otherCase), action).toBe(false);
      expect(can(officer, action, unassignedCase), action).toBe(false);
    }
  });

  it('cannot assign units or record representatives, even on their own case', () => {
    expect(can(officer, 'case.assign', ownCase)).toBe(false);
    expect(can(officer, 'case.representatives', ownCase)).toBe(false);
  });

  it('acknowledges and arrives only for their own unit', () => {
    for (const action of assignmentActions) {
      expect(can(officer, action, ownAssignment), action).toBe(true);
      expect(can(officer, action, otherAssignment), action).toBe(false);
    }
  });

  it('without a unit sees no case and owes no assignment', () => {
    const unattached = buildActor('unit_officer', null);
    expect(can(unattached, 'case.read', ownCase)).toBe(false);
    expect(can(unattached, 'case.read', unassignedCase)).toBe(false);
    expect(can(unattached, 'assignment.acknowledge', ownAssignment)).toBe(false);
  });

  it('may register and list cases and read units and plans, but not administer', () => {
    expect(can(officer, 'case.create')).toBe(true);
    expect(can(officer, 'case.list')).toBe(true);
    expect(can(officer, 'unit.read')).toBe(true);
    expect(can(officer, 'plan.read')).toBe(true);
    for (const action of ['user.read', 'user.create', 'unit.create', 'plan.write', 'plan.publish', 'audit.read'] as const) {
      expect(can(officer, action), action).toBe(false);
    }
  });
});

describe('can: leader', () => {
  const leader = buildActor('leader');

  it('may read, move, note and meet on any case', () => {
    for (const action of ['case.read', 'case.move', 'case.note', 'case.meet'] as const) {
      expect(can(leader, action, otherCase), action).toBe(true);
      expect(can(leader, action, unassignedCase), action).toBe(true);
    }
  });

  it('takes personal charge of any case (包案), and books no reception and manages no reception days: the office does', () => {
    expect(can(leader, 'case.personal_charge', otherCase)).toBe(true);
    expect(can(leader, 'case.personal_charge', unassignedCase)).toBe(true);
    expect(can(leader, 'case.reception.book', otherCase)).toBe(false);
    expect(can(leader, 'reception.manage')).toBe(false);
    expect(can(buildActor('coordinator'), 'reception.manage')).toBe(true);
    expect(can(buildActor('coordinator'), 'case.reception.book', unassignedCase)).toBe(true);
    expect(can(buildActor('coordinator'), 'case.personal_charge', unassignedCase)).toBe(false);
    for (const role of ['unit_officer', 'auditor'] as const) {
      expect(can(buildActor(role), 'reception.manage'), role).toBe(false);
      expect(can(buildActor(role), 'case.reception.book', ownCase), role).toBe(false);
      expect(can(buildActor(role), 'case.personal_charge', ownCase), role).toBe(false);
    }
  });

  it('puts any case under supervision, and gives no unit\'s feedback (Art. 40)', () => {
    expect(can(leader, 'case.supervise', otherCase)).toBe(true);
    expect(can(leader, 'case.supervise', unassignedCase)).toBe(true);
    expect(can(leader, 'case.supervision.feedback', otherCase)).toBe(false);
  });

  it('approves or refuses an extension the office requested, on any case (Art. 34)', () => {
    expect(can(leader, 'case.extension.decide', otherCase)).toBe(true);
    expect(can(leader, 'case.extension.decide', unassignedCase)).toBe(true);
  });

  it('may not answer, assign, tick steps, record representatives request an extension or pause the clock', () => {
    for (const action of ['case.answer', 'case.assign', 'case.step', 'case.representatives', 'case.extension.request', 'case.pause', 'case.classify', 'case.link'] as const) {
      expect(can(leader, action, ownCase), action).toBe(false);
    }
  });

  it('does not acknowledge or arrive for units', () => {
    expect(can(leader, 'assignment.acknowledge', ownAssignment)).toBe(false);
    expect(can(leader, 'assignment.arrive', ownAssignment)).toBe(false);
  });

  it('sees dashboards but does not register cases or administer', () => {
    expect(can(leader, 'case.list')).toBe(true);
    expect(can(leader, 'case.create')).toBe(false);
    expect(can(leader, 'audit.read')).toBe(false);
    expect(can(leader, 'user.create')).toBe(false);
  });
});

describe('can: auditor', () => {
  const auditor = buildActor('auditor');

  it('may read cases, the audit log and the rest', () => {
    for (const action of readActions) {
      for (const resource of resourcesFor(action)) {
        expect(can(auditor, action, resource), action).toBe(true);
      }
    }
  });

  it('may not perform any write action on anything', () => {
    expect(writeActions).toHaveLength(everyAction.length - readActions.length);
    const resources: Resource[] = [{ type: 'global' }, ownCase, otherCase, unassignedCase, ownAssignment, otherAssignment];
    for (const action of writeActions) {
      for (const resource of resources) {
        expect(can(auditor, action, resource), `${action} on ${JSON.stringify(resource)}`).toBe(false);
      }
    }
  });
});

describe('can: the role grant comes before the scope', () => {
  it('no role gets an action it was not granted just because the case is its own', () => {
    expect(can(buildActor('leader'), 'case.answer', ownCase)).toBe(false);
    expect(can(buildActor('auditor'), 'case.note', ownCase)).toBe(false);
  });

  it('defaults the resource to global', () => {
    expect(can(buildActor('coordinator'), 'user.create')).toBe(can(buildActor('coordinator'), 'user.create', { type: 'global' }));
    expect(can(buildActor('admin'), 'plan.publish')).toBe(true);
  });
});

describe('caseScope', () => {
  it('limits a unit officer to their unit', () => {
    expect(caseScope(buildActor('unit_officer', ownUnit))).toEqual({ all: false, unitId: ownUnit });
    expect(caseScope(buildActor('unit_officer', null))).toEqual({ all: false, unitId: null });
  });

  it('gives every other role the whole jurisdiction, whatever their unit', () => {
    for (const role of roles.filter((candidate) => candidate !== 'unit_officer')) {
      expect(caseScope(buildActor(role, ownUnit)), role).toEqual({ all: true });
      expect(caseScope(buildActor(role, null)), role).toEqual({ all: true });
    }
  });
});

describe('caseAbilities', () => {
  it('lists every case action', () => {
    expect(Object.keys(caseAbilities(buildActor('admin'), [])).sort()).toEqual([...caseActions].sort());
  });

  it('gives the same answers as can, for every role and assignment', () => {
    const assignments: string[][] = [[ownUnit], [otherUnit], [], [otherUnit, ownUnit]];
    for (const role of roles) {
      for (const unitId of [ownUnit, null]) {
        const actor = buildActor(role, unitId);
        for (const assignedUnitIds of assignments) {
          const abilities = caseAbilities(actor, assignedUnitIds);
          for (const action of caseActions) {
            expect(abilities[action], `${role}/${unitId}/${assignedUnitIds.join()}/${action}`).toBe(
              can(actor, action, { type: 'case', assignedUnitIds }),
            );
          }
        }
      }
    }
  });

  it('shows a unit officer their controls on their own case', () => {
    expect(caseAbilities(buildActor('unit_officer'), [ownUnit])).toEqual({
      'case.read': true,
      'case.move': true,
      'case.assign': false,
      'case.note': true,
      'case.meet': true,
      'case.answer': true,
      'case.step': true,
      'case.representatives': false,
      'case.extension.request': false,
      'case.extension.decide': false,
      'case.pause': false,
      'case.classify': false,
      'case.attach': true,
      'case.review': false,
      'case.link': false,
      'case.supervise': false,
      'case.supervision.feedback': true,
      'case.reception.book': false,
      'case.personal_charge': false,
      'case.commitment': false,
      'case.commitment.done': true,
      'case.callback': false,
      'case.rework.report': true,
    });
  });

  it('shows a unit officer nothing on another unit\'s case', () => {
    expect(Object.values(caseAbilities(buildActor('unit_officer'), [otherUnit]))).toEqual(caseActions.map(() => false));
  });

  it('shows a leader read, move, note, meet, the decision on an extension, supervision, personal charge and commitments only', () => {
    expect(caseAbilities(buildActor('leader'), [otherUnit])).toEqual({
      'case.read': true,
      'case.move': true,
      'case.assign': false,
      'case.note': true,
      'case.meet': true,
      'case.answer': false,
      'case.step': false,
      'case.representatives': false,
      'case.extension.request': false,
      'case.extension.decide': true,
      'case.pause': false,
      'case.classify': false,
      'case.attach': false,
      'case.review': false,
      'case.link': false,
      'case.supervise': true,
      'case.supervision.feedback': false,
      'case.reception.book': false,
      'case.personal_charge': true,
      'case.commitment': true,
      'case.commitment.done': false,
      'case.callback': false,
      'case.rework.report': false,
    });
  });

  it('shows an auditor read only', () => {
    const abilities = caseAbilities(buildActor('auditor'), [ownUnit]);
    expect(Object.entries(abilities).filter(([, allowed]) => allowed).map(([action]) => action)).toEqual(['case.read']);
  });
});

describe('can: the accountability report and statistics', () => {
  it('are for the office, leaders, auditors and admins, not for a single unit', () => {
    const actor = (role: Actor['role']): Actor => ({ id: role, role, unitId: 'unit-a' });
    expect(['admin', 'coordinator', 'leader', 'auditor', 'unit_officer'].map((role) => can(actor(role as Actor['role']), 'report.read'))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('personalDataAccess: who sees names and contacts', () => {
  it('shows them to the office and to officers of an assigned unit', () => {
    expect(personalDataAccess(buildActor('coordinator'), [otherUnit])).toBe('shown');
    expect(personalDataAccess(buildActor('coordinator'), [])).toBe('shown');
    expect(personalDataAccess(buildActor('unit_officer'), [otherUnit, ownUnit])).toBe('shown');
  });

  it('lets leaders, auditors and admins reveal them only on request, with a reason', () => {
    for (const role of ['leader', 'auditor', 'admin'] as const) {
      expect(personalDataAccess(buildActor(role), [ownUnit]), role).toBe('on_request');
    }
  });

  it('gives nothing to an officer whose unit is not on the case', () => {
    expect(personalDataAccess(buildActor('unit_officer'), [otherUnit])).toBe('none');
    expect(personalDataAccess(buildActor('unit_officer', null), [])).toBe('none');
  });
});

describe('can: proposing, objecting and rerouting, each its own action', () => {
  it('lets the assigned unit and the office propose, never a leader or an auditor, and another unit not for this one', () => {
    expect(can(buildActor('unit_officer'), 'assignment.propose', ownAssignment)).toBe(true);
    expect(can(buildActor('unit_officer'), 'assignment.propose', otherAssignment)).toBe(false);
    for (const role of ['coordinator', 'admin'] as const) expect(can(buildActor(role), 'assignment.propose', otherAssignment), role).toBe(true);
    for (const role of ['leader', 'auditor'] as const) expect(can(buildActor(role), 'assignment.propose', ownAssignment), role).toBe(false);
  });

  it('lets only an officer of the unit itself object: the office reroutes instead', () => {
    expect(can(buildActor('unit_officer'), 'assignment.object', ownAssignment)).toBe(true);
    expect(can(buildActor('unit_officer'), 'assignment.object', otherAssignment)).toBe(false);
    for (const role of ['coordinator', 'admin', 'leader', 'auditor'] as const) {
      expect(can(buildActor(role), 'assignment.object', ownAssignment), role).toBe(false);
    }
  });

  it('lets only the office reroute, for any unit', () => {
    for (const role of ['coordinator', 'admin'] as const) expect(can(buildActor(role), 'assignment.reroute', otherAssignment), role).toBe(true);
    for (const role of ['unit_officer', 'leader', 'auditor'] as const) {
      expect(can(buildActor(role), 'assignment.reroute', ownAssignment), role).toBe(false);
    }
  });

  it('no longer follows from acknowledging or reading: each is granted on its own', () => {
    const officer = buildActor('unit_officer');
    expect(can(officer, 'assignment.acknowledge', ownAssignment) && can(officer, 'case.read', ownCase)).toBe(true);
    expect(can(buildActor('leader'), 'case.read', ownCase)).toBe(true);
    expect(can(buildActor('leader'), 'assignment.object', ownAssignment)).toBe(false);
    expect(can(buildActor('coordinator'), 'assignment.acknowledge', ownAssignment)).toBe(true);
    expect(can(buildActor('coordinator'), 'assignment.object', ownAssignment)).toBe(false);
  });
});

describe('assignmentAbilities: what the case page offers for one unit', () => {
  const dueAt = '2026-11-09T15:59:59.999Z';
  const before = '2026-11-05T02:00:00.000Z';
  const after = '2026-11-09T16:00:00.000Z';
  const standing = (overrides: Partial<AssignmentStanding> = {}): AssignmentStanding => ({
    unitId: ownUnit,
    stoppedAt: null,
    releasedAt: null,
    acknowledged: false,
    arrivalOwed: true,
    proposed: false,
    objection: { dueAt, at: null },
    caseOpen: true,
    ...overrides,
  });
  const officer = buildActor('unit_officer');

  it('offers an objection to an officer of the assigned unit, once, within the window, while the unit still has the case', () => {
    expect(assignmentAbilities(officer, standing(), before).object).toBe(true);
    expect(assignmentAbilities(officer, standing(), dueAt).object).toBe(true);
    expect(assignmentAbilities(officer, standing(), after).object).toBe(false);
    expect(assignmentAbilities(officer, standing({ objection: { dueAt, at: '2026-11-04T02:00:00.000Z' } }), before).object).toBe(false);
    expect(assignmentAbilities(officer, standing({ releasedAt: '2026-11-04T02:00:00.000Z' }), before).object).toBe(false);
    expect(assignmentAbilities(officer, standing({ objection: { dueAt: null, at: null } }), before).object).toBe(false);
  });

  it('never offers it to another unit, nor to the office, which reroutes instead', () => {
    expect(assignmentAbilities(buildActor('unit_officer', otherUnit), standing(), before).object).toBe(false);
    expect(assignmentAbilities(buildActor('coordinator', ownUnit), standing(), before).object).toBe(false);
    expect(assignmentAbilities(buildActor('admin', null), standing(), before).object).toBe(false);
  });

  it('offers rerouting to the office, on a case being worked, and only for an assignment still active', () => {
    const coordinator = buildActor('coordinator');
    expect(assignmentAbilities(coordinator, standing(), before).reroute).toBe(true);
    expect(assignmentAbilities(buildActor('admin', null), standing(), before).reroute).toBe(true);
    expect(assignmentAbilities(officer, standing(), before).reroute).toBe(false);
    expect(assignmentAbilities(buildActor('leader'), standing(), before).reroute).toBe(false);
    expect(assignmentAbilities(coordinator, standing({ caseOpen: false }), before).reroute).toBe(false);
    expect(assignmentAbilities(coordinator, standing({ releasedAt: '2026-11-04T02:00:00.000Z' }), before).reroute).toBe(false);
  });

  it('offers each step once, only while the unit\'s clocks run, to who may record it', () => {
    expect(assignmentAbilities(officer, standing(), before)).toEqual({ acknowledge: true, arrive: true, propose: true, object: true, reroute: false, onBehalf: false });
    expect(assignmentAbilities(officer, standing({ acknowledged: true, arrivalOwed: false, proposed: true }), before)).toMatchObject({
      acknowledge: false,
      arrive: false,
      propose: false,
    });
    const stopped = assignmentAbilities(officer, standing({ stoppedAt: '2026-11-06T02:00:00.000Z' }), before);
    expect([stopped.acknowledge, stopped.arrive, stopped.propose]).toEqual([false, false, false]);
    expect(assignmentAbilities(buildActor('coordinator', 'unit-office'), standing(), before)).toMatchObject({ acknowledge: true, propose: true, onBehalf: true });
    expect(assignmentAbilities(buildActor('leader'), standing(), before)).toMatchObject({ acknowledge: false, arrive: false, propose: false });
  });
});

describe('globalAbilities: what the app offers outside any one case', () => {
  it('gives the same answers as can, for every role and every global action', () => {
    for (const role of roles) {
      const abilities = globalAbilities(buildActor(role));
      expect(Object.keys(abilities).sort(), role).toEqual([...everyGlobalAction].sort());
      for (const action of everyGlobalAction) expect(abilities[action], `${role}/${action}`).toBe(can(buildActor(role), action));
    }
  });

  it('shows the dashboard to the office, leaders, auditors and admins, not to a unit officer', () => {
    expect(roles.filter((role) => globalAbilities(buildActor(role))['report.read']).sort()).toEqual(['admin', 'auditor', 'coordinator', 'leader']);
  });
});

describe('reviewRefusal: who handles a review by the body above (Art. 35–36)', () => {
  const prefectureOffice = 'unit-prefecture-office';
  const review = { round: 1, bodyUnitIds: [prefectureOffice, 'unit-prefecture-department'], handledEarlier: ['user-answered-first'] };
  const reviewer: Actor = { id: 'user-reviewer', role: 'coordinator', unitId: prefectureOffice };

  it('lets the body above handle it', () => {
    expect(reviewRefusal(reviewer, 'case.answer', review)).toBeNull();
    expect(reviewRefusal({ ...reviewer, role: 'unit_officer', unitId: 'unit-prefecture-department' }, 'case.note', review)).toBeNull();
  });

  it('refuses who handled the first stage (recusal), even in the body above, even an admin', () => {
    for (const actor of [
      { ...reviewer, id: 'user-answered-first' },
      { id: 'user-answered-first', role: 'unit_officer', unitId: ownUnit },
      { id: 'user-answered-first', role: 'admin', unitId: null },
    ] satisfies Actor[]) {
      expect(reviewRefusal(actor, 'case.answer', review), actor.role).toBe('review_recusal');
    }
  });

  it('refuses staff of another jurisdiction, but not an admin who did not handle it', () => {
    expect(reviewRefusal({ id: 'user-county', role: 'coordinator', unitId: 'unit-county-office' }, 'case.review', review)).toBe('review_other_body');
    expect(reviewRefusal({ id: 'user-none', role: 'coordinator', unitId: null }, 'case.move', review)).toBe('review_other_body');
    expect(reviewRefusal({ id: 'user-admin', role: 'admin', unitId: null }, 'case.move', review)).toBeNull();
  });

  it('never refuses a read, a case with no review under way, or a review by a body outside the system', () => {
    expect(reviewRefusal({ ...reviewer, id: 'user-answered-first' }, 'case.read', review)).toBeNull();
    expect(reviewRefusal({ ...reviewer, id: 'user-answered-first' }, 'case.answer', null)).toBeNull();
    expect(reviewRefusal({ ...reviewer, id: 'user-answered-first' }, 'case.answer', { ...review, bodyUnitIds: null })).toBeNull();
  });
});

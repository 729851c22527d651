import { describe, expect, it } from 'vitest';
import { emptyCalendar } from './calendar.js';
import { statutoryDefaults } from './deadlines.js';
import { isAcceptance, judgeMove, maxReviews, moves, offeredMoves, reviewWindow, stageChanges, undoneSteps, type MoveContext, type Mover } from './stages.js';
import { roles, stages, type Stage } from './types.js';

const reviewWindowEnd = '2026-12-31T15:59:59.999Z';

/** A context in which every guard of every move is satisfied; tests override one fact at a time. */
function buildContext(overrides: Partial<MoveContext> = {}): MoveContext {
  return {
    kind: 'individual',
    representativeCount: 0,
    receiveTogether: false,
    hasLeadAssignment: true,
    answerCount: 1,
    answersSinceReview: 1,
    reviewCount: 0,
    reviewRequestDueAt: reviewWindowEnd,
    lastAnswerAt: '2026-12-01T00:00:00.000Z',
    openCommitments: 0,
    now: '2026-12-01T00:00:00.000Z',
    reason: 'The grievance is within the county remit.',
    ...overrides,
  };
}

/** The table as DESIGN.md describes it, written out independently so a change to `moves` shows here. */
const expectedMoves: { from: Stage; to: Stage; by: Mover[]; reasonRequired: boolean }[] = [
  { from: 'prevention', to: 'reception', by: ['coordinator', 'unit_officer'], reasonRequired: false },
  { from: 'prevention', to: 'resolution', by: ['coordinator', 'unit_officer'], reasonRequired: false },
  { from: 'reception', to: 'decision', by: ['coordinator'], reasonRequired: false },
  { from: 'reception', to: 'resolution', by: ['coordinator'], reasonRequired: false },
  { from: 'reception', to: 'not_accepted', by: ['coordinator'], reasonRequired: true },
  { from: 'not_accepted', to: 'reception', by: ['coordinator'], reasonRequired: true },
  { from: 'decision', to: 'resolution', by: ['coordinator', 'leader'], reasonRequired: true },
  { from: 'resolution', to: 'closed', by: ['coordinator'], reasonRequired: false },
  { from: 'resolution', to: 'review', by: ['coordinator', 'petitioner'], reasonRequired: true },
  { from: 'closed', to: 'review', by: ['coordinator', 'petitioner'], reasonRequired: true },
  { from: 'review', to: 'closed', by: ['coordinator'], reasonRequired: false },
  { from: 'review', to: 'review', by: ['coordinator', 'petitioner'], reasonRequired: true },
];

const isListed = (from: Stage, to: Stage): boolean => expectedMoves.some((move) => move.from === from && move.to === to);

describe('the moves table', () => {
  it('holds exactly the documented moves, roles and reason requirements', () => {
    const actual = moves.map((move) => ({
      from: move.from,
      to: move.to,
      by: [...move.by].sort(),
      reasonRequired: move.reasonRequired,
    }));
    const expected = expectedMoves.map((move) => ({ ...move, by: [...move.by].sort() }));
    expect(actual).toEqual(expected);
  });

  it('never lists the same pair twice', () => {
    const pairs = moves.map((move) => `${move.from}->${move.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});

describe('judgeMove: allowed moves', () => {
  for (const move of moves) {
    for (const role of [...move.by, 'admin' as const]) {
      it(`${role} may move ${move.from} → ${move.to} when every guard is satisfied`, () => {
        expect(judgeMove(move.from, move.to, role, buildContext())).toEqual({ ok: true });
      });
    }
  }

  it('lets admin make every listed move', () => {
    const verdicts = moves.map((move) => judgeMove(move.from, move.to, 'admin', buildContext()).ok);
    expect(verdicts).toEqual(moves.map(() => true));
  });
});

describe('judgeMove: moves not in the table', () => {
  it.each<[Stage, Stage]>([
    ['reception', 'closed'],
    ['closed', 'decision'],
    ['prevention', 'decision'],
    ['decision', 'closed'],
    ['not_accepted', 'closed'],
    ['review', 'resolution'],
    ['closed', 'reception'],
    ['decision', 'review'],
  ])('%s → %s is move_not_allowed, even for admin', (from, to) => {
    expect(judgeMove(from, to, 'admin', buildContext())).toMatchObject({
      ok: false,
      code: 'move_not_allowed',
      message: `A case cannot move from ${from} to ${to}.`,
    });
  });

  it('refuses every unlisted pair of known stages, including staying put', () => {
    const unlisted = stages.flatMap((from) => stages.filter((to) => !isListed(from, to)).map((to) => [from, to] as const));
    expect(unlisted.length).toBe(stages.length * stages.length - expectedMoves.length);
    for (const [from, to] of unlisted) {
      const verdict = judgeMove(from, to, 'admin', buildContext());
      expect(verdict.ok ? 'ok' : verdict.code, `${from} → ${to}`).toBe('move_not_allowed');
    }
  });

  it('refuses stages it does not know', () => {
    const archived = 'archived' as string as Stage;
    const verdict = judgeMove('reception', archived, 'admin', buildContext());
    expect(verdict).toMatchObject({ ok: false, code: 'move_not_allowed' });
    expect(judgeMove(archived, 'closed', 'coordinator', buildContext())).toMatchObject({
      ok: false,
      code: 'move_not_allowed',
    });
  });

  it('says move_not_allowed rather than forbidden when the move does not exist at all', () => {
    expect(judgeMove('reception', 'closed', 'auditor', buildContext())).toMatchObject({ code: 'move_not_allowed' });
  });
});

describe('judgeMove: roles', () => {
  it('forbids a leader from accepting reception → decision', () => {
    expect(judgeMove('reception', 'decision', 'leader', buildContext())).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: 'Your role cannot move a case from reception to decision.',
    });
  });

  it('forbids a unit officer from closing a case', () => {
    expect(judgeMove('resolution', 'closed', 'unit_officer', buildContext())).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(judgeMove('review', 'closed', 'unit_officer', buildContext())).toMatchObject({ code: 'forbidden' });
  });

  it('lets a unit officer report a forming grievance onward from prevention', () => {
    expect(judgeMove('prevention', 'reception', 'unit_officer', buildContext()).ok).toBe(true);
  });

  it('lets a leader decide (decision → resolution)', () => {
    expect(judgeMove('decision', 'resolution', 'leader', buildContext()).ok).toBe(true);
  });

  it('forbids an auditor every listed move', () => {
    for (const move of moves) {
      expect(judgeMove(move.from, move.to, 'auditor', buildContext())).toMatchObject({ code: 'forbidden' });
    }
  });

  it('forbids every role outside a move\'s list (admin aside)', () => {
    for (const move of moves) {
      for (const role of roles.filter((candidate) => candidate !== 'admin' && !move.by.includes(candidate))) {
        const verdict = judgeMove(move.from, move.to, role, buildContext());
        expect(verdict.ok ? 'ok' : verdict.code, `${role}: ${move.from} → ${move.to}`).toBe('forbidden');
      }
    }
  });

  it('checks the role before the guards', () => {
    const unsatisfied = buildContext({ hasLeadAssignment: false, reason: undefined });
    expect(judgeMove('reception', 'decision', 'leader', unsatisfied)).toMatchObject({ code: 'forbidden' });
  });
});

describe('judgeMove: the petitioner', () => {
  it('may make one kind of move: request a review once the written answer is given, closed or not', () => {
    const allowed = moves.filter((move) => judgeMove(move.from, move.to, 'petitioner', buildContext()).ok);
    expect(allowed.map((move) => `${move.from} → ${move.to}`)).toEqual(['resolution → review', 'closed → review', 'review → review']);
  });

  it('opens the window with the answer: before it nothing can be asked, after it at once, until it ends', () => {
    const unanswered = buildContext({ answerCount: 0, answersSinceReview: 0, reviewRequestDueAt: null, lastAnswerAt: null });
    expect(reviewWindow('resolution', unanswered)).toEqual({ opensAt: null, until: null, possible: false, blockedBy: 'noAnswerYet' });
    expect(judgeMove('resolution', 'review', 'petitioner', unanswered)).toMatchObject({ code: 'guard_failed', guard: 'noAnswerYet' });
    const answered = buildContext({ answersSinceReview: 0 });
    expect(reviewWindow('resolution', answered)).toEqual({ opensAt: '2026-12-01T00:00:00.000Z', until: reviewWindowEnd, possible: true, blockedBy: null });
    expect(reviewWindow('closed', answered)).toEqual(reviewWindow('resolution', answered));
    const late = buildContext({ now: '2027-01-01T00:00:00.000Z' });
    expect(reviewWindow('resolution', late)).toMatchObject({ until: reviewWindowEnd, possible: false, blockedBy: 'reviewWindowPassed' });
    expect(judgeMove('resolution', 'review', 'petitioner', late)).toMatchObject({
      code: 'guard_failed',
      details: { guard: 'reviewWindowPassed', until: reviewWindowEnd },
    });
  });

  it('during a review, opens the window for the second review with the review’s own answer', () => {
    const underWay = buildContext({ reviewCount: 1, answersSinceReview: 0 });
    expect(reviewWindow('review', underWay)).toMatchObject({ opensAt: null, possible: false, blockedBy: 'noAnswerYet' });
    expect(reviewWindow('review', buildContext({ reviewCount: 1, answersSinceReview: 1 }))).toMatchObject({ possible: true, until: reviewWindowEnd });
    expect(reviewWindow('review', buildContext({ reviewCount: 2, answersSinceReview: 1 }))).toMatchObject({ possible: false, blockedBy: 'reviewsUsed' });
    expect(reviewWindow('decision', buildContext())).toMatchObject({ possible: false, blockedBy: 'noAnswerYet' });
    expect(reviewWindow('not_accepted', buildContext())).toMatchObject({ possible: false, blockedBy: null });
  });

  it('is held to the same guards as the office: a reason, the 30-day window, two reviews at most', () => {
    expect(judgeMove('closed', 'review', 'petitioner', buildContext({ reason: undefined }))).toMatchObject({ code: 'guard_failed' });
    expect(judgeMove('closed', 'review', 'petitioner', buildContext({ now: '2027-01-01T00:00:00.000Z' }))).toMatchObject({
      code: 'guard_failed',
      message: 'The time to request a review (30 days from the answer) has passed.',
    });
    expect(judgeMove('closed', 'review', 'petitioner', buildContext({ reviewCount: maxReviews }))).toMatchObject({ code: 'guard_failed' });
  });

  it('is offered the review from a closed case, with what holds it back', () => {
    expect(offeredMoves('closed', 'petitioner', buildContext())).toMatchObject([{ to: 'review', reasonRequired: true, blockedBy: null }]);
    expect(offeredMoves('decision', 'petitioner', buildContext())).toEqual([]);
  });
});

describe('judgeMove: representatives of a collective visit', () => {
  const collective = { kind: 'collective' as const, representativeCount: 0, receiveTogether: false };

  it.each<Stage>(['decision', 'resolution'])('a collective case with no representatives cannot leave reception for %s', (to) => {
    expect(judgeMove('reception', to, 'coordinator', buildContext(collective))).toMatchObject({
      ok: false,
      code: 'guard_failed',
      message:
        'A collective visit needs its representatives recorded, or a recorded decision to receive the group together.',
    });
  });

  it('holds back admin too: guards are not role checks', () => {
    expect(judgeMove('reception', 'decision', 'admin', buildContext(collective))).toMatchObject({ code: 'guard_failed' });
  });

  it('lets it go on with a recorded decision to receive the group together', () => {
    expect(judgeMove('reception', 'decision', 'coordinator', buildContext({ ...collective, receiveTogether: true }))).toEqual({
      ok: true,
    });
  });

  it('lets it go on once representatives are recorded', () => {
    expect(judgeMove('reception', 'resolution', 'coordinator', buildContext({ ...collective, representativeCount: 1 }))).toEqual({
      ok: true,
    });
  });

  it('does not ask an individual petition for representatives', () => {
    expect(judgeMove('reception', 'decision', 'coordinator', buildContext({ kind: 'individual', representativeCount: 0 })).ok).toBe(
      true,
    );
  });

  it('still lets the office decline a collective case without representatives', () => {
    expect(judgeMove('reception', 'not_accepted', 'coordinator', buildContext(collective)).ok).toBe(true);
  });

  it('reports the first failing guard: representatives before the lead unit', () => {
    const verdict = judgeMove('reception', 'decision', 'coordinator', buildContext({ ...collective, hasLeadAssignment: false }));
    expect(verdict.ok ? '' : verdict.message).toMatch(/representatives/);
  });
});

describe('judgeMove: lead unit', () => {
  it.each<[Stage, Stage]>([
    ['reception', 'decision'],
    ['reception', 'resolution'],
    ['prevention', 'resolution'],
  ])('%s → %s needs a lead unit', (from, to) => {
    expect(judgeMove(from, to, 'coordinator', buildContext({ hasLeadAssignment: false }))).toMatchObject({
      ok: false,
      code: 'guard_failed',
      message: 'Assign a lead unit responsible for the case first.',
    });
  });

  it('prevention → reception does not need one', () => {
    expect(judgeMove('prevention', 'reception', 'coordinator', buildContext({ hasLeadAssignment: false })).ok).toBe(true);
  });
});

describe('judgeMove: reasons', () => {
  const needReason: [Stage, Stage][] = [
    ['reception', 'not_accepted'],
    ['not_accepted', 'reception'],
    ['decision', 'resolution'],
    ['resolution', 'review'],
    ['closed', 'review'],
    ['review', 'review'],
  ];

  for (const [from, to] of needReason) {
    for (const reason of [undefined, '', '   \n\t']) {
      it(`${from} → ${to} is refused with reason ${JSON.stringify(reason)}`, () => {
        expect(judgeMove(from, to, 'coordinator', buildContext({ reason }))).toMatchObject({
          ok: false,
          code: 'guard_failed',
          message: 'This move needs a reason.',
        });
      });
    }
  }

  it('other moves go ahead without a reason', () => {
    const noReason = moves.filter((move) => !needReason.some(([from, to]) => move.from === from && move.to === to));
    expect(noReason).toHaveLength(moves.length - needReason.length);
    for (const move of noReason) {
      expect(judgeMove(move.from, move.to, 'coordinator', buildContext({ reason: undefined })).ok).toBe(true);
    }
  });
});

describe('judgeMove: closing', () => {
  it('resolution → closed needs a written answer', () => {
    expect(judgeMove('resolution', 'closed', 'coordinator', buildContext({ answerCount: 0 }))).toMatchObject({
      ok: false,
      code: 'guard_failed',
      message: 'Record the written answer before closing the case.',
    });
  });

  it('review → closed needs an answer given since the review began, not an older one', () => {
    expect(judgeMove('review', 'closed', 'coordinator', buildContext({ answerCount: 3, answersSinceReview: 0 }))).toMatchObject({
      ok: false,
      code: 'guard_failed',
      message: 'Record the answer to the review before closing it.',
    });
    expect(judgeMove('review', 'closed', 'coordinator', buildContext({ answerCount: 3, answersSinceReview: 1 })).ok).toBe(true);
  });
});

describe('judgeMove: review', () => {
  it('is allowed exactly at the end of the review request window', () => {
    expect(judgeMove('closed', 'review', 'coordinator', buildContext({ now: reviewWindowEnd }))).toEqual({ ok: true });
  });

  it('is refused 1 ms after the window ends', () => {
    const oneMsLate = new Date(Date.parse(reviewWindowEnd) + 1).toISOString();
    expect(oneMsLate).toBe('2026-12-31T16:00:00.000Z');
    expect(judgeMove('closed', 'review', 'coordinator', buildContext({ now: oneMsLate }))).toMatchObject({
      ok: false,
      code: 'guard_failed',
      message: 'The time to request a review (30 days from the answer) has passed.',
    });
  });

  it('is refused before any answer has opened a window', () => {
    expect(judgeMove('closed', 'review', 'coordinator', buildContext({ reviewRequestDueAt: null }))).toMatchObject({
      ok: false,
      code: 'guard_failed',
      message: 'A review can only be requested after an answer has been given.',
    });
  });

  it('allows at most two reviews', () => {
    expect(maxReviews).toBe(2);
    expect(judgeMove('closed', 'review', 'coordinator', buildContext({ reviewCount: 1 })).ok).toBe(true);
    expect(judgeMove('closed', 'review', 'coordinator', buildContext({ reviewCount: 2 }))).toMatchObject({
      ok: false,
      code: 'guard_failed',
      message: 'Both the review and the second review have been used; the answer is final.',
    });
    expect(judgeMove('closed', 'review', 'admin', buildContext({ reviewCount: 3 }))).toMatchObject({ code: 'guard_failed' });
  });

  it('asks for the reason before looking at the window', () => {
    const verdict = judgeMove('closed', 'review', 'coordinator', buildContext({ reason: undefined, reviewRequestDueAt: null }));
    expect(verdict).toMatchObject({ code: 'guard_failed', message: 'This move needs a reason.' });
  });
});

describe('offeredMoves', () => {
  it('offers a coordinator the three ways out of reception, with what holds each back', () => {
    const ctx = buildContext({ hasLeadAssignment: false, reason: undefined });
    expect(offeredMoves('reception', 'coordinator', ctx)).toMatchObject([
      { to: 'decision', reasonRequired: false, blockedBy: 'leadUnitAssigned' },
      { to: 'resolution', reasonRequired: false, blockedBy: 'leadUnitAssigned' },
      { to: 'not_accepted', reasonRequired: true, blockedBy: null },
    ]);
  });

  it('shows the representatives guard as the blocker of a collective case', () => {
    const offered = offeredMoves('reception', 'coordinator', buildContext({ kind: 'collective', representativeCount: 0 }));
    expect(offered.map((move) => move.blockedBy)).toEqual([
      'representativesChosen',
      'representativesChosen',
      null,
    ]);
  });

  it('never blocks on a missing reason', () => {
    for (const stage of stages) {
      for (const offer of offeredMoves(stage, 'admin', buildContext({ reason: undefined }))) {
        expect(offer.blockedBy, `${stage} → ${offer.to}`).toBeNull();
      }
    }
  });

  it('does not change the context it was given', () => {
    const ctx = buildContext({ reason: undefined });
    offeredMoves('decision', 'leader', ctx);
    expect(ctx.reason).toBeUndefined();
  });

  it('offers a leader the decision and nothing in reception', () => {
    expect(offeredMoves('decision', 'leader', buildContext({ reason: undefined }))).toMatchObject([
      { to: 'resolution', reasonRequired: true, blockedBy: null },
    ]);
    expect(offeredMoves('reception', 'leader', buildContext())).toEqual([]);
  });

  it('offers a unit officer the moves out of prevention only', () => {
    expect(offeredMoves('prevention', 'unit_officer', buildContext({ hasLeadAssignment: false }))).toMatchObject([
      { to: 'reception', reasonRequired: false, blockedBy: null },
      { to: 'resolution', reasonRequired: false, blockedBy: 'leadUnitAssigned' },
    ]);
    expect(offeredMoves('resolution', 'unit_officer', buildContext())).toEqual([]);
  });

  it('names the current stage’s undone steps on every move, leaving the moves allowed', () => {
    const checklist = [
      { key: 'reception', steps: [{ id: 'listen' }, { id: 'explain' }, { id: 'elect' }] },
      { key: 'decision', steps: [{ id: 'weigh' }] },
    ];
    const undone = undoneSteps(checklist, 'reception', new Set(['reception.explain', 'decision.weigh']));
    expect(undone).toEqual(['reception.listen', 'reception.elect']);
    const offered = offeredMoves('reception', 'coordinator', buildContext(), undone);
    expect(offered.map((move) => [move.to, move.blockedBy, move.undoneSteps])).toEqual([
      ['decision', null, undone],
      ['resolution', null, undone],
      ['not_accepted', null, undone],
    ]);
    expect(undoneSteps(checklist, 'closed', new Set())).toEqual([]);
    expect(offeredMoves('reception', 'coordinator', buildContext()).every((move) => move.undoneSteps.length === 0)).toBe(true);
  });

  it('offers an auditor nothing anywhere', () => {
    expect(stages.flatMap((stage) => offeredMoves(stage, 'auditor', buildContext()))).toEqual([]);
  });

  it('offers admin every listed move from a stage', () => {
    for (const stage of stages) {
      const expected = expectedMoves.filter((move) => move.from === stage).map((move) => move.to);
      expect(offeredMoves(stage, 'admin', buildContext()).map((offer) => offer.to)).toEqual(expected);
    }
  });

  it('shows a closed review window and spent reviews as blockers', () => {
    expect(offeredMoves('closed', 'coordinator', buildContext({ now: '2027-01-01T00:00:00.000Z' }))).toMatchObject([
      { to: 'review', reasonRequired: true, blockedBy: 'reviewWindowPassed' },
    ]);
    expect(offeredMoves('closed', 'coordinator', buildContext({ reviewCount: 2 }))[0]?.blockedBy).toBe('reviewsUsed');
  });

  it('shows a missing answer as the blocker of closing', () => {
    expect(offeredMoves('resolution', 'coordinator', buildContext({ answerCount: 0 }))).toMatchObject([
      { to: 'closed', reasonRequired: false, blockedBy: 'answered' },
      { to: 'review', reasonRequired: true, blockedBy: 'noAnswerYet' },
    ]);
  });

  it('agrees with judgeMove when a reason is supplied', () => {
    const contexts = [
      buildContext(),
      buildContext({ hasLeadAssignment: false }),
      buildContext({ kind: 'collective' }),
      buildContext({ answerCount: 0, answersSinceReview: 0 }),
      buildContext({ reviewRequestDueAt: null }),
    ];
    for (const ctx of contexts) {
      for (const stage of stages) {
        for (const offer of offeredMoves(stage, 'coordinator', ctx)) {
          expect(offer.blockedBy === null).toBe(judgeMove(stage, offer.to, 'coordinator', ctx).ok);
        }
      }
    }
  });
});

describe('isAcceptance', () => {
  it.each<[Stage, Stage]>([
    ['reception', 'decision'],
    ['reception', 'resolution'],
    ['prevention', 'resolution'],
  ])('%s → %s accepts the petition', (from, to) => {
    expect(isAcceptance(from, to)).toBe(true);
  });

  it.each<[Stage, Stage]>([
    ['prevention', 'reception'],
    ['reception', 'not_accepted'],
    ['not_accepted', 'reception'],
    ['decision', 'resolution'],
    ['resolution', 'closed'],
    ['closed', 'review'],
    ['review', 'closed'],
  ])('%s → %s does not', (from, to) => {
    expect(isAcceptance(from, to)).toBe(false);
  });
});

describe('stageChanges: what a move does to the clocks, from the move table', () => {
  const now = '2026-03-02T02:00:00.000Z';
  const moment = { now, reason: 'Out of remit.', reviewCount: 0, policy: statutoryDefaults, where: { timeZone: 'Asia/Shanghai', calendar: emptyCalendar } };

  it('starts the time to accept when a forming grievance becomes a visit', () => {
    expect(stageChanges('prevention', 'reception', moment)).toEqual({ stage: 'reception', stageChangedAt: now, acceptDueAt: '2026-03-17T15:59:59.999Z' });
  });

  it.each<[Stage, Stage]>([
    ['reception', 'decision'],
    ['reception', 'resolution'],
    ['prevention', 'resolution'],
  ])('accepts on %s → %s: the accept clock is done and the 60 days to conclude start', (from, to) => {
    expect(stageChanges(from, to, moment)).toEqual({ stage: to, stageChangedAt: now, acceptedAt: now, concludeDueAt: '2026-05-01T15:59:59.999Z' });
  });

  it('keeps the reason when a petition is not accepted, and clears it when that is taken back', () => {
    expect(stageChanges('reception', 'not_accepted', moment)).toEqual({ stage: 'not_accepted', stageChangedAt: now, acceptedAt: now, notAcceptedReason: 'Out of remit.' });
    expect(stageChanges('not_accepted', 'reception', moment)).toEqual({ stage: 'reception', stageChangedAt: now, acceptedAt: null, notAcceptedReason: null });
  });

  it('sets nothing but the stage when the leadership group decides', () => {
    expect(stageChanges('decision', 'resolution', moment)).toEqual({ stage: 'resolution', stageChangedAt: now });
  });

  it('closes, and opens a review round with its own 30-day clock', () => {
    expect(stageChanges('resolution', 'closed', moment)).toEqual({ stage: 'closed', stageChangedAt: now, closedAt: now });
    expect(stageChanges('closed', 'review', { ...moment, reviewCount: 1 })).toEqual({
      stage: 'review',
      stageChangedAt: now,
      reviewCount: 2,
      reviewStartedAt: now,
      reviewDueAt: '2026-04-01T15:59:59.999Z',
      reviewConcludedAt: null,
      closedAt: null,
    });
  });

  it('refuses a move the table does not list', () => {
    expect(() => stageChanges('closed', 'decision', moment)).toThrow();
  });
});

import { stageStop } from '../../core/clock-stops.js';
import { deadlineRowsOf } from '../../core/deadline-rows.js';
import type { CaseRow } from '../../db/repositories/cases.js';
import type { Context, Trx } from '../../context/context.js';
import { assignmentActive } from '../../db/repositories/assignments.js';

/**
 * Brings the `deadlines` rows (and the lead unit) of a case in line with its state, inside the command's transaction.
 * A clock whose due time moves later (an extension) becomes pending again; a recorded miss stays
 * in the timeline. A clock the case's stage stops (core/clock-stops.ts), or an open pause stops
 * (core/pauses.ts), is done as of that moment.
 */
export async function syncDeadlineRows(ctx: Context, trx: Trx, row: CaseRow): Promise<void> {
  const stage = row.stage;
  const stoppedAt = stageStop(stage, row.stage_changed_at);
  // A unit's clocks stop for good the first time the case comes to rest (core/clock-stops.ts), so a
  // later review or reopening does not start what the unit owed then all over again.
  if (stoppedAt !== null) {
    await trx
      .updateTable('assignments')
      .set({ clocks_stopped_at: stoppedAt })
      .where('case_id', '=', row.id)
      .where('clocks_stopped_at', 'is', null)
      .where(assignmentActive())
      .execute();
  }
  const [assignments, pause] = await Promise.all([
    trx.selectFrom('assignments').selectAll().where('case_id', '=', row.id).execute(),
    // A pause stops only the handling clocks (conclude, review): a case without them is not asked about.
    row.conclude_due_at === null && row.review_due_at === null
      ? Promise.resolve(undefined)
      : trx.selectFrom('pauses').select('started_at').where('case_id', '=', row.id).where('ended_at', 'is', null).executeTakeFirst(),
  ]);
  const lead = assignments.find((assignment) => assignment.role === 'lead' && assignment.released_at === null);
  // The lead unit is derived here too, in the same transaction, so the dashboard's counts stay true.
  if ((lead?.unit_id ?? null) !== row.lead_unit_id) {
    await trx.updateTable('cases').set({ lead_unit_id: lead?.unit_id ?? null }).where('id', '=', row.id).execute();
  }
  const wantedRows = deadlineRowsOf(
    {
      stage,
      stageChangedAt: row.stage_changed_at,
      reviewCount: row.review_count,
      leadUnitId: lead?.unit_id ?? null,
      acceptDueAt: row.accept_due_at,
      acceptedAt: row.accepted_at,
      concludeDueAt: row.conclude_due_at,
      concludedAt: row.concluded_at,
      reviewDueAt: row.review_due_at,
      reviewConcludedAt: row.review_concluded_at,
      pausedAt: pause?.started_at ?? null,
    },
    assignments.map((assignment) => ({
      id: assignment.id,
      unitId: assignment.unit_id,
      acknowledgeDueAt: assignment.acknowledge_due_at,
      acknowledgedAt: assignment.acknowledged_at,
      onSceneDueAt: assignment.on_scene_due_at,
      arrivedAt: assignment.arrived_at,
      proposalDueAt: assignment.proposal_due_at,
      proposalSubmittedAt: assignment.proposal_submitted_at,
      releasedAt: assignment.released_at,
      clocksStoppedAt: assignment.clocks_stopped_at,
    })),
  );
  const existing = await trx.selectFrom('deadlines').selectAll().where('case_id', '=', row.id).execute();
  const byKey = new Map(existing.map((item) => [`${item.subject}|${item.kind}`, item]));
  for (const wanted of wantedRows) {
    const current = byKey.get(`${wanted.subject}|${wanted.kind}`);
    if (!current) {
      await trx
        .insertInto('deadlines')
        .values({
          id: ctx.newId(),
          case_id: row.id,
          subject: wanted.subject,
          kind: wanted.kind,
          unit_id: wanted.unitId,
          due_at: wanted.dueAt,
          done_at: wanted.doneAt,
          missed_at: null,
          escalate_at: null,
          escalated_at: null,
          // The ladder (core/ladder.ts) reckons its reminders from here; the scanner plans them.
          started_at: ctx.now(),
        })
        .execute();
      continue;
    }
    if (current.due_at === wanted.dueAt && current.done_at === wanted.doneAt && current.unit_id === wanted.unitId) continue;
    const movedLater = wanted.dueAt > current.due_at;
    await trx
      .updateTable('deadlines')
      .set({
        due_at: wanted.dueAt,
        done_at: wanted.doneAt,
        unit_id: wanted.unitId,
        // A new due time has reminders of its own, which the scanner plans again; one moved later starts the ladder over.
        ...(wanted.dueAt !== current.due_at ? { remind_step: null, remind_at: null } : {}),
        ...(movedLater ? { missed_at: null, escalate_at: null, escalated_at: null, escalation_step: 0 } : {}),
      })
      .where('id', '=', current.id)
      .execute();
  }
}

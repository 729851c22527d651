import { ladderOf, ladderRungs, nextReminder, nextStepAt, reminderTimes, rungAt, type AncestorUnit, type LadderSettings, type Rung } from '../core/ladder.js';
import { runCaseBatch } from '../commands/support/case-command.js';
import { jurisdiction, type Context, type Trx } from '../context/context.js';
import { loadPlan } from '../db/repositories/plans.js';
import { enqueue, type Audience } from '../notifications/outbox.js';

/** The scanner's passes, in order: plan new clocks' reminders, send those due, record misses, take steps up. */
type Pass = 'plan' | 'remind' | 'missed' | 'escalate';

interface DueRow {
  id: string;
  case_id: string;
  subject: string;
  kind: string;
  unit_id: string | null;
  due_at: string;
  started_at: string | null;
  remind_step: number | null;
  escalation_step: number;
  reference: string;
  title: string;
  plan_id: string;
  unit_name: string | null;
}

async function claim(ctx: Context, trx: Trx, pass: Pass, now: string, batch: number): Promise<DueRow[]> {
  let query = trx
    .selectFrom('deadlines')
    .innerJoin('cases', 'cases.id', 'deadlines.case_id')
    .leftJoin('units', 'units.id', 'deadlines.unit_id')
    .select([
      'deadlines.id',
      'deadlines.case_id',
      'deadlines.subject',
      'deadlines.kind',
      'deadlines.unit_id',
      'deadlines.due_at',
      'deadlines.started_at',
      'deadlines.remind_step',
      'deadlines.escalation_step',
      'cases.reference',
      'cases.title',
      'cases.plan_id',
      'units.name as unit_name',
    ])
    .where('deadlines.done_at', 'is', null);
  // Each pass reads one partial index of migrations 002 and 032, over open clocks only.
  switch (pass) {
    case 'plan':
      query = query.where('deadlines.missed_at', 'is', null).where('deadlines.remind_step', 'is', null).orderBy('deadlines.due_at');
      break;
    case 'remind':
      query = query.where('deadlines.remind_at', 'is not', null).where('deadlines.remind_at', '<=', now).orderBy('deadlines.remind_at');
      break;
    case 'missed':
      query = query.where('deadlines.missed_at', 'is', null).where('deadlines.due_at', '<', now).orderBy('deadlines.due_at');
      break;
    case 'escalate':
      query = query.where('deadlines.escalate_at', 'is not', null).where('deadlines.escalate_at', '<', now).orderBy('deadlines.escalate_at');
      break;
  }
  query = query.limit(batch);
  // Several workers on PostgreSQL each take different rows; SQLite has one writer at a time anyway.
  if (ctx.adapter.supportsRowLocks) query = query.forUpdate('deadlines').skipLocked();
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, remind_step: row.remind_step ?? null, escalation_step: Number(row.escalation_step ?? 0), started_at: row.started_at ?? null }));
}

async function ladderFor(trx: Trx, planId: string, cache: Map<string, LadderSettings>): Promise<LadderSettings> {
  const known = cache.get(planId);
  if (known !== undefined) return known;
  const plan = await loadPlan(trx, planId);
  if (!plan) throw new Error(`No plan ${planId}.`);
  const ladder = ladderOf(plan.document);
  cache.set(planId, ladder);
  return ladder;
}

/** The units above `unitId` in the tree, nearest first (a loop in the tree stops the walk). */
async function ancestorsOf(trx: Trx, unitId: string | null): Promise<AncestorUnit[]> {
  const found: AncestorUnit[] = [];
  const seen = new Set<string>(unitId === null ? [] : [unitId]);
  let current = unitId;
  while (current !== null && found.length < 20) {
    const unit = await trx.selectFrom('units').select('parent_id').where('id', '=', current).executeTakeFirst();
    const parentId = unit?.parent_id ?? null;
    if (parentId === null || seen.has(parentId)) break;
    seen.add(parentId);
    const parent = await trx.selectFrom('units').select(['id', 'name', 'kind']).where('id', '=', parentId).executeTakeFirst();
    if (!parent) break;
    found.push(parent);
    current = parent.id;
  }
  return found;
}

const audienceOf = (rung: Rung): Audience => (rung === 'office' ? { role: 'coordinator' } : rung === 'leadership_group' ? { role: 'leader' } : { unitId: rung.unitId });
const notifiedOf = (rung: Rung) => (typeof rung === 'string' ? { notified: rung } : { notified: 'unit' as const, notifiedUnitId: rung.unitId, notifiedUnitName: rung.unitName });

/** Who is reminded of a clock: the unit that owes it, and the office for the case's own clocks (or a clock no unit owes). */
function remindedOf(row: DueRow): Audience[] {
  const audiences: Audience[] = [];
  if (row.unit_id !== null) audiences.push({ unitId: row.unit_id });
  if (row.subject === 'case' || row.unit_id === null) audiences.push({ role: 'coordinator' });
  return audiences;
}

/**
 * The supervision ladder run over every clock of the `deadlines` table, whichever command wrote it
 * (a case's and its assignments' clocks, a transfer's, a supervision notice's feedback, a
 * commitment's): each clock is reminded before it runs out at the points its case's plan sets
 * (`supervision.remindAt`), each reminder once; a clock that runs out is recorded once as a
 * `deadline.missed` and notified to the first rung of its chain (core/ladder.ts); then, while it
 * stays undone, each step of the plan's schedule (`supervision.escalateAfterMinutes`) takes it one
 * rung higher, each step once (`deadline.escalated` with its number). Every claim is locked and every
 * write conditional on the step it read, so two workers never send or record a thing twice. Work
 * grows with the number of due clocks, not of cases; each batch is one transaction, so a crash loses
 * nothing and repeats nothing.
 */
export async function scanDeadlines(ctx: Context, batch = 100): Promise<{ reminded: number; missed: number; escalated: number }> {
  const ladders = new Map<string, LadderSettings>();
  const where = jurisdiction(ctx);
  const totals = { reminded: 0, missed: 0, escalated: 0 };
  for (const pass of ['plan', 'remind', 'missed', 'escalate'] as const) {
    for (;;) {
      const handled = await runCaseBatch(ctx, {
        by: { kind: 'system' },
        claim: (trx, now) => claim(ctx, trx, pass, now, batch),
        work: async (trx, row, now) => {
          const ladder = await ladderFor(trx, row.plan_id, ladders);
          const base = { deadlineId: row.id, kind: row.kind, subject: row.subject, unitId: row.unit_id, unitName: row.unit_name, dueAt: row.due_at, reference: row.reference, title: row.title };
          if (pass === 'plan') {
            // A clock written without its start (by an older command) starts when the scanner first sees it.
            const startedAt = row.started_at ?? now;
            const first = nextReminder(reminderTimes(startedAt, row.due_at, ladder.remindAt, where), startedAt);
            await trx.updateTable('deadlines').set({ started_at: startedAt, remind_step: 0, remind_at: first }).where('id', '=', row.id).where('remind_step', 'is', null).execute();
            return null;
          }
          if (pass === 'remind') {
            const step = row.remind_step ?? 0;
            const times = reminderTimes(row.started_at ?? now, row.due_at, ladder.remindAt, where);
            // Points passed while no scanner ran are one reminder, not several.
            const next = nextReminder(times, now);
            const late = row.due_at <= now;
            const updated = await trx
              .updateTable('deadlines')
              .set(late ? { remind_at: null } : { remind_at: next, remind_step: step + 1 })
              .where('id', '=', row.id)
              .where('remind_step', '=', step)
              .executeTakeFirst();
            if (late || Number(updated.numUpdatedRows) !== 1) return null;
            const data = { ...base, reminder: step + 1 };
            await enqueue(ctx, trx, remindedOf(row), { template: 'deadline.reminded', caseId: row.case_id, data });
            return { caseId: row.case_id, row: null, change: { event: { type: 'deadline.reminded', data }, audit: { action: 'deadline.reminded', detail: { deadlineId: row.id, kind: row.kind, reminder: step + 1 } } } };
          }
          const rungs = ladderRungs(row.subject, await ancestorsOf(trx, row.unit_id));
          if (pass === 'missed') {
            const updated = await trx
              .updateTable('deadlines')
              .set({ missed_at: now, remind_at: null, escalation_step: 0, escalate_at: nextStepAt(ladder.escalateAfterMinutes, 0, now) })
              .where('id', '=', row.id)
              .where('missed_at', 'is', null)
              .executeTakeFirst();
            if (Number(updated.numUpdatedRows) !== 1) return null;
            const rung = rungAt(rungs, 0);
            const data = { ...base, step: 0, ...notifiedOf(rung) };
            const audiences = [audienceOf(rung)];
            // The late unit hears of it too, so it can still act.
            if (row.unit_id && row.subject !== 'case') audiences.push({ unitId: row.unit_id });
            await enqueue(ctx, trx, audiences, { template: 'deadline.missed', caseId: row.case_id, data });
            // The miss is the deadline row's own; the case row and its clocks are left as they are.
            return { caseId: row.case_id, row: null, change: { event: { type: 'deadline.missed', data }, audit: { action: 'deadline.missed', detail: { deadlineId: row.id, kind: row.kind } } } };
          }
          const step = row.escalation_step + 1;
          const updated = await trx
            .updateTable('deadlines')
            .set({ escalation_step: step, escalated_at: now, escalate_at: nextStepAt(ladder.escalateAfterMinutes, step, now) })
            .where('id', '=', row.id)
            .where('escalation_step', '=', row.escalation_step)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) return null;
          const rung = rungAt(rungs, step);
          const data = { ...base, step, ...notifiedOf(rung) };
          await enqueue(ctx, trx, [audienceOf(rung)], { template: 'deadline.escalated', caseId: row.case_id, data });
          return { caseId: row.case_id, row: null, change: { event: { type: 'deadline.escalated', data }, audit: { action: 'deadline.escalated', detail: { deadlineId: row.id, kind: row.kind, step } } } };
        },
      });
      if (pass === 'remind') totals.reminded += handled.done.length;
      if (pass === 'missed') totals.missed += handled.done.length;
      if (pass === 'escalate') totals.escalated += handled.done.length;
      if (handled.claimed < batch) break;
    }
  }
  return totals;
}

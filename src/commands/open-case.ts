import { forbidden, invalid, refused } from '../core/errors.js';
import { assignmentDeadlines } from '../core/deadlines.js';
import { can } from '../core/policy.js';
import { channels, caseKinds, maxRepresentatives, urgencies, type Actor, type CaseKind, type Channel, type Urgency } from '../core/types.js';
import { loadCurrentPlan, loadPlan } from '../db/repositories/plans.js';
import type { CaseDetail } from '../presenters/case-view.js';
import { jurisdiction, type Context } from '../context/context.js';
import { readCase } from './get-case.js';
import { claimIdempotencyKey, keepIdempotentResult, type IdempotencyKey } from './support/idempotency.js';
import { insertCase } from './support/insert-case.js';

export interface OpenCaseProps {
  actor: Actor;
  kind: CaseKind;
  channel: Channel;
  urgency?: Urgency;
  category: string;
  title: string;
  description: string;
  location?: string | null;
  headcount?: number | null;
  representatives?: { name: string; contact?: string | null }[];
  petitioner?: { name?: string | null; contact?: string | null } | null;
  receivedAt?: string;
  receiveTogether?: boolean;
  planId?: string;
  /** The unit of the tree the petition comes from (a township), for the routing catalogue; else read from the location. */
  areaUnitId?: string | null;
}

function checkShape(props: OpenCaseProps, now: string): void {
  if (!caseKinds.includes(props.kind)) throw invalid('kind', `must be one of ${caseKinds.join(', ')}.`);
  if (!channels.includes(props.channel)) throw invalid('channel', `must be one of ${channels.join(', ')}.`);
  if (props.urgency && !urgencies.includes(props.urgency)) throw invalid('urgency', `must be one of ${urgencies.join(', ')}.`);
  if (props.title.trim() === '') throw invalid('title', 'must not be empty.', { code: 'required' });
  if (props.description.trim() === '') throw invalid('description', 'must not be empty.', { code: 'required' });
  const representatives = props.representatives ?? [];
  if (representatives.length > maxRepresentatives) {
    throw invalid('representatives', `a collective visit elects at most ${maxRepresentatives} representatives.`, { code: 'too_many', params: { limit: maxRepresentatives } });
  }
  if (props.kind === 'individual' && representatives.length > 0) {
    throw invalid('representatives', 'only a collective case has representatives.', { code: 'not_allowed' });
  }
  representatives.forEach((rep, index) => {
    if (rep.name.trim() === '') throw invalid(`representatives[${index}].name`, 'must not be empty.', { code: 'required' });
  });
  if (props.headcount !== undefined && props.headcount !== null) {
    if (props.kind === 'individual' && props.headcount !== 1) throw invalid('headcount', 'an individual petition has a headcount of 1.', { code: 'individual_headcount' });
    if (props.kind === 'collective' && props.headcount < 2) throw invalid('headcount', 'a collective case involves at least 2 people.', { code: 'collective_headcount' });
  }
  if (props.receivedAt !== undefined) {
    const parsed = Date.parse(props.receivedAt);
    if (Number.isNaN(parsed)) throw invalid('receivedAt', 'is not an ISO 8601 time.', { code: 'date_time' });
    if (parsed > Date.parse(now)) throw invalid('receivedAt', 'cannot be in the future.', { code: 'in_future' });
  }
}

/**
 * Registers a petition at the counter under the current published plan (or the one named). The
 * case is written by `insertCase`, which every way of opening a case shares. With an idempotency
 * key, the key is claimed and the answer kept in the same transaction (see `once`).
 */
export async function openCase(ctx: Context, props: OpenCaseProps, idempotency?: IdempotencyKey): Promise<CaseDetail> {
  if (!can(props.actor, 'case.create')) throw forbidden('Your role cannot register cases.');
  if (props.actor.role === 'unit_officer' && props.channel !== 'unit_report') {
    throw invalid('channel', 'a unit officer registers only unit reports (channel unit_report).');
  }
  const now = ctx.now();
  checkShape(props, now);
  const receivedAt = props.receivedAt ? new Date(props.receivedAt).toISOString() : now;
  const detail = await ctx.db.transaction().execute(async (trx) => {
    if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
    const loaded = props.planId ? await loadPlan(trx, props.planId) : await loadCurrentPlan(trx);
    if (!loaded) throw props.planId ? invalid('planId', 'no plan has this id.') : refused('no_published_plan', 'No published plan: publish a plan first.', {});
    const { row: plan, document } = loaded;
    if (plan.status !== 'published') throw invalid('planId', 'cases open only under a published plan.');
    if (!document.categories.some((category) => category.code === props.category)) {
      throw invalid('category', `"${props.category}" is not a category of plan ${plan.key}.`, { code: 'unknown_category' });
    }
    if (props.areaUnitId) {
      const area = await trx.selectFrom('units').select('id').where('id', '=', props.areaUnitId).executeTakeFirst();
      if (!area) throw invalid('areaUnitId', 'no unit has this id.', { code: 'no_such_unit' });
    }
    const actor = props.actor;
    const row = await insertCase(ctx, trx, {
      plan: { id: plan.id, key: plan.key, document },
      // A unit's own report is its own from the start (below); every other petition gets the catalogue's proposal.
      routing: actor.role === 'unit_officer' ? null : { areaUnitId: props.areaUnitId ?? null },
      kind: props.kind,
      channel: props.channel,
      urgency: props.urgency ?? 'normal',
      category: props.category,
      title: props.title,
      description: props.description,
      location: props.location ?? null,
      headcount: props.headcount ?? null,
      receivedAt,
      receiveTogether: props.receiveTogether ?? false,
      representatives: props.representatives ?? [],
      petitioner: props.petitioner ?? null,
      flags: [],
      actorId: actor.id,
      // The audit log keeps who set the time a letter or call actually arrived.
      auditDetail: { receivedAtSetBy: props.receivedAt ? actor.id : null },
      // A unit's own report is assigned to that unit, which leads on it and has acknowledged it.
      alongside: async (inner, row) => {
        if (actor.role !== 'unit_officer' || !actor.unitId) return;
        const due = assignmentDeadlines(document.deadlines, now, true, jurisdiction(ctx));
        await inner
          .insertInto('assignments')
          .values({
            id: ctx.newId(),
            case_id: row.id,
            unit_id: actor.unitId,
            role: 'lead',
            notified_at: now,
            notified_by: actor.id,
            acknowledge_due_at: due.acknowledgeDueAt,
            acknowledged_at: now,
            acknowledged_by: actor.id,
            on_scene_due_at: due.onSceneDueAt,
            arrived_at: null,
            arrived_by: null,
            proposal_due_at: due.proposalDueAt,
            proposal_submitted_at: null,
            case_received_at: row.received_at,
          })
          .execute();
      },
    });
    const caseId = row.id;
    // The answer shows its creator the names they entered, so it is a read like the case page's
    // (not the demo loader's, whose answers nobody sees: see Context.showsResults). A case opened
    // just now has no meetings, answers or ticked steps to ask for.
    const view = await readCase(ctx, trx, { actor: props.actor, caseId, action: 'case.read' }, { fresh: true, open: ctx.showsResults !== false });
    if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, caseId, view);
    return view;
  });
  ctx.changes.publish({ caseId: detail.id, type: 'case.opened', at: now });
  return detail;
}

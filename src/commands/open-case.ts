import { randomBytes } from 'node:crypto';
import { DomainError, forbidden, invalid } from '../core/errors.js';
import { caseNextDueAt } from '../core/case-clock.js';
import { acceptDueAt, assignmentDeadlines } from '../core/deadlines.js';
import { can } from '../core/policy.js';
import { caseReference } from '../core/reference.js';
import { channels, caseKinds, maxRepresentatives, urgencies, type Actor, type CaseKind, type Channel, type Urgency } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { appendEvent } from '../db/events.js';
import { referenceTaken } from '../db/repositories/cases.js';
import { findCurrentPlan, findPlan, planDocument } from '../db/repositories/plans.js';
import type { CasesTable } from '../db/schema.js';
import { caseFor } from './case-access.js';
import { syncClocks } from './sync-clocks.js';
import { caseClock, type CaseDetail } from './case-view.js';
import { jurisdiction, type Context, type Trx } from './context.js';
import { caseDetail } from './get-case.js';

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
}

function checkShape(props: OpenCaseProps, now: string): void {
  if (!caseKinds.includes(props.kind)) throw invalid('kind', `must be one of ${caseKinds.join(', ')}.`);
  if (!channels.includes(props.channel)) throw invalid('channel', `must be one of ${channels.join(', ')}.`);
  if (props.urgency && !urgencies.includes(props.urgency)) throw invalid('urgency', `must be one of ${urgencies.join(', ')}.`);
  if (props.title.trim() === '') throw invalid('title', 'must not be empty.');
  if (props.description.trim() === '') throw invalid('description', 'must not be empty.');
  const representatives = props.representatives ?? [];
  if (representatives.length > maxRepresentatives) {
    throw invalid('representatives', `a collective visit elects at most ${maxRepresentatives} representatives.`);
  }
  if (props.kind === 'individual' && representatives.length > 0) {
    throw invalid('representatives', 'only a collective case has representatives.');
  }
  representatives.forEach((rep, index) => {
    if (rep.name.trim() === '') throw invalid(`representatives[${index}].name`, 'must not be empty.');
  });
  if (props.headcount !== undefined && props.headcount !== null) {
    if (props.kind === 'individual' && props.headcount !== 1) throw invalid('headcount', 'an individual petition has a headcount of 1.');
    if (props.kind === 'collective' && props.headcount < 2) throw invalid('headcount', 'a collective case involves at least 2 people.');
  }
  if (props.receivedAt !== undefined) {
    const parsed = Date.parse(props.receivedAt);
    if (Number.isNaN(parsed)) throw invalid('receivedAt', 'is not an ISO 8601 time.');
    if (parsed > Date.parse(now)) throw invalid('receivedAt', 'cannot be in the future.');
  }
}

async function uniqueReference(trx: Trx, year: number): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reference = caseReference(year, randomBytes(8));
    if (!(await referenceTaken(trx, reference))) return reference;
  }
  throw new Error('Could not find a free case reference.');
}

/**
 * Registers a petition under the current published plan. A unit's report of a forming grievance
 * opens in prevention; everything else opens in reception with the acceptance clock running from
 * when it actually arrived.
 */
export async function openCase(ctx: Context, props: OpenCaseProps): Promise<CaseDetail> {
  if (!can(props.actor, 'case.create')) throw forbidden('Your role cannot register cases.');
  if (props.actor.role === 'unit_officer' && props.channel !== 'unit_report') {
    throw invalid('channel', 'a unit officer registers only unit reports (channel unit_report).');
  }
  const now = ctx.now();
  checkShape(props, now);
  const receivedAt = props.receivedAt ? new Date(props.receivedAt).toISOString() : now;
  const caseId = ctx.newId();
  const detail = await ctx.db.transaction().execute(async (trx) => {
    const plan = props.planId ? await findPlan(trx, props.planId) : await findCurrentPlan(trx);
    if (!plan) throw props.planId ? invalid('planId', 'no plan has this id.') : new DomainError('conflict', 'No published plan: publish a plan first.');
    if (plan.status !== 'published') throw invalid('planId', 'cases open only under a published plan.');
    const document = planDocument(plan);
    if (!document.categories.some((category) => category.code === props.category)) {
      throw invalid('category', `"${props.category}" is not a category of plan ${plan.key}.`);
    }
    const stage = props.channel === 'unit_report' ? 'prevention' : 'reception';
    const seal = (value: string | null | undefined) => (value && value.trim() !== '' ? ctx.sealer.seal(value.trim()) : null);
    const row: CasesTable = {
      id: caseId,
      reference: await uniqueReference(trx, new Date(receivedAt).getUTCFullYear()),
      plan_id: plan.id,
      kind: props.kind,
      channel: props.channel,
      urgency: props.urgency ?? 'normal',
      category: props.category,
      title: props.title.trim(),
      description: props.description.trim(),
      location: props.location?.trim() || null,
      headcount: props.headcount ?? (props.kind === 'individual' ? 1 : null),
      stage,
      stage_changed_at: now,
      not_accepted_reason: null,
      receive_together: props.receiveTogether ? 1 : 0,
      received_at: receivedAt,
      created_at: now,
      created_by: props.actor.id,
      updated_at: now,
      // A forming grievance is not yet a petition: its acceptance clock starts when it reaches reception.
      accept_due_at: stage === 'reception' ? acceptDueAt(document.deadlines, receivedAt, jurisdiction(ctx)) : null,
      accepted_at: null,
      conclude_due_at: null,
      concluded_at: null,
      review_request_due_at: null,
      review_count: 0,
      review_started_at: null,
      review_due_at: null,
      review_concluded_at: null,
      next_due_at: null,
      closed_at: null,
      petitioner_name_sealed: seal(props.petitioner?.name),
      petitioner_contact_sealed: seal(props.petitioner?.contact),
      lead_unit_id: props.actor.role === 'unit_officer' ? props.actor.unitId : null,
      extension_days: null,
      extension_reason: null,
      extended_at: null,
    };
    row.next_due_at = caseNextDueAt(caseClock(row));
    await trx.insertInto('cases').values(row).execute();
    const representatives = props.representatives ?? [];
    for (const [index, rep] of representatives.entries()) {
      await trx
        .insertInto('representatives')
        .values({
          id: ctx.newId(),
          case_id: caseId,
          position: index + 1,
          name_sealed: ctx.sealer.seal(rep.name.trim()),
          contact_sealed: seal(rep.contact),
          created_at: now,
        })
        .execute();
    }
    await appendEvent(trx, {
      caseId,
      type: 'case.opened',
      actorId: props.actor.id,
      at: now,
      data: { stage, kind: row.kind, channel: row.channel, urgency: row.urgency, receivedAt, representatives: representatives.length },
    });
    // A unit's own report is assigned to that unit, which leads on it.
    if (props.actor.role === 'unit_officer' && props.actor.unitId) {
      const due = assignmentDeadlines(document.deadlines, now, true, jurisdiction(ctx));
      await trx
        .insertInto('assignments')
        .values({
          id: ctx.newId(),
          case_id: caseId,
          unit_id: props.actor.unitId,
          role: 'lead',
          notified_at: now,
          notified_by: props.actor.id,
          acknowledge_due_at: due.acknowledgeDueAt,
          acknowledged_at: now,
          acknowledged_by: props.actor.id,
          on_scene_due_at: due.onSceneDueAt,
          arrived_at: null,
          arrived_by: null,
          proposal_due_at: due.proposalDueAt,
          proposal_submitted_at: null,
          case_received_at: receivedAt,
        })
        .execute();
    }
    await syncClocks(ctx, trx, row);
    await recordAudit(trx, {
      at: now,
      actorId: props.actor.id,
      action: 'case.open',
      subjectType: 'case',
      subjectId: caseId,
      detail: { reference: row.reference, receivedAt, receivedAtSetBy: props.receivedAt ? props.actor.id : null },
    });
    const stored = await caseFor(ctx, trx, { actor: props.actor, caseId, action: 'case.read' });
    return caseDetail(ctx, trx, props.actor, stored.row, stored.unitIds);
  });
  ctx.changes.publish({ caseId: detail.id, type: 'case.opened', at: now });
  return detail;
}

import { invalid, refused } from '../core/errors.js';
import { countDays } from '../core/deadlines.js';
import { adoptions, type Adoption } from '../core/matter.js';
import { classDeadlines, type PlanDocument } from '../core/plan.js';
import { openStages, type Actor } from '../core/types.js';
import { assignmentActive } from '../db/repositories/assignments.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { CaseRow } from '../db/repositories/cases.js';
import type { CasesTable } from '../db/schema.js';
import { createAssignment } from './assign-unit.js';
import { runCaseCommand } from './support/case-command.js';
import { issueNotice } from './written-notices.js';
import type { CaseDetail } from '../presenters/case-view.js';
import { jurisdiction, type Context, type Trx } from '../context/context.js';

/** A case's nature is decided while it is worked: once concluded, its class and channel are part of the record. */
function mustBeOpen(row: CaseRow): void {
  if (!openStages.includes(row.stage)) throw refused('case_concluded', `A case in stage ${row.stage} is no longer being worked; its class is fixed.`, { stage: row.stage });
}

/** The conclusion clock for the case's class, counted from acceptance; unchanged when the case is not accepted, already answered or extended. */
function concludeFor(ctx: Context, plan: PlanDocument, row: CaseRow, matterClass: string): Partial<CasesTable> {
  if (row.accepted_at === null || row.concluded_at !== null || row.extension_days !== null || row.lawful_channel) return {};
  const policy = classDeadlines(plan, matterClass);
  return { conclude_due_at: countDays(policy, row.accepted_at, policy.concludeDays, jurisdiction(ctx)) };
}

/** Routes a report to the plan's discipline inspection unit (Art. 30): assigned as lead, or assisting when a lead is already on the case. */
async function routeToDiscipline(ctx: Context, trx: Trx, row: CaseRow, unitName: string, actorId: string, now: string) {
  const unit = await trx.selectFrom('units').select(['id', 'deactivated_at']).where('name', '=', unitName).executeTakeFirst();
  if (!unit || unit.deactivated_at !== null) throw refused('discipline_unit_missing', `The plan's discipline inspection unit "${unitName}" is not an active unit.`, { name: unitName }, { field: 'class' });
  const active = await trx.selectFrom('assignments').select(['unit_id', 'role']).where('case_id', '=', row.id).where(assignmentActive()).execute();
  if (active.some((assignment) => assignment.unit_id === unit.id)) return { unitId: unit.id, assignment: null };
  const role = active.some((assignment) => assignment.role === 'lead') ? 'assisting' : 'lead';
  const assignment = await createAssignment(ctx, trx, row, { unitId: unit.id, role, actorId, now });
  return { unitId: unit.id, assignment };
}

/**
 * Classifies the matter (Art. 29–31), or changes its class with a reason: the timeline keeps both.
 * The class must be one the pinned plan defines. A report is routed to the discipline inspection unit,
 * and from then on its material is shown to no other unit (core/matter.ts). The class's own clock
 * (an inquiry's short limit) replaces the conclusion clock of an accepted case.
 */
export async function classifyCase(ctx: Context, props: { actor: Actor; caseId: string; class: string; reason?: string }): Promise<CaseDetail> {
  const reason = props.reason?.trim() ?? '';
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.classify' }, async (trx, row, _units, now) => {
    const plan = await pinnedPlan(trx, row);
    const defined = (plan.classes ?? []).map((item) => item.code);
    const chosen = plan.classes?.find((item) => item.code === props.class);
    if (!chosen) throw invalid('class', `"${props.class}" is not a class of plan ${plan.key}.`, { code: 'unknown_class', params: { values: defined } });
    const previous = row.matter_class ?? null;
    if (previous !== null && reason === '') throw invalid('reason', 'changing the class needs a reason.', { code: 'required' });
    if (previous === chosen.code) throw refused('class_unchanged', `The case is already classed as ${chosen.code}.`, { class: chosen.code }, { field: 'class' });
    mustBeOpen(row);
    if (row.lawful_channel && chosen.code !== 'appeal') throw refused('channel_needs_appeal', 'A case sent to a lawful channel stays an appeal or request.', { class: chosen.code }, { field: 'class' });
    const changes: Partial<CasesTable> = { matter_class: chosen.code, ...concludeFor(ctx, plan, row, chosen.code) };
    let routed: Awaited<ReturnType<typeof routeToDiscipline>> | null = null;
    if (chosen.code === 'report' && chosen.disciplineUnit !== undefined) {
      routed = await routeToDiscipline(ctx, trx, row, chosen.disciplineUnit, props.actor.id, now);
      changes.discipline_unit_id = routed.unitId;
    }
    if (chosen.code === 'suggestion' || previous === 'suggestion') Object.assign(changes, { adoption: null, adoption_note: null });
    return {
      changes,
      event: {
        type: 'class.set',
        data: {
          class: chosen.code,
          previous,
          ...(reason ? { reason } : {}),
          ...(routed ? { disciplineUnitId: routed.unitId, assignment: routed.assignment } : {}),
          ...(changes.conclude_due_at ? { concludeDueAt: changes.conclude_due_at } : {}),
          public: true,
        },
      },
      audit: { action: 'case.classify', detail: { class: chosen.code, previous } },
    };
  });
}

/**
 * Records the lawful channel of an appeal or request (Art. 31 (1)–(5); 诉访分离): the matter is not
 * worked as a petition; the conclusion clock becomes the channel's own (answerDays from now, within
 * which the petitioner gets the written notice naming the channel and how to use it). The event
 * `channel.recorded` carries what the notice is generated from.
 */
export async function recordLawfulChannel(ctx: Context, props: { actor: Actor; caseId: string; channel: string; note?: string }): Promise<CaseDetail> {
  const note = props.note?.trim() ?? '';
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.classify' }, async (trx, row, _units, now) => {
    const plan = await pinnedPlan(trx, row);
    const channel = plan.lawfulChannels?.find((item) => item.code === props.channel);
    if (!channel) {
      const values = (plan.lawfulChannels ?? []).map((item) => item.code);
      throw invalid('channel', `"${props.channel}" is not a lawful channel of plan ${plan.key}.`, { code: 'unknown_lawful_channel', params: { values } });
    }
    mustBeOpen(row);
    const current = row.matter_class ?? null;
    if (current !== null && current !== 'appeal') throw refused('channel_needs_appeal', 'Only an appeal or request belongs to a lawful channel.', { class: current }, { field: 'channel' });
    if (row.lawful_channel === channel.code) throw refused('already_recorded', 'This lawful channel is already recorded.', { at: row.lawful_channel_at ?? now }, { field: 'channel' });
    const answerDueAt = countDays(plan.deadlines, now, channel.answerDays, jurisdiction(ctx));
    // The written notice of non-acceptance (Art. 31): the channel by the plan's name for it, and how to use it, in the plan's words.
    await issueNotice(ctx, trx, { row, kind: 'non_acceptance', params: { reason: '', channel: channel.name, howTo: channel.howTo }, actorId: props.actor.id, now });
    const changes: Partial<CasesTable> = {
      matter_class: 'appeal',
      lawful_channel: channel.code,
      lawful_channel_at: now,
      ...(row.concluded_at === null ? { conclude_due_at: answerDueAt } : {}),
    };
    return {
      changes,
      event: {
        type: 'channel.recorded',
        data: { channel: channel.code, name: channel.name, article: channel.article, previous: row.lawful_channel ?? null, answerDueAt, ...(note ? { note } : {}), notice: 'lawful_channel', public: true },
      },
      audit: { action: 'case.lawful_channel', detail: { channel: channel.code, article: channel.article } },
    };
  });
}

/** Records how far a suggestion was adopted, with a note (Art. 29): refused on any other class. */
export async function recordAdoption(ctx: Context, props: { actor: Actor; caseId: string; adoption: string; note: string }): Promise<CaseDetail> {
  if (!(adoptions as readonly string[]).includes(props.adoption)) throw invalid('adoption', `must be one of ${adoptions.join(', ')}.`, { code: 'one_of', params: { values: [...adoptions] } });
  const note = props.note.trim();
  if (note === '') throw invalid('note', 'the adoption needs a note.', { code: 'required' });
  const adoption = props.adoption as Adoption;
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.classify' }, async (_trx, row) => {
    if (row.matter_class !== 'suggestion') throw refused('not_a_suggestion', 'Only a suggestion or opinion has an adoption.', { class: row.matter_class ?? '' }, { field: 'adoption' });
    return {
      changes: { adoption, adoption_note: note },
      event: { type: 'adoption.recorded', data: { adoption, note, previous: row.adoption ?? null, public: true } },
      audit: { action: 'case.adoption', detail: { adoption } },
    };
  });
}

/**
 * Art. 36's finality: the case's facts and reasons repeat an earlier, concluded case without new
 * ones, so it is answered with that case's conclusion. Linked by the earlier case's reference only —
 * an issue, never a person.
 */
export async function linkEarlierConclusion(ctx: Context, props: { actor: Actor; caseId: string; earlierReference: string; note?: string }): Promise<CaseDetail> {
  const reference = props.earlierReference.trim().toUpperCase();
  const note = props.note?.trim() ?? '';
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.classify' }, async (trx, row) => {
    const earlier = await trx.selectFrom('cases').select(['id', 'reference', 'concluded_at', 'closed_at']).where('reference', '=', reference).executeTakeFirst();
    if (!earlier || earlier.id === row.id) throw invalid('earlierReference', 'no other case has this reference.', { code: 'no_such_case' });
    if (earlier.concluded_at === null && earlier.closed_at === null) throw refused('earlier_case_open', 'The earlier case has not been concluded yet.', { reference }, { field: 'earlierReference' });
    mustBeOpen(row);
    if (row.earlier_reference === reference) throw refused('already_recorded', 'This earlier case is already linked.', { at: row.updated_at }, { field: 'earlierReference' });
    return {
      changes: { earlier_reference: reference },
      event: { type: 'finality.linked', data: { earlierReference: reference, previous: row.earlier_reference ?? null, ...(note ? { note } : {}), public: true } },
      audit: { action: 'case.finality', detail: { earlierReference: reference } },
    };
  });
}

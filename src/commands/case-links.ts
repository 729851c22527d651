import type { Static } from 'typebox';
import type { MergeResult, SameIssue } from '../contract/case-links.js';
import { areaFromLocation, type RoutingUnit } from '../core/catalogue.js';
import { linkPair, sameJurisdiction, suggestSameIssue, suggestionWindowDays, type IssueFacts } from '../core/case-links.js';
import { normaliseReference } from '../core/access-code.js';
import { jurisdictionOf } from '../core/jurisdictions.js';
import { forbidden, invalid, notFound, refused } from '../core/errors.js';
import { can, caseScope } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { appendEvent } from '../db/events.js';
import { stopUnitClocks } from '../db/repositories/assignments.js';
import { findCase, type CaseRow } from '../db/repositories/cases.js';
import { unitTree as jurisdictionTree } from '../db/repositories/reviews.js';
import type { CaseLinksTable } from '../db/schema.js';
import type { Context, Trx } from '../context/context.js';
import { checkCaseAccess } from './support/case-access.js';
import { assignedUnitIds } from '../db/repositories/cases.js';
import { updateCase } from './support/case-update.js';
import { syncDeadlineRows } from './support/sync-deadline-rows.js';
import { claimIdempotencyKey, keepIdempotentResult, type IdempotencyKey } from './support/idempotency.js';

type SameIssueView = Static<typeof SameIssue>;

/** The unit tree as the area and jurisdiction rules read it. */
async function unitTree(trx: Trx): Promise<RoutingUnit[]> {
  const units = await trx.selectFrom('units').select(['id', 'name', 'name_en', 'parent_id']).execute();
  return units.map((unit) => ({ id: unit.id, name: unit.name, nameEn: unit.name_en, parentId: unit.parent_id }));
}

/** The facts a suggestion is made from — category, area, the words of the matter — and nothing about a person. */
type IssueRow = Pick<CaseRow, 'id' | 'reference' | 'category' | 'title' | 'description' | 'location' | 'stage' | 'received_at'>;
const issueColumns = ['id', 'reference', 'category', 'title', 'description', 'location', 'stage', 'received_at'] as const;

function issueFacts(tree: readonly RoutingUnit[], row: IssueRow): IssueFacts {
  return { id: row.id, category: row.category, areaUnitId: areaFromLocation(tree, row.location), title: row.title, description: row.description };
}

function otherCase(tree: readonly RoutingUnit[], row: IssueRow): SameIssueView['links'][number]['case'] {
  return { id: row.id, reference: row.reference, title: row.title, stage: row.stage, receivedAt: row.received_at, areaUnitId: areaFromLocation(tree, row.location) };
}

/** Who may see a case's same-issue panel: whoever links (the office), and every reader who sees the whole jurisdiction. */
function mayRead(actor: Actor): boolean {
  return can(actor, 'case.link') || (can(actor, 'case.read') && caseScope(actor).all);
}

/** The case a reader asked for, or the one it was merged into (a merged duplicate answers with its survivor). */
async function standingCase(ctx: Context, trx: Trx, caseId: string, lock = false): Promise<CaseRow> {
  const row = await findCase(trx, ctx.adapter, caseId, { lock });
  if (!row) throw notFound('The case');
  if (!row.merged_into_id) return row;
  const survivor = await findCase(trx, ctx.adapter, row.merged_into_id, { lock });
  if (!survivor) throw notFound('The case');
  return survivor;
}

/** The id of the case a merged duplicate now stands as (its survivor), or the id itself. */
export async function survivingCaseId(ctx: Context, caseId: string): Promise<string> {
  const row = await ctx.db.selectFrom('cases').select('merged_into_id').where('id', '=', caseId).executeTakeFirst();
  return row?.merged_into_id ?? caseId;
}

/** Suggestions for a case: the cases of its category received within the window, read by index, then scored on area and words. */
async function suggestionsFor(trx: Trx, tree: readonly RoutingUnit[], row: CaseRow, excluded: ReadonlySet<string>): Promise<SameIssueView['suggestions']> {
  // A report's material is the accuser's (Art. 30): reports are neither suggested nor given suggestions.
  if (row.matter_class === 'report') return [];
  const window = suggestionWindowDays * 86_400_000;
  const from = new Date(Date.parse(row.received_at) - window).toISOString();
  const to = new Date(Date.parse(row.received_at) + window).toISOString();
  const candidates = await trx
    .selectFrom('cases')
    .select([...issueColumns])
    .where('category', '=', row.category)
    .where('received_at', '>=', from)
    .where('received_at', '<=', to)
    .where('id', '<>', row.id)
    .where('merged_into_id', 'is', null)
    .where((eb) => eb.or([eb('matter_class', 'is', null), eb('matter_class', '<>', 'report')]))
    .orderBy('received_at', 'desc')
    .limit(1000)
    .execute();
  const byId = new Map(candidates.map((item) => [item.id, item]));
  return suggestSameIssue(
    issueFacts(tree, row),
    candidates.map((item) => issueFacts(tree, item)),
    excluded,
  ).map((item) => ({ case: otherCase(tree, byId.get(item.id) as IssueRow), score: item.score }));
}

/** The same-issue panel of a case, read in the caller's transaction. */
async function sameIssueView(ctx: Context, trx: Trx, actor: Actor, row: CaseRow): Promise<SameIssueView> {
  const tree = await unitTree(trx);
  const pairs = await trx
    .selectFrom('case_links')
    .selectAll()
    .where((eb) => eb.or([eb('low_case_id', '=', row.id), eb('high_case_id', '=', row.id)]))
    .execute();
  const other = (link: CaseLinksTable) => (link.low_case_id === row.id ? link.high_case_id : link.low_case_id);
  const mergedRows = await trx.selectFrom('cases').select(['id', 'reference']).where('merged_into_id', '=', row.id).orderBy('reference').execute();
  const mergeLinks = mergedRows.length === 0
    ? []
    : await trx
        .selectFrom('case_links')
        .selectAll()
        .where('status', '=', 'merged')
        .where((eb) => eb.or([eb('low_case_id', 'in', mergedRows.map((item) => item.id)), eb('high_case_id', 'in', mergedRows.map((item) => item.id))]))
        .execute();
  const linked = pairs.filter((link) => link.status === 'linked');
  const others = linked.length === 0 ? [] : await trx.selectFrom('cases').select([...issueColumns]).where('id', 'in', linked.map(other)).execute();
  const othersById = new Map(others.map((item) => [item.id, item]));
  const mayLink = can(actor, 'case.link');
  const excluded = new Set([...pairs.map(other), ...mergedRows.map((item) => item.id)]);
  return {
    caseId: row.id,
    reference: row.reference,
    suggestions: mayLink && row.merged_into_id == null ? await suggestionsFor(trx, tree, row, excluded) : [],
    links: linked
      .filter((link) => othersById.has(other(link)))
      .sort((a, b) => (a.decided_at < b.decided_at ? -1 : a.decided_at > b.decided_at ? 1 : 0))
      .map((link) => ({ case: otherCase(tree, othersById.get(other(link)) as IssueRow), linkedAt: link.decided_at, linkedBy: link.decided_by, score: link.score })),
    merged: mergedRows.map((item) => {
      const link = mergeLinks.find((candidate) => candidate.low_case_id === item.id || candidate.high_case_id === item.id);
      return { id: item.id, reference: item.reference, mergedAt: link?.decided_at ?? row.updated_at, mergedBy: link?.decided_by ?? null };
    }),
    mayLink,
  };
}

/** The same-issue panel: suggestions (for the office), the linked cases, the duplicates merged in. A merged case answers with its survivor's. */
export async function getSameIssue(ctx: Context, props: { actor: Actor; caseId: string }): Promise<SameIssueView> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await standingCase(ctx, trx, props.caseId);
    checkCaseAccess(props.actor, 'case.read', await assignedUnitIds(trx, row.id));
    if (!mayRead(props.actor)) throw forbidden('The cases on the same issue are for the petition office and those who see the whole jurisdiction.');
    return sameIssueView(ctx, trx, props.actor, row);
  });
}

/** Both cases of a pair, locked in one order (the lower id first) so two decisions on one pair queue up; each checked for `case.link`. */
async function lockPair(ctx: Context, trx: Trx, actor: Actor, subjectId: string, otherId: string, field: string): Promise<{ subject: CaseRow; other: CaseRow }> {
  const { low, high } = linkPair(subjectId, otherId);
  const lowRow = await findCase(trx, ctx.adapter, low, { lock: true });
  const highRow = await findCase(trx, ctx.adapter, high, { lock: true });
  const subject = subjectId === low ? lowRow : highRow;
  const other = subjectId === low ? highRow : lowRow;
  if (!subject) throw notFound('The case');
  if (!other) throw invalid(field, 'no such case.', { code: 'no_such_case' });
  checkCaseAccess(actor, 'case.link', await assignedUnitIds(trx, subject.id));
  checkCaseAccess(actor, 'case.link', await assignedUnitIds(trx, other.id));
  return { subject, other };
}

/** The other case a link names, by id or by reference; a case of its own or none is refused on the field. */
async function otherCaseId(trx: Trx, subjectId: string, target: { caseId?: string | undefined; reference?: string | undefined }): Promise<{ id: string; field: string }> {
  if (target.caseId !== undefined) {
    if (target.caseId === subjectId) throw refused('same_case', 'A case is not linked to itself.', {}, { field: 'caseId' });
    return { id: target.caseId, field: 'caseId' };
  }
  if (target.reference === undefined) throw invalid('caseId', 'name the other case by its id, or by its reference.', { code: 'required' });
  const reference = normaliseReference(target.reference) ?? target.reference.trim();
  const found = await trx.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirst();
  if (!found) throw invalid('reference', 'no case has this reference.', { code: 'no_such_case' });
  if (found.id === subjectId) throw refused('same_case', 'A case is not linked to itself.', {}, { field: 'reference' });
  return { id: found.id, field: 'reference' };
}

function refuseMerged(row: CaseRow, survivorReference: string, field: string): never {
  throw refused('case_merged', `Case ${row.reference} was merged into ${survivorReference}.`, { reference: survivorReference }, { field });
}

async function referenceOf(trx: Trx, caseId: string): Promise<string> {
  return (await trx.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirst())?.reference ?? caseId;
}

/** The timeline events and audit entries of a decision about a pair: one on each case, each naming the other. */
async function recordOnBoth(
  trx: Trx,
  actor: Actor,
  now: string,
  entries: readonly { row: CaseRow; type: string; action: string; data: Record<string, unknown> }[],
): Promise<void> {
  for (const entry of entries) {
    await appendEvent(trx, { caseId: entry.row.id, type: entry.type, actorId: actor.id, at: now, data: entry.data });
    await recordAudit(trx, { at: now, actorId: actor.id, action: entry.action, subjectType: 'case', subjectId: entry.row.id, detail: entry.data });
  }
}

/** Writes the pair's decision: a new row, or the dismissed row changed to the new decision. */
async function decidePair(ctx: Context, trx: Trx, pair: { a: string; b: string; status: 'linked' | 'dismissed' | 'merged'; score: number | null; actorId: string; now: string; existing: CaseLinksTable | undefined }): Promise<void> {
  const { low, high } = linkPair(pair.a, pair.b);
  if (pair.existing) {
    await trx.updateTable('case_links').set({ status: pair.status, score: pair.score ?? pair.existing.score, decided_at: pair.now, decided_by: pair.actorId }).where('id', '=', pair.existing.id).execute();
    return;
  }
  await trx.insertInto('case_links').values({ id: ctx.newId(), low_case_id: low, high_case_id: high, status: pair.status, score: pair.score, decided_at: pair.now, decided_by: pair.actorId }).execute();
}

async function pairRow(trx: Trx, a: string, b: string): Promise<CaseLinksTable | undefined> {
  const { low, high } = linkPair(a, b);
  return trx.selectFrom('case_links').selectAll().where('low_case_id', '=', low).where('high_case_id', '=', high).executeTakeFirst();
}

/** The score the system gave the pair, if it suggests it now (a confirmed suggestion keeps its score). */
async function currentScore(trx: Trx, subject: CaseRow, otherId: string): Promise<number | null> {
  const tree = await unitTree(trx);
  const found = (await suggestionsFor(trx, tree, subject, new Set())).find((item) => item.case.id === otherId);
  return found?.score ?? null;
}

interface PairDecision {
  actor: Actor;
  caseId: string;
  target: { caseId?: string | undefined; reference?: string | undefined };
}

/**
 * A decision about a pair of cases, in one transaction with both cases locked: the pair's row, an
 * event and an audit entry on each case; with an idempotency key a retry answers what the first did.
 */
async function decide(
  ctx: Context,
  props: PairDecision,
  idempotency: IdempotencyKey | undefined,
  work: (trx: Trx, pair: { subject: CaseRow; other: CaseRow; field: string; existing: CaseLinksTable | undefined }, now: string) => Promise<void>,
): Promise<SameIssueView> {
  const now = ctx.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
    const { id: otherId, field } = await otherCaseId(trx, props.caseId, props.target);
    const { subject, other } = await lockPair(ctx, trx, props.actor, props.caseId, otherId, field);
    if (subject.merged_into_id) refuseMerged(subject, await referenceOf(trx, subject.merged_into_id), 'id');
    if (other.merged_into_id) refuseMerged(other, await referenceOf(trx, other.merged_into_id), field);
    await work(trx, { subject, other, field, existing: await pairRow(trx, subject.id, other.id) }, now);
    const view = await sameIssueView(ctx, trx, props.actor, subject);
    if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, subject.id, view);
    return { view, ids: [subject.id, other.id] };
  });
  return done.view;
}

/**
 * The office confirms two cases are on the same issue (a suggestion, or a case named by its
 * reference): linked, with an event on both timelines. Linking a linked pair is refused
 * (`already_linked` on the field); a pair dismissed before may be linked after all.
 */
export async function linkCases(ctx: Context, props: PairDecision, idempotency?: IdempotencyKey): Promise<SameIssueView> {
  const view = await decide(ctx, props, idempotency, async (trx, { subject, other, field, existing }, now) => {
    if (existing && existing.status !== 'dismissed') throw refused('already_linked', 'These cases are already linked.', { at: existing.decided_at }, { field });
    const score = await currentScore(trx, subject, other.id);
    await decidePair(ctx, trx, { a: subject.id, b: other.id, status: 'linked', score, actorId: props.actor.id, now, existing });
    await recordOnBoth(trx, props.actor, now, [
      { row: subject, type: 'case.linked', action: 'case.link', data: { otherCaseId: other.id, otherReference: other.reference, ...(score === null ? {} : { score }) } },
      { row: other, type: 'case.linked', action: 'case.link', data: { otherCaseId: subject.id, otherReference: subject.reference, ...(score === null ? {} : { score }) } },
    ]);
  });
  ctx.changes.publish({ caseId: view.caseId, type: 'case.linked', at: ctx.now() });
  return view;
}

/** The office says a suggested case is not on the same issue: it is not suggested again. */
export async function dismissSuggestion(ctx: Context, props: PairDecision, idempotency?: IdempotencyKey): Promise<SameIssueView> {
  return decide(ctx, props, idempotency, async (trx, { subject, other, field, existing }, now) => {
    if (existing?.status === 'dismissed') throw refused('already_recorded', 'This suggestion was already dismissed.', { at: existing.decided_at }, { field });
    if (existing) throw refused('already_linked', 'These cases are linked; a link is not dismissed.', { at: existing.decided_at }, { field });
    const score = await currentScore(trx, subject, other.id);
    await decidePair(ctx, trx, { a: subject.id, b: other.id, status: 'dismissed', score, actorId: props.actor.id, now, existing });
    await recordOnBoth(trx, props.actor, now, [
      { row: subject, type: 'case.link_dismissed', action: 'case.link.dismiss', data: { otherCaseId: other.id, otherReference: other.reference } },
      { row: other, type: 'case.link_dismissed', action: 'case.link.dismiss', data: { otherCaseId: subject.id, otherReference: subject.reference } },
    ]);
  });
}

/** A case's jurisdiction (core/jurisdictions.ts) from its lead unit, else its area; undefined when it names no unit. */
function caseJurisdiction(units: Parameters<typeof jurisdictionOf>[0], tree: readonly RoutingUnit[], row: CaseRow): string | null | undefined {
  const unitId = row.lead_unit_id ?? areaFromLocation(tree, row.location);
  return unitId === null ? undefined : jurisdictionOf(units, unitId);
}

/**
 * Merges a duplicate into the case that survives it (合并), in one transaction: the duplicate is
 * closed into the survivor (its clocks stop; nothing more is written to it), both references kept —
 * the duplicate's reference and access code find the survivor on the portal and /public/v1, and the
 * staff read of it answers with the survivor. Duplicates merged into it before follow it. An event on
 * both timelines. Refused, each on its field, with nothing written: into itself (`into`), a case
 * already merged (either side), across jurisdictions (`into`).
 */
export async function mergeCase(
  ctx: Context,
  props: { actor: Actor; caseId: string; into: string; reason?: string | undefined },
  idempotency?: IdempotencyKey,
): Promise<Static<typeof MergeResult>> {
  if (props.into === props.caseId) throw refused('same_case', 'A case is not merged into itself.', {}, { field: 'into' });
  const reason = props.reason?.trim() ?? '';
  const now = ctx.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
    const { subject: duplicate, other: survivor } = await lockPair(ctx, trx, props.actor, props.caseId, props.into, 'into');
    if (duplicate.merged_into_id) refuseMerged(duplicate, await referenceOf(trx, duplicate.merged_into_id), 'id');
    if (survivor.merged_into_id) refuseMerged(survivor, await referenceOf(trx, survivor.merged_into_id), 'into');
    const [tree, units] = await Promise.all([unitTree(trx), jurisdictionTree(trx)]);
    if (!sameJurisdiction(caseJurisdiction(units, tree, duplicate), caseJurisdiction(units, tree, survivor))) {
      throw refused('other_jurisdiction', `Case ${survivor.reference} belongs to another jurisdiction.`, { reference: survivor.reference }, { field: 'into' });
    }
    const existing = await pairRow(trx, duplicate.id, survivor.id);
    await decidePair(ctx, trx, { a: duplicate.id, b: survivor.id, status: 'merged', score: existing?.score ?? null, actorId: props.actor.id, now, existing });
    // Duplicates merged into this one before now stand as the survivor too.
    await trx.updateTable('cases').set({ merged_into_id: survivor.id }).where('merged_into_id', '=', duplicate.id).execute();
    const from = duplicate.stage;
    const open = from !== 'closed' && from !== 'not_accepted';
    const closed = await updateCase(
      trx,
      duplicate,
      {
        merged_into_id: survivor.id,
        // The duplicate owes nothing more: its open clocks end with it (the survivor's run on).
        ...(open
          ? {
              stage: 'closed' as const,
              stage_changed_at: now,
              closed_at: now,
              ...(duplicate.accepted_at === null ? { accept_due_at: null } : {}),
              ...(duplicate.concluded_at === null ? { conclude_due_at: null } : {}),
              ...(duplicate.review_concluded_at === null ? { review_due_at: null } : {}),
              review_request_due_at: null,
            }
          : {}),
      },
      now,
    );
    if (open) {
      await stopUnitClocks(trx, duplicate.id, now);
      // The move to rest, as every closing records it: the units' clocks stop here in the reports too.
      await appendEvent(trx, { caseId: duplicate.id, type: 'stage.changed', actorId: props.actor.id, at: now, data: { from, to: 'closed', mergedInto: survivor.reference } });
    }
    await syncDeadlineRows(ctx, trx, closed);
    await updateCase(trx, survivor, {}, now);
    await recordOnBoth(trx, props.actor, now, [
      { row: duplicate, type: 'case.merged', action: 'case.merge', data: { intoCaseId: survivor.id, intoReference: survivor.reference, ...(reason ? { reason } : {}) } },
      { row: survivor, type: 'case.merged_in', action: 'case.merge', data: { fromCaseId: duplicate.id, fromReference: duplicate.reference, ...(reason ? { reason } : {}) } },
    ]);
    const result = { survivor: await sameIssueView(ctx, trx, props.actor, { ...survivor, updated_at: now }), mergedCaseId: duplicate.id, mergedReference: duplicate.reference };
    if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, survivor.id, result);
    return result;
  });
  ctx.changes.publish({ caseId: done.mergedCaseId, type: 'case.merged', at: now });
  ctx.changes.publish({ caseId: done.survivor.caseId, type: 'case.merged_in', at: now });
  return done;
}

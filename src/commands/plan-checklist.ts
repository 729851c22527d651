import { createHash } from 'node:crypto';
import { forbidden, notFound } from '../core/errors.js';
import type { LocalText, PlanDocument } from '../core/plan.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { loadPlan, type LoadedPlan } from '../db/repositories/plans.js';
import type { Context } from '../context/context.js';

/** One stage of a plan as the case page shows it: its guidance and its checklist's steps (ids `stage.step`). */
export interface ChecklistStage {
  stage: string;
  name: LocalText;
  requirements: LocalText[];
  cautions: LocalText[];
  staffing: LocalText[];
  steps: { id: string; text: LocalText }[];
}

/** A plan version's checklist: the same for every case pinned to it, so sent once per version, not in every case. */
export interface PlanChecklist {
  planId: string;
  stages: ChecklistStage[];
}

function checklistOf(planId: string, document: PlanDocument): PlanChecklist {
  return {
    planId,
    stages: document.stages.map((stage) => ({
      stage: stage.key,
      name: stage.name,
      requirements: stage.requirements,
      cautions: stage.cautions,
      staffing: stage.staffing,
      steps: stage.steps.map((step) => ({ id: `${stage.key}.${step.id}`, text: step.text })),
    })),
  };
}

/** The ticked steps of a case, in the plan's order: what the case itself says about its checklist. */
export function completedSteps(
  document: PlanDocument,
  done: ReadonlyMap<string, { done_at: string; done_by: string | null }>,
): { id: string; doneAt: string; doneBy: string | null }[] {
  return document.stages.flatMap((stage) =>
    stage.steps.flatMap((step) => {
      const id = `${stage.key}.${step.id}`;
      const completion = done.get(id);
      return completion ? [{ id, doneAt: completion.done_at, doneBy: completion.done_by }] : [];
    }),
  );
}

interface ChecklistAnswer {
  checklist: PlanChecklist;
  /** A strong validator of the document: a published version's never changes, a draft's changes with each edit. */
  etag: string;
  /** Published versions never change, so a client may keep their checklist for good. */
  immutable: boolean;
}

// Published versions are kept by loadPlan as the same object, so their answer is built once too.
const built = new WeakMap<LoadedPlan, ChecklistAnswer>();

/** The checklist of a plan version, for anyone who may read plans (every staff role). */
export async function planChecklist(ctx: Context, props: { actor: Actor; planId: string }): Promise<ChecklistAnswer> {
  if (!can(props.actor, 'plan.read')) throw forbidden();
  const plan = await loadPlan(ctx.db, props.planId);
  if (!plan) throw notFound('The plan');
  const kept = built.get(plan);
  if (kept) return kept;
  const answer = {
    checklist: checklistOf(plan.row.id, plan.document),
    etag: `"${createHash('sha256').update(plan.row.id).update('\n').update(plan.row.document).digest('base64url').slice(0, 32)}"`,
    immutable: plan.row.status === 'published',
  };
  if (answer.immutable) built.set(plan, answer);
  return answer;
}

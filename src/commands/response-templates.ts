import type { Static } from 'typebox';
import type { FilledTemplate, NewResponseTemplateBody, ResponseTemplate, ResponseTemplateEditBody } from '../contract/response-templates.js';
import { forbidden, invalid, notFound } from '../core/errors.js';
import { categoryName, type PlanDocument } from '../core/plan.js';
import { can } from '../core/policy.js';
import { responseTemplatePlaceholders, templateServes, unknownPlaceholders, type ResponseTemplateUse } from '../core/response-templates.js';
import type { Actor } from '../core/types.js';
import { fillTemplate } from '../core/written-notices.js';
import { recordAudit } from '../db/audit.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { ResponseTemplatesTable } from '../db/schema.js';
import type { Context, Trx } from '../context/context.js';
import { caseFor } from './support/case-access.js';
import { noticeDate, officeOf } from './written-notices.js';

type View = Static<typeof ResponseTemplate>;
type NewTemplate = Static<typeof NewResponseTemplateBody>;
type TemplateEdit = Static<typeof ResponseTemplateEditBody>;

function view(row: ResponseTemplatesTable): View {
  return {
    id: row.id,
    name: row.name,
    use: row.use as ResponseTemplateUse,
    category: row.category,
    body: { zh: row.body_zh, en: row.body_en },
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A template's texts name only the placeholders templates may use; the problem names the field (`body.zh`). */
function checkBody(body: { zh: string; en: string }): void {
  for (const language of ['zh', 'en'] as const) {
    const [unknown] = unknownPlaceholders(body[language]);
    if (unknown !== undefined) {
      throw invalid(`body.${language}`, `{{${unknown}}} is not a placeholder a template may use.`, {
        code: 'unknown_placeholder',
        params: { name: unknown, allowed: responseTemplatePlaceholders.map((name) => `{{${name}}}`).join(', ') },
      });
    }
  }
}

/** A category the plan in force defines (or none: for every category). */
async function checkCategory(trx: Trx, category: string | null | undefined): Promise<void> {
  if (category === null || category === undefined) return;
  const published = await trx.selectFrom('plans').select('document').where('status', '=', 'published').execute();
  const known = published.some((plan) => (JSON.parse(plan.document) as PlanDocument).categories.some((item) => item.code === category));
  if (!known) throw invalid('category', `"${category}" is not a category of a published plan.`, { code: 'unknown_category' });
}

function manage(actor: Actor): void {
  if (!can(actor, 'template.manage')) throw forbidden('Only the petition office keeps response templates.');
}

/** The templates, for those who write answers or keep them: active ones, or every one with `all`. */
export async function listResponseTemplates(ctx: Context, props: { actor: Actor; all?: boolean }): Promise<View[]> {
  if (!can(props.actor, 'case.answer') && !can(props.actor, 'template.manage')) throw forbidden();
  let query = ctx.db.selectFrom('response_templates').selectAll().orderBy('use').orderBy('name').orderBy('id');
  if (!props.all) query = query.where('active', '=', 1);
  return (await query.execute()).map(view);
}

/** The office adds a template (audited). */
export async function createResponseTemplate(ctx: Context, props: { actor: Actor; template: NewTemplate }): Promise<View> {
  manage(props.actor);
  const { template } = props;
  const name = template.name.trim();
  if (name === '') throw invalid('name', 'give the template a name.', { code: 'required' });
  checkBody(template.body);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await checkCategory(trx, template.category);
    const row: ResponseTemplatesTable = {
      id: ctx.newId(),
      name,
      use: template.use,
      category: template.category ?? null,
      body_zh: template.body.zh,
      body_en: template.body.en,
      active: 1,
      created_at: now,
      created_by: props.actor.id,
      updated_at: now,
    };
    await trx.insertInto('response_templates').values(row).execute();
    await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'response_template.create', subjectType: 'response_template', subjectId: row.id, detail: { name, use: row.use, category: row.category } });
    return view(row);
  });
}

/** The office edits or deactivates a template (audited); an answer written from it keeps its own text. */
export async function updateResponseTemplate(ctx: Context, props: { actor: Actor; templateId: string; edit: TemplateEdit }): Promise<View> {
  manage(props.actor);
  const { edit } = props;
  const name = edit.name?.trim();
  if (name === '') throw invalid('name', 'give the template a name.', { code: 'required' });
  if (edit.body) checkBody(edit.body);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('response_templates').selectAll().where('id', '=', props.templateId).executeTakeFirst();
    if (!row) throw notFound('The response template');
    await checkCategory(trx, edit.category);
    const changes = {
      name: name ?? row.name,
      category: edit.category === undefined ? row.category : edit.category,
      body_zh: edit.body?.zh ?? row.body_zh,
      body_en: edit.body?.en ?? row.body_en,
      active: edit.active === undefined ? row.active : edit.active ? 1 : 0,
      updated_at: now,
    };
    await trx.updateTable('response_templates').set(changes).where('id', '=', row.id).execute();
    await recordAudit(trx, {
      at: now,
      actorId: props.actor.id,
      action: 'response_template.update',
      subjectType: 'response_template',
      subjectId: row.id,
      detail: { fields: Object.keys(edit), active: changes.active === 1 },
    });
    return view({ ...row, ...changes });
  });
}

/**
 * The active templates for one use that serve a case's category (its own category's first, then
 * those for every category), filled in for the case: ready to put into the answer being written.
 */
export async function templatesForCase(ctx: Context, props: { actor: Actor; caseId: string; use: ResponseTemplateUse }): Promise<Static<typeof FilledTemplate>[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    const plan = await pinnedPlan(trx, row);
    const rows = await trx.selectFrom('response_templates').selectAll().where('use', '=', props.use).where('active', '=', 1).orderBy('name').orderBy('id').execute();
    const values = {
      reference: row.reference,
      category: categoryName(plan, row.category),
      receivedDate: noticeDate(ctx, row.received_at),
      date: noticeDate(ctx, ctx.now()),
      office: officeOf(plan),
      location: row.location ?? '',
    };
    return rows
      .filter((template) => templateServes(template, row.category))
      .sort((a, b) => Number(a.category === null) - Number(b.category === null))
      .map((template) => ({
        id: template.id,
        name: template.name,
        use: template.use as ResponseTemplateUse,
        category: template.category,
        text: { zh: fillTemplate(template.body_zh, values, 'zh'), en: fillTemplate(template.body_en, values, 'en') },
      }));
  });
}

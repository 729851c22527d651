import { readFileSync } from 'node:fs';
import { parsePlanYaml } from '../core/plan-yaml.js';
import { builtinPlanPath } from '../paths.js';
import { generatePassword } from '../security/passwords.js';
import type { Context } from '../context/context.js';
import { createPlanDraft, type PlanView } from './plans.js';
import { createUnit } from './units.js';
import { createUser } from './users.js';

/** Loads and publishes the built-in plan template unless a plan with its key exists already. */
export async function ensureBuiltinPlan(ctx: Context): Promise<PlanView | null> {
  const source = readFileSync(builtinPlanPath(), 'utf8');
  const document = parsePlanYaml(source);
  const existing = await ctx.db.selectFrom('plans').select('id').where('key', '=', document.key).executeTakeFirst();
  if (existing) return null;
  return createPlanDraft(ctx, { actor: null, source: document, publish: true });
}

/**
 * Creates the first admin (and the petition office unit it belongs to) when there are no users.
 * Returns the password only when it was generated, so it can be printed once.
 */
export async function ensureFirstAdmin(
  ctx: Context,
  props: { email?: string; password?: string },
): Promise<{ email: string; generatedPassword: string | null } | null> {
  const anyone = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone) return null;
  const office =
    (await ctx.db.selectFrom('units').select('id').where('kind', '=', 'office').limit(1).executeTakeFirst()) ??
    (await createUnit(ctx, { actor: null, name: '信访局', nameEn: 'Petition Bureau', kind: 'office' }));
  const email = props.email ?? 'admin@redress.local';
  const password = props.password ?? generatePassword();
  await createUser(ctx, { actor: null, email, name: 'Administrator', role: 'admin', unitId: office.id, password });
  return { email, generatedPassword: props.password ? null : password };
}

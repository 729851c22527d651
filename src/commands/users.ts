import { DomainError, forbidden, invalid, notFound, refused } from '../core/errors.js';
import { can } from '../core/policy.js';
import { roles, type Actor, type Role } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import type { UsersTable } from '../db/schema.js';
import { hashPassword } from '../security/passwords.js';
import { passwordProblem, type PasswordProblem } from '../security/password-policy.js';
import { endCredentials } from '../context/revocations.js';
import { actorId, type Context, type Trx } from '../context/context.js';

export { authenticate, createToken, login, logout, sessionHours } from './sign-in.js';
export { minPasswordLength } from '../security/password-policy.js';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  language: 'zh' | 'en';
  createdAt: string;
  /** False once an admin has deactivated the account: it cannot sign in, its tokens do nothing. */
  active: boolean;
  totpEnabled: boolean;
  /** Set by an admin's reset: the next sign-in must choose a new password. */
  mustChangePassword: boolean;
}

export function userView(row: UsersTable): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    unitId: row.unit_id,
    language: row.language === 'en' ? 'en' : 'zh',
    createdAt: row.created_at,
    active: row.disabled_at === null,
    totpEnabled: Boolean(row.totp_enabled_at),
    mustChangePassword: Boolean(row.must_change_password),
  };
}

interface CreateUserProps {
  actor: Actor | null;
  email: string;
  name: string;
  role: Role;
  unitId?: string | null;
  password: string;
  /** The language notifications are written in; Chinese unless chosen. */
  language?: 'zh' | 'en';
  /** A password an admin chose for someone else: they must replace it at their first sign-in. */
  mustChangePassword?: boolean;
}

const emailPattern = /^[^\s@]+@[^\s@]+$/;

/** A 400 on `field` when a new password breaks the policy; `details.reason` says why. */
export function checkNewPassword(field: string, password: string, email?: string): void {
  const problem: PasswordProblem | null = passwordProblem(password, email);
  if (!problem) return;
  const words: Record<PasswordProblem, string> = {
    too_short: 'must be at least 12 characters.',
    too_long: 'must be at most 200 characters.',
    common: 'is on the list of common or breached passwords; choose another.',
    repetitive: 'is one character, piece or keyboard run repeated; choose another.',
    contains_email: 'must not contain your email name.',
  };
  throw new DomainError('validation_failed', `${field}: ${words[problem]}`, { field, details: { reason: problem } });
}

async function checkUnit(trx: Trx, unitId: string | null): Promise<void> {
  if (!unitId) return;
  const unit = await trx.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw invalid('unitId', 'no unit has this id.');
}

/** Creates a staff account. A unit officer must belong to a unit. */
export async function createUser(ctx: Context, props: CreateUserProps): Promise<UserView> {
  if (props.actor && !can(props.actor, 'user.create')) throw forbidden('Only an admin can add users.');
  const email = props.email.trim().toLowerCase();
  if (!emailPattern.test(email)) throw invalid('email', 'is not an email address.');
  if (props.name.trim() === '') throw invalid('name', 'must not be empty.', { code: 'required' });
  if (!roles.includes(props.role)) throw invalid('role', `must be one of ${roles.join(', ')}.`);
  checkNewPassword('password', props.password, email);
  if (props.role === 'unit_officer' && !props.unitId) throw invalid('unitId', 'a unit officer must belong to a unit.');
  const row: UsersTable = {
    id: ctx.newId(),
    email,
    name: props.name.trim(),
    role: props.role,
    unit_id: props.unitId ?? null,
    password_hash: await hashPassword(props.password),
    created_at: ctx.now(),
    disabled_at: null,
    language: props.language ?? 'zh',
    must_change_password: props.mustChangePassword ? 1 : 0,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await checkUnit(trx, row.unit_id);
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw refused('email_taken', 'email: an account with this email already exists.', {}, { field: 'email' });
    await trx.insertInto('users').values(row).execute();
    await recordAudit(trx, {
      at: row.created_at,
      actorId: actorId(props.actor),
      action: 'user.create',
      subjectType: 'user',
      subjectId: row.id,
      detail: { role: row.role, unitId: row.unit_id },
    });
  });
  return userView(row);
}

export async function listUsers(ctx: Context, props: { actor: Actor }): Promise<UserView[]> {
  if (!can(props.actor, 'user.read')) throw forbidden();
  const rows = await ctx.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(userView);
}

/** One account: its owner, or anyone who may list accounts. */
export async function getUser(ctx: Context, props: { actor: Actor; userId: string }): Promise<UserView> {
  if (props.actor.id !== props.userId && !can(props.actor, 'user.read')) throw forbidden();
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', props.userId).executeTakeFirst();
  if (!row) throw notFound('The user');
  return userView(row);
}

interface UpdateUserProps {
  actor: Actor | null;
  userId: string;
  name?: string;
  role?: Role;
  unitId?: string | null;
  language?: 'zh' | 'en';
  /** False deactivates: every session and token of the account ends at once. True reactivates. */
  active?: boolean;
}

/** Edits an account (an admin's change); deactivating ends its sessions and tokens in the same transaction. */
export async function updateUser(ctx: Context, props: UpdateUserProps): Promise<UserView> {
  if (props.actor && !can(props.actor, 'user.update')) throw forbidden('Only an admin can change accounts.');
  if (props.name !== undefined && props.name.trim() === '') throw invalid('name', 'must not be empty.', { code: 'required' });
  if (props.actor?.id === props.userId && props.active === false) throw invalid('active', 'you cannot deactivate your own account.');
  if (props.actor?.id === props.userId && props.role !== undefined && props.role !== props.actor.role) {
    throw invalid('role', 'you cannot change your own role; another admin can.');
  }
  const now = ctx.now();
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', props.userId).executeTakeFirst();
    if (!row) throw notFound('The user');
    const next: UsersTable = {
      ...row,
      name: props.name?.trim() ?? row.name,
      role: props.role ?? row.role,
      unit_id: props.unitId === undefined ? row.unit_id : props.unitId,
      language: props.language ?? row.language,
      disabled_at: props.active === undefined ? row.disabled_at : props.active ? null : (row.disabled_at ?? now),
    };
    if (next.role === 'unit_officer' && !next.unit_id) throw invalid('unitId', 'a unit officer must belong to a unit.');
    await checkUnit(trx, next.unit_id);
    const changes: Record<string, unknown> = {};
    for (const [key, column] of [['name', 'name'], ['role', 'role'], ['unitId', 'unit_id'], ['language', 'language']] as const) {
      if (next[column] !== row[column]) changes[key] = { from: row[column], to: next[column] };
    }
    const deactivated = row.disabled_at === null && next.disabled_at !== null;
    const reactivated = row.disabled_at !== null && next.disabled_at === null;
    if (Object.keys(changes).length === 0 && !deactivated && !reactivated) return next;
    await trx
      .updateTable('users')
      .set({ name: next.name, role: next.role, unit_id: next.unit_id, language: next.language, disabled_at: next.disabled_at })
      .where('id', '=', row.id)
      .execute();
    // The names in the audit detail are the account's own fields, never a petitioner's.
    const base = { at: now, actorId: actorId(props.actor), subjectType: 'user', subjectId: row.id } as const;
    if (Object.keys(changes).length > 0) await recordAudit(trx, { ...base, action: 'user.update', detail: changes });
    if (deactivated) {
      const ended = await trx.deleteFrom('credentials').where('user_id', '=', row.id).executeTakeFirst();
      await recordAudit(trx, { ...base, action: 'user.deactivate', detail: { credentialsEnded: Number(ended.numDeletedRows) } });
    }
    if (reactivated) await recordAudit(trx, { ...base, action: 'user.reactivate' });
    return next;
  });
  if (updated.disabled_at !== null) endCredentials(updated.id);
  return userView(updated);
}

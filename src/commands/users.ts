import { DomainError, forbidden, invalid } from '../core/errors.js';
import { can } from '../core/policy.js';
import { roles, type Actor, type Role } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import type { UsersTable } from '../db/schema.js';
import { digestSecret, hashPassword, newSecret, verifyPassword } from '../security/passwords.js';
import { actorId, type Context } from './context.js';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  language: 'zh' | 'en';
  createdAt: string;
}

export function userView(row: UsersTable): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    unitId: row.unit_id,
    language: row.language === 'en' ? 'en' : 'zh',
    createdAt: row.created_at,
  };
}

export interface CreateUserProps {
  actor: Actor | null;
  email: string;
  name: string;
  role: Role;
  unitId?: string | null;
  password: string;
  /** The language notifications are written in; Chinese unless chosen. */
  language?: 'zh' | 'en';
}

const emailPattern = /^[^\s@]+@[^\s@]+$/;
export const minPasswordLength = 10;

/** Creates a staff account. A unit officer must belong to a unit. */
export async function createUser(ctx: Context, props: CreateUserProps): Promise<UserView> {
  if (props.actor && !can(props.actor, 'user.create')) throw forbidden('Only an admin can add users.');
  const email = props.email.trim().toLowerCase();
  if (!emailPattern.test(email)) throw invalid('email', 'is not an email address.');
  if (props.name.trim() === '') throw invalid('name', 'must not be empty.');
  if (!roles.includes(props.role)) throw invalid('role', `must be one of ${roles.join(', ')}.`);
  if (props.password.length < minPasswordLength) {
    throw invalid('password', `must be at least ${minPasswordLength} characters.`);
  }
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
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (row.unit_id) {
      const unit = await trx.selectFrom('units').select('id').where('id', '=', row.unit_id).executeTakeFirst();
      if (!unit) throw invalid('unitId', 'no unit has this id.');
    }
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw new DomainError('conflict', 'email: an account with this email already exists.', { field: 'email' });
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

export const sessionHours = 12;

/** Checks a password and opens a session; the same answer for an unknown email and a wrong password. */
export async function login(ctx: Context, props: { email: string; password: string }): Promise<{ token: string; user: UserView }> {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', props.email.trim().toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const ok = row ? await verifyPassword(props.password, row.password_hash) : await verifyPassword(props.password, dummyHash);
  if (!row || !ok) throw new DomainError('invalid_credentials', 'The email or password is not right.');
  const { secret, digest } = newSecret('rs');
  const now = ctx.now();
  const expires = new Date(Date.parse(now) + sessionHours * 3600_000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('credentials')
      .values({ id: digest, user_id: row.id, kind: 'session', name: null, created_at: now, expires_at: expires, last_used_at: now })
      .execute();
    await recordAudit(trx, { at: now, actorId: row.id, action: 'auth.login', subjectType: 'user', subjectId: row.id });
  });
  return { token: secret, user: userView(row) };
}

// Spending the same scrypt time on unknown emails keeps them indistinguishable by timing.
const dummyHash = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Issues a long-lived API token for a user (`Authorization: Bearer …`). */
export async function createToken(ctx: Context, props: { email: string; name: string }): Promise<{ token: string; user: UserView }> {
  const row = await ctx.db.selectFrom('users').selectAll().where('email', '=', props.email.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw invalid('email', 'no user has this email.');
  const { secret, digest } = newSecret('rt');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('credentials')
      .values({ id: digest, user_id: row.id, kind: 'token', name: props.name, created_at: now, expires_at: null, last_used_at: null })
      .execute();
    await recordAudit(trx, { at: now, actorId: null, action: 'token.create', subjectType: 'user', subjectId: row.id, detail: { name: props.name } });
  });
  return { token: secret, user: userView(row) };
}

/** The user behind a session cookie or bearer token, if it is valid now. */
export async function authenticate(ctx: Context, secret: string): Promise<UserView | null> {
  const now = ctx.now();
  const row = await ctx.db
    .selectFrom('credentials')
    .innerJoin('users', 'users.id', 'credentials.user_id')
    .selectAll('users')
    .where('credentials.id', '=', digestSecret(secret))
    .where('users.disabled_at', 'is', null)
    .where((eb) => eb.or([eb('credentials.expires_at', 'is', null), eb('credentials.expires_at', '>', now)]))
    .executeTakeFirst();
  return row ? userView(row) : null;
}

export async function logout(ctx: Context, secret: string): Promise<void> {
  await ctx.db.deleteFrom('credentials').where('id', '=', digestSecret(secret)).where('kind', '=', 'session').execute();
}

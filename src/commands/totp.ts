import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { DomainError, forbidden, invalid, notFound, refused } from '../core/errors.js';
import { can } from '../core/policy.js';
import { roles, type Actor, type Role } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import type { UsersTable } from '../db/schema.js';
import { verifyPassword } from '../security/passwords.js';
import type { Context } from '../context/context.js';

/** The roles an admin has chosen to require a second factor for, beyond the operator's rule for admins. */
const rolesSetting = 'auth.totp_required_roles';
const issuer = 'Redress';
const recoveryCodeCount = 10;

function totpFor(row: Pick<UsersTable, 'email'>, base32: string): TOTP {
  return new TOTP({ issuer, label: row.email, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(base32) });
}

export interface TotpPolicy {
  /** Roles whose members must use a second factor. */
  requiredRoles: Role[];
  /** Whether the operator requires it of every admin (REDRESS_ADMIN_TOTP); admins cannot lift that here. */
  adminsByOperator: boolean;
}

async function chosenRoles(ctx: Context): Promise<Role[]> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', rolesSetting).executeTakeFirst();
  if (!row) return [];
  const parsed: unknown = JSON.parse(row.value);
  return Array.isArray(parsed) ? roles.filter((role) => parsed.includes(role)) : [];
}

/** The roles that must use a second factor now. */
export async function requiredTotpRoles(ctx: Context): Promise<Role[]> {
  return (await totpPolicy(ctx)).requiredRoles;
}

export async function totpPolicy(ctx: Context): Promise<TotpPolicy> {
  const adminsByOperator = ctx.security?.adminTotpRequired ?? true;
  const chosen = await chosenRoles(ctx);
  return { requiredRoles: roles.filter((role) => chosen.includes(role) || (role === 'admin' && adminsByOperator)), adminsByOperator };
}

/** An admin requires a second factor of the given roles (and no longer of the others). */
export async function setTotpRoles(ctx: Context, props: { actor: Actor; roles: Role[] }): Promise<TotpPolicy> {
  if (!can(props.actor, 'auth.policy')) throw forbidden('Only an admin can change who must use a second factor.');
  const chosen = roles.filter((role) => props.roles.includes(role));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const value = JSON.stringify(chosen);
    await trx
      .insertInto('settings')
      .values({ key: rolesSetting, value, updated_at: now, updated_by: props.actor.id })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: now, updated_by: props.actor.id }))
      .execute();
    await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'settings.totp_roles', subjectType: 'settings', subjectId: rolesSetting, detail: { roles: chosen } });
  });
  return totpPolicy(ctx);
}

async function ownRow(ctx: Context, actor: Actor): Promise<UsersTable> {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', actor.id).executeTakeFirstOrThrow();
}

export interface TotpEnrolment {
  /** The secret in base32, for typing into an app by hand. */
  secret: string;
  /** The `otpauth://` URI the QR code holds. */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

/** Starts setting up a second factor: a new secret, kept pending until a code from it is confirmed. */
export async function startTotpEnrolment(ctx: Context, props: { actor: Actor }): Promise<TotpEnrolment> {
  const row = await ownRow(ctx, props.actor);
  if (row.totp_enabled_at) throw refused('totp_already_set_up', 'A second factor is already set up; turn it off first to replace it.', {});
  const secret = new Secret({ size: 20 }).base32;
  await ctx.db.updateTable('users').set({ totp_pending_sealed: ctx.sealer.seal(secret) }).where('id', '=', row.id).execute();
  const uri = totpFor(row, secret).toString();
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

/** The 30-second step a code is valid for, or null; a step at or before the last one used is refused (no replay). */
function acceptedStep(ctx: Context, row: UsersTable, base32: string, code: string): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const timestamp = Date.parse(ctx.now());
  const delta = totpFor(row, base32).validate({ token, timestamp, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(timestamp / 30_000) + delta;
  const last = row.totp_last_step === null || row.totp_last_step === undefined ? -1 : Number(row.totp_last_step);
  return step > last ? step : null;
}

function recoveryDigest(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
}

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** A recovery code: 10 characters of Crockford base32 (50 random bits), shown as `xxxxx-xxxxx`. */
function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((byte) => alphabet[byte % 32] ?? '0').join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Confirms the pending secret with a code from the app; answers the recovery codes, shown this once. */
export async function confirmTotp(ctx: Context, props: { actor: Actor; code: string }): Promise<{ recoveryCodes: string[] }> {
  const row = await ownRow(ctx, props.actor);
  if (!row.totp_pending_sealed) throw refused('totp_setup_not_started', 'Start setting up the second factor first.', {});
  const secret = ctx.sealer.open(row.totp_pending_sealed);
  const step = acceptedStep(ctx, row, secret, props.code);
  if (step === null) throw refused('wrong_code', 'code: the code is not right; check the time on your phone.', {}, { field: 'code' });
  const now = ctx.now();
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret_sealed: row.totp_pending_sealed, totp_pending_sealed: null, totp_enabled_at: now, totp_last_step: step })
      .where('id', '=', row.id)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', row.id).execute();
    await trx.insertInto('recovery_codes').values(codes.map((code) => ({ digest: recoveryDigest(code), user_id: row.id, created_at: now, used_at: null }))).execute();
    await recordAudit(trx, { at: now, actorId: row.id, action: 'user.totp.enable', subjectType: 'user', subjectId: row.id });
  });
  return { recoveryCodes: codes };
}

/** Turns the second factor off (own password required); refused when the role requires one. */
export async function disableTotp(ctx: Context, props: { actor: Actor; password: string }): Promise<void> {
  const row = await ownRow(ctx, props.actor);
  if (!(await verifyPassword(props.password, row.password_hash))) {
    throw new DomainError('validation_failed', 'password: is not your current password.', { field: 'password', details: { reason: 'wrong' } });
  }
  if ((await requiredTotpRoles(ctx)).includes(row.role)) throw forbidden('Your role must use a second factor.');
  await clearTotp(ctx, { userId: row.id, actorId: row.id });
}

/** Removes a user's second factor and recovery codes (their own choice, or the CLI for a locked-out admin). */
export async function clearTotp(ctx: Context, props: { userId: string; actorId: string | null }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret_sealed: null, totp_pending_sealed: null, totp_enabled_at: null, totp_last_step: null })
      .where('id', '=', props.userId)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', props.userId).execute();
    await recordAudit(trx, { at: now, actorId: props.actorId, action: 'user.totp.disable', subjectType: 'user', subjectId: props.userId });
  });
}

/**
 * An admin removes another user's second factor, for someone who lost their phone and their
 * recovery codes; where their role requires one, they set it up again at their next sign-in.
 * Their own is turned off on the My account page (with their password), never here.
 */
export async function clearUserTotp(ctx: Context, props: { actor: Actor; userId: string }): Promise<void> {
  if (!can(props.actor, 'user.update')) throw forbidden('Only an admin can remove another user\'s second factor.');
  if (props.actor.id === props.userId) throw invalid('id', 'turn your own second factor off on the My account page instead.');
  const row = await ctx.db.selectFrom('users').select(['id', 'totp_secret_sealed', 'totp_pending_sealed']).where('id', '=', props.userId).executeTakeFirst();
  if (!row) throw notFound('The user');
  if (!row.totp_secret_sealed && !row.totp_pending_sealed) throw refused('no_second_factor', 'This user has no second factor.', {});
  await clearTotp(ctx, { userId: row.id, actorId: props.actor.id });
}

/** Whether a sign-in's second factor is right: a fresh TOTP code, or an unused recovery code (then spent). */
export async function verifySecondFactor(ctx: Context, row: UsersTable, code: string): Promise<boolean> {
  if (!row.totp_secret_sealed) return false;
  const step = acceptedStep(ctx, row, ctx.sealer.open(row.totp_secret_sealed), code);
  if (step !== null) {
    // Only one sign-in may spend a step, even when two arrive together.
    const taken = await ctx.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }
  if (!/^[0-9a-z]{5}-?[0-9a-z]{5}$/i.test(code.trim())) return false;
  const spent = await ctx.db
    .updateTable('recovery_codes')
    .set({ used_at: ctx.now() })
    .where('digest', '=', recoveryDigest(code.trim()))
    .where('user_id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

/** How many recovery codes are left unused. */
export async function recoveryCodesLeft(ctx: Context, userId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}


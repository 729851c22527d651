import { DomainError, forbidden, invalid, notFound } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { generatePassword, hashPassword, verifyPassword } from '../security/passwords.js';
import { actorId, type Context } from '../context/context.js';
import { endCredentials } from '../context/revocations.js';
import { clearTotp } from './totp.js';
import { checkNewPassword } from './users.js';

/**
 * Changes one's own password, the current one required. Every other session of the account ends;
 * the one making the change (`keepCredentialId`) stays signed in.
 */
export async function changeOwnPassword(
  ctx: Context,
  props: { actor: Actor; currentPassword: string; newPassword: string; keepCredentialId?: string | undefined },
): Promise<void> {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', props.actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(props.currentPassword, row.password_hash))) {
    throw new DomainError('validation_failed', 'currentPassword: is not your current password.', { field: 'currentPassword', details: { reason: 'wrong' } });
  }
  checkNewPassword('newPassword', props.newPassword, row.email);
  if (props.newPassword === props.currentPassword) {
    throw new DomainError('validation_failed', 'newPassword: must differ from the current one.', { field: 'newPassword', details: { reason: 'unchanged' } });
  }
  const hash = await hashPassword(props.newPassword);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, must_change_password: 0 }).where('id', '=', row.id).execute();
    let others = trx.deleteFrom('credentials').where('user_id', '=', row.id).where('kind', '=', 'session');
    if (props.keepCredentialId) others = others.where('id', '!=', props.keepCredentialId);
    const ended = await others.executeTakeFirst();
    await recordAudit(trx, { at: now, actorId: row.id, action: 'user.password.change', subjectType: 'user', subjectId: row.id, detail: { sessionsEnded: Number(ended.numDeletedRows) } });
  });
  endCredentials(row.id);
}

interface ResetProps {
  /** The admin resetting, or null for the operator's CLI. */
  actor: Actor | null;
  userId: string;
  /** Also remove the second factor, for someone who lost their phone and recovery codes. */
  clearSecondFactor?: boolean;
}

/**
 * Gives an account a one-time password, answered this once and never stored in the clear; it
 * must be changed at the next sign-in. Every session of the account ends.
 */
export async function resetPassword(ctx: Context, props: ResetProps): Promise<{ temporaryPassword: string }> {
  if (props.actor && !can(props.actor, 'user.update')) throw forbidden('Only an admin can reset passwords.');
  if (props.actor?.id === props.userId) throw invalid('id', 'change your own password on the My account page instead.');
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', props.userId).executeTakeFirst();
  if (!row) throw notFound('The user');
  const temporaryPassword = generatePassword();
  const hash = await hashPassword(temporaryPassword);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, must_change_password: 1 }).where('id', '=', row.id).execute();
    const ended = await trx.deleteFrom('credentials').where('user_id', '=', row.id).where('kind', '=', 'session').executeTakeFirst();
    // A reset answers a forgotten password: the throttle's count against the account starts again.
    await trx.deleteFrom('sign_in_failures').where('key', '=', `account:${row.email}`).execute();
    await recordAudit(trx, { at: now, actorId: actorId(props.actor), action: 'user.password.reset', subjectType: 'user', subjectId: row.id, detail: { sessionsEnded: Number(ended.numDeletedRows) } });
  });
  if (props.clearSecondFactor) await clearTotp(ctx, { userId: row.id, actorId: actorId(props.actor) });
  endCredentials(row.id);
  return { temporaryPassword };
}

/** The CLI's reset for a locked-out admin, by email. */
export async function resetPasswordByEmail(ctx: Context, props: { email: string; clearSecondFactor?: boolean }): Promise<{ temporaryPassword: string; email: string }> {
  const row = await ctx.db.selectFrom('users').select(['id', 'email']).where('email', '=', props.email.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw invalid('email', 'no user has this email.');
  const reset = await resetPassword(ctx, { actor: null, userId: row.id, clearSecondFactor: props.clearSecondFactor ?? false });
  return { ...reset, email: row.email };
}

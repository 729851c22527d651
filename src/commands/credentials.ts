import { forbidden, notFound } from '../core/errors.js';
import { failureMemorySeconds } from '../core/sign-in-throttle.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import type { CredentialsTable } from '../db/schema.js';
import type { Context } from '../context/context.js';
import { endCredentials } from '../context/revocations.js';
import { issueToken, type TokenView } from './sign-in.js';

export type CredentialKind = 'session' | 'token';

function view(row: CredentialsTable): TokenView {
  return {
    id: row.id,
    kind: row.kind === 'session' ? 'session' : 'token',
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    client: row.client ?? null,
    userAgent: row.user_agent ?? null,
  };
}

/** The owner sees and ends their own sessions and tokens; an admin those of anyone. */
function mayManage(actor: Actor, userId: string): boolean {
  return actor.id === userId || can(actor, 'user.update');
}

/** A user's live sessions or tokens, newest first (expired ones are not listed: they no longer work). */
export async function listCredentials(ctx: Context, props: { actor: Actor; userId: string; kind: CredentialKind }): Promise<TokenView[]> {
  if (!mayManage(props.actor, props.userId)) throw forbidden();
  const now = ctx.now();
  const rows = await ctx.db
    .selectFrom('credentials')
    .selectAll()
    .where('user_id', '=', props.userId)
    .where('kind', '=', props.kind)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(view);
}

/** Ends one session or revokes one token at once (an open live stream on it ends too). */
export async function revokeCredential(ctx: Context, props: { actor: Actor; userId: string; kind: CredentialKind; id: string }): Promise<void> {
  if (!mayManage(props.actor, props.userId)) throw forbidden();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('credentials').selectAll().where('id', '=', props.id).where('user_id', '=', props.userId).where('kind', '=', props.kind).executeTakeFirst();
    if (!row) throw notFound(props.kind === 'session' ? 'The session' : 'The token');
    await trx.deleteFrom('credentials').where('id', '=', row.id).execute();
    await recordAudit(trx, {
      at: now,
      actorId: props.actor.id,
      action: props.kind === 'session' ? 'session.end' : 'token.revoke',
      subjectType: 'user',
      subjectId: props.userId,
      detail: props.kind === 'token' ? { name: row.name } : {},
    });
  });
  endCredentials(props.userId);
}

/** A token of one's own, for a script or integration; the secret is answered this once. */
export async function createOwnToken(ctx: Context, props: { actor: Actor; name: string; expiresInDays?: number | undefined }): Promise<{ token: string; item: TokenView }> {
  const issued = await ctx.db.transaction().execute((trx) =>
    issueToken(ctx, trx, { userId: props.actor.id, name: props.name, actorId: props.actor.id, ...(props.expiresInDays === undefined ? {} : { days: props.expiresInDays }) }),
  );
  return { token: issued.token, item: issued.view };
}

/** Deletes sessions and tokens past their expiry (the worker runs this); answers how many. */
export async function purgeExpiredCredentials(ctx: Context): Promise<number> {
  const result = await ctx.db.deleteFrom('credentials').where('expires_at', 'is not', null).where('expires_at', '<=', ctx.now()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets sign-in failure counts no failure has touched for a day (the throttle forgets them anyway). */
export async function purgeStaleSignInFailures(ctx: Context): Promise<number> {
  const cutoff = new Date(Date.parse(ctx.now()) - failureMemorySeconds * 1000).toISOString();
  const result = await ctx.db.deleteFrom('sign_in_failures').where('last_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

import { forbidden, invalid, notFound, refused } from '../../core/errors.js';
import { can } from '../../core/policy.js';
import type { Actor } from '../../core/types.js';
import { recordAudit } from '../../db/audit.js';
import type { Open311KeysTable } from '../../db/schema.js';
import { digestSecret, newSecret } from '../../security/passwords.js';
import { actorId, type Context } from '../../context/context.js';

/** An Open311 client's key as admins see it: never the key itself, which is shown once on creation. */
interface Open311KeyView {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

function keyView(row: Open311KeysTable): Open311KeyView {
  return { id: row.id, name: row.name, createdAt: row.created_at, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at };
}

/** `actor` is null for the `redress` command, which runs with the server's own authority. */
function authorise(actor: Actor | null): void {
  if (actor && !can(actor, 'open311.keys')) throw forbidden('Only an admin can manage Open311 keys.');
}

/** Issues a key for an Open311 client. The key is returned this once and stored only as a SHA-256 digest. */
export async function createOpen311Key(ctx: Context, props: { actor: Actor | null; name: string }): Promise<Open311KeyView & { key: string }> {
  authorise(props.actor);
  const name = props.name.trim();
  if (name === '') throw invalid('name', 'must not be empty.', { code: 'required' });
  if (name.length > 100) throw invalid('name', 'must be at most 100 characters.');
  const { secret, digest } = newSecret('o311');
  const row: Open311KeysTable = {
    id: ctx.newId(),
    name,
    digest,
    created_at: ctx.now(),
    created_by: actorId(props.actor),
    revoked_at: null,
    revoked_by: null,
    last_used_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('open311_keys').values(row).execute();
    await recordAudit(trx, {
      at: row.created_at,
      actorId: row.created_by,
      action: 'open311.key.create',
      subjectType: 'open311_key',
      subjectId: row.id,
      detail: { name },
    });
  });
  return { ...keyView(row), key: secret };
}

export async function listOpen311Keys(ctx: Context, props: { actor: Actor | null }): Promise<Open311KeyView[]> {
  authorise(props.actor);
  const rows = await ctx.db.selectFrom('open311_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(keyView);
}

/** Revokes a key at once; requests it sent stay, and say which client sent them. */
export async function revokeOpen311Key(ctx: Context, props: { actor: Actor | null; id: string }): Promise<Open311KeyView> {
  authorise(props.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('open311_keys').selectAll().where('id', '=', props.id).executeTakeFirst();
    if (!row) throw notFound('The Open311 key');
    if (row.revoked_at) throw refused('key_revoked', `This key was already revoked at ${row.revoked_at}.`, { at: row.revoked_at });
    const revoked = { ...row, revoked_at: now, revoked_by: actorId(props.actor) };
    await trx.updateTable('open311_keys').set({ revoked_at: now, revoked_by: revoked.revoked_by }).where('id', '=', row.id).execute();
    await recordAudit(trx, { at: now, actorId: revoked.revoked_by, action: 'open311.key.revoke', subjectType: 'open311_key', subjectId: row.id });
    return keyView(revoked);
  });
}

/** The client a key belongs to, if the key is one we issued and it is not revoked. */
export async function open311ClientFor(ctx: Context, key: string): Promise<{ id: string; name: string } | null> {
  const row = await ctx.db
    .selectFrom('open311_keys')
    .select(['id', 'name'])
    .where('digest', '=', digestSecret(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

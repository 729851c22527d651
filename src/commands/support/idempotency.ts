import { DomainError, refused } from '../../core/errors.js';
import type { Context, Trx } from '../../context/context.js';

/** How long a key answers a retry with the first answer; after that it is forgotten. */
const idempotencyKeyHours = 24;

/**
 * An idempotency key as a command sees it: whose it is (`scope`), the key itself, and the
 * fingerprint of the request it came with, so the same key on a different request is refused.
 */
export interface IdempotencyKey {
  scope: string;
  key: string;
  fingerprint: string;
}

/** Thrown inside a transaction whose key another request has already used: the transaction must not commit. */
class IdempotencyKeyTaken extends Error {
  constructor() {
    super('This idempotency key has already been used.');
    this.name = 'IdempotencyKeyTaken';
  }
}

/**
 * Claims the key in the command's transaction, before it writes anything. A key already used
 * (committed by another request, or being committed: PostgreSQL makes this insert wait for it)
 * throws `IdempotencyKeyTaken`, which rolls the whole command back.
 */
export async function claimIdempotencyKey(ctx: Context, trx: Trx, key: IdempotencyKey): Promise<void> {
  const now = ctx.now();
  await trx.deleteFrom('idempotency_keys').where('scope', '=', key.scope).where('key', '=', key.key).where('expires_at', '<=', now).execute();
  const expiresAt = new Date(Date.parse(now) + idempotencyKeyHours * 3_600_000).toISOString();
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ scope: key.scope, key: key.key, fingerprint: key.fingerprint, case_id: null, result_sealed: null, shown_at: null, created_at: now, expires_at: expiresAt })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new IdempotencyKeyTaken();
}

/** Keeps what the command answered under its claimed key, in the same transaction as the case. */
export async function keepIdempotentResult(ctx: Context, trx: Trx, key: IdempotencyKey, caseId: string | null, result: unknown): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ case_id: caseId, result_sealed: ctx.sealer.seal(JSON.stringify(result)) })
    .where('scope', '=', key.scope)
    .where('key', '=', key.key)
    .execute();
}

interface StoredResult {
  caseId: string | null;
  /** The first answer; null once a portal receipt has been shown (see `takeReceipt`). */
  result: unknown;
  shownAt: string | null;
}

/** The answer kept under a key still in force, or undefined; the same key on a different request is a 422. */
async function storedResult(ctx: Context, key: IdempotencyKey): Promise<StoredResult | undefined> {
  const row = await ctx.db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', key.scope)
    .where('key', '=', key.key)
    .where('expires_at', '>', ctx.now())
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.fingerprint !== key.fingerprint) {
    throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used with a different request; send a new key for a new request.', {
      field: 'Idempotency-Key',
    });
  }
  return { caseId: row.case_id, result: row.result_sealed === null ? null : (JSON.parse(ctx.sealer.open(row.result_sealed)) as unknown), shownAt: row.shown_at };
}

/**
 * Runs a command that opens a case at most once per key: a key seen before answers with what was
 * kept, and a request racing another with the same key waits for it and answers the same. Without
 * a key the command simply runs.
 */
export async function once<T>(
  ctx: Context,
  key: IdempotencyKey | undefined,
  run: (key: IdempotencyKey | undefined) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (!key) return { result: await run(undefined), replayed: false };
  const before = await storedResult(ctx, key);
  if (before) return { result: before.result as T, replayed: true };
  try {
    return { result: await run(key), replayed: false };
  } catch (error) {
    if (!(error instanceof IdempotencyKeyTaken)) throw error;
    const after = await storedResult(ctx, key);
    if (!after) throw refused('request_in_progress', 'A request with this Idempotency-Key was just being handled; retry it.', {}, { field: 'Idempotency-Key' });
    return { result: after.result as T, replayed: true };
  }
}

/**
 * Shows what a key keeps once: the first caller gets it whole, and from then on only `rest(result)`
 * is kept and shown (a portal receipt keeps its reference, never again its access code).
 * Undefined when the key is unknown or past its time.
 */
export async function showOnce(
  ctx: Context,
  scope: string,
  key: string,
  rest: (result: unknown) => unknown,
): Promise<{ first: boolean; result: unknown } | undefined> {
  const now = ctx.now();
  const row = await ctx.db
    .selectFrom('idempotency_keys')
    .select(['result_sealed', 'shown_at'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row || row.result_sealed === null) return undefined;
  const result = JSON.parse(ctx.sealer.open(row.result_sealed)) as unknown;
  if (row.shown_at !== null) return { first: false, result };
  const taken = await ctx.db
    .updateTable('idempotency_keys')
    .set({ shown_at: now, result_sealed: ctx.sealer.seal(JSON.stringify(rest(result))) })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('shown_at', 'is', null)
    .executeTakeFirst();
  // Two reloads at once: one shows the receipt, the other what is left of it.
  return Number(taken.numUpdatedRows) === 1 ? { first: true, result } : { first: false, result: rest(result) };
}

/** Forgets keys past their time; the worker calls this on each pass. */
export async function forgetExpiredIdempotencyKeys(ctx: Context): Promise<number> {
  const deleted = await ctx.db.deleteFrom('idempotency_keys').where('expires_at', '<=', ctx.now()).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

import { DomainError } from '../../core/errors.js';
import { fetchMedia, MediaFetchError, permanentFailures, type FetchedMedia, type MediaFetchOptions } from '../../attachments/remote-media.js';
import { findCase } from '../../db/repositories/cases.js';
import type { Context } from '../../context/context.js';
import { attachedChange, checkedFiles, storeFiles } from '../attachments.js';
import { runCaseWrite } from '../support/case-command.js';

/** How many times a media_url is tried, and how long after a failed try the next one waits (× the try's number). */
export const mediaAttempts = 3;
const retryAfterMs = 5 * 60_000;
/** How long a claimed fetch is held before another worker may take it up (the fetch itself times out well before). */
const claimMs = 2 * 60_000;

interface Pending {
  caseId: string;
  mediaUrl: string;
  attempts: number;
}

/**
 * Claims the requests whose media_url waits to be fetched: each one is held for one worker (its next
 * try pushed on, its try counted) in a short transaction, so two workers never fetch the same file.
 */
async function claimPending(ctx: Context, now: string, limit: number): Promise<Pending[]> {
  return ctx.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('open311_requests')
      .select(['case_id', 'media_url', 'media_attempts'])
      .where('media_state', '=', 'pending')
      .where((eb) => eb.or([eb('media_next_at', 'is', null), eb('media_next_at', '<=', now)]))
      .orderBy('media_next_at')
      .limit(limit);
    if (ctx.adapter.supportsRowLocks) query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    const claimed: Pending[] = [];
    for (const row of rows) {
      const held = await trx
        .updateTable('open311_requests')
        .set({ media_attempts: row.media_attempts + 1, media_next_at: new Date(Date.parse(now) + claimMs).toISOString() })
        .where('case_id', '=', row.case_id)
        .where('media_state', '=', 'pending')
        .where('media_attempts', '=', row.media_attempts)
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) === 1 && row.media_url) claimed.push({ caseId: row.case_id, mediaUrl: row.media_url, attempts: row.media_attempts + 1 });
    }
    return claimed;
  });
}

/** A fetched file failed, or could not be fetched: tried again later, or, when the reason is final or the tries are spent, given up with the reason on the case's timeline. */
async function recordFailure(ctx: Context, item: Pending, reason: string, permanent: boolean): Promise<void> {
  const final = permanent || item.attempts >= mediaAttempts;
  if (!final) {
    const next = new Date(Date.parse(ctx.now()) + retryAfterMs * item.attempts).toISOString();
    await ctx.db.updateTable('open311_requests').set({ media_next_at: next, media_failure: reason }).where('case_id', '=', item.caseId).where('media_state', '=', 'pending').execute();
    return;
  }
  await runCaseWrite(ctx, {
    by: { kind: 'system' },
    lock: async (trx) => {
      const row = await findCase(trx, ctx.adapter, item.caseId, { lock: true });
      if (!row) throw new Error(`The case of an Open311 request, ${item.caseId}, is gone.`);
      return { row };
    },
    work: async (trx) => {
      await trx.updateTable('open311_requests').set({ media_state: 'failed', media_failure: reason, media_next_at: null }).where('case_id', '=', item.caseId).execute();
      return {
        event: { type: 'attachment.fetch_failed', data: { source: 'open311', reason, attempts: item.attempts } },
        audit: { action: 'case.attachment.fetch_failed', detail: { reason, attempts: item.attempts } },
      };
    },
    result: async () => undefined,
  });
}

/** The file stored on its case as the petitioner's, with the request marked fetched, in one transaction; false when another worker got there first. */
async function storeFetched(ctx: Context, item: Pending, media: FetchedMedia): Promise<boolean> {
  const [file] = await checkedFiles(ctx, [{ field: 'media_url', name: media.name, bytes: media.bytes, claimedType: media.claimedType }]);
  if (!file) return false;
  const alreadyDone = new Error('fetched by another worker');
  try {
    await runCaseWrite(ctx, {
      by: { kind: 'petitioner' },
      lock: async (trx) => {
        const row = await findCase(trx, ctx.adapter, item.caseId, { lock: true });
        if (!row) throw new Error(`The case of an Open311 request, ${item.caseId}, is gone.`);
        return { row };
      },
      work: async (trx, { row }, now) => {
        const request = await trx.selectFrom('open311_requests').select('media_state').where('case_id', '=', item.caseId).executeTakeFirst();
        if (request?.media_state !== 'pending') throw alreadyDone;
        const [added] = await storeFiles(ctx, trx, row, [file], { via: 'petitioner', userId: null, internal: false }, now);
        await trx
          .updateTable('open311_requests')
          .set({ media_state: 'fetched', media_failure: null, media_next_at: null, media_attachment_id: added?.id ?? null })
          .where('case_id', '=', item.caseId)
          .execute();
        const change = attachedChange(added ? [added] : [], false);
        return { ...change, event: { ...change.event, data: { ...change.event.data, source: 'open311' } } };
      },
      result: async () => undefined,
    });
    return true;
  } catch (error) {
    if (error === alreadyDone) return false;
    throw error;
  }
}

/**
 * One pass of the worker over the Open311 requests that named a `media_url`: each file fetched
 * (guarded, attachments/remote-media.ts), checked like any upload (type from content, size, EXIF
 * stripped) and stored on its petition as the petitioner's. A fetch that fails is tried again
 * later, at most three times; a final failure is on the case's timeline with its reason's code,
 * and the link stays on the request for staff to follow.
 */
export async function fetchOpen311Media(
  ctx: Context,
  options: MediaFetchOptions,
  fetcher: (url: string, options: MediaFetchOptions) => Promise<FetchedMedia> = fetchMedia,
  limit = 10,
): Promise<{ fetched: number; failed: number }> {
  const claimed = await claimPending(ctx, ctx.now(), limit);
  let fetched = 0;
  let failed = 0;
  for (const item of claimed) {
    try {
      const media = await fetcher(item.mediaUrl, options);
      if (await storeFetched(ctx, item, media)) fetched += 1;
    } catch (error) {
      failed += 1;
      if (error instanceof MediaFetchError) {
        await recordFailure(ctx, item, error.reason, permanentFailures.includes(error.reason));
      } else if (error instanceof DomainError && error.code === 'validation_failed') {
        // The file itself is refused (not a PDF or image, too large, the case full): fetching again will not change it.
        const problem = (error.details as { problems?: { code?: string }[] } | undefined)?.problems?.[0]?.code ?? 'file_refused';
        await recordFailure(ctx, item, problem, true);
      } else {
        throw error;
      }
    }
  }
  return { fetched, failed };
}

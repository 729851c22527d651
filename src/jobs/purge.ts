import { sql } from 'kysely';
import type { Stage } from '../core/types.js';
import type { Context } from '../context/context.js';
import { runCaseBatch } from '../commands/support/case-command.js';
import { purgeAttachments } from '../commands/attachments.js';

/** Personal data is kept this long after a case is finally closed or declined, unless configured. */
export const defaultRetentionDays = 730;

/**
 * Erases the petitioner's and representatives' names and contacts from cases closed or declined
 * more than `retentionDays` ago, with the comments they left with a rating and any address still
 * queued for a notice, and the files on the case. The case itself, its
 * answers and its timeline stay: they are the record the office is held to account by.
 */
export async function purgePersonalData(ctx: Context, retentionDays: number, batch = 200): Promise<number> {
  let purged = 0;
  for (;;) {
    const { done } = await runCaseBatch(ctx, {
      by: { kind: 'system' },
      claim: async (trx, now) => {
        const cutoff = new Date(Date.parse(now) - retentionDays * 86_400_000).toISOString();
        let query = trx
          .selectFrom('cases')
          .select('id')
          .where('personal_data_purged_at', 'is', null)
          .where('stage', 'in', [sql.lit<Stage>('closed'), sql.lit<Stage>('not_accepted')])
          .where('stage_changed_at', '<', cutoff)
          .limit(batch);
        if (ctx.adapter.supportsRowLocks) query = query.forUpdate().skipLocked();
        return (await query.execute()).map((row) => row.id);
      },
      work: async (trx, caseId, now) => {
        const representatives = await trx.deleteFrom('representatives').where('case_id', '=', caseId).executeTakeFirst();
        await trx
          .updateTable('notifications')
          .set({ address_sealed: null, status: sql`case when status = 'pending' then 'failed' else status end`, last_error: 'purged' })
          .where('case_id', '=', caseId)
          .where('address_sealed', 'is not', null)
          .execute();
        await trx.updateTable('feedback').set({ comment: null }).where('case_id', '=', caseId).execute();
        // A review request's reason is the petitioner's own words, as a comment is.
        await trx.updateTable('reviews').set({ reason: '' }).where('case_id', '=', caseId).execute();
        // What the petitioner said on a call-back (commands/callbacks.ts) goes with the rest; its outcome stays.
        await trx.updateTable('callbacks').set({ notes_sealed: null }).where('case_id', '=', caseId).execute();
        // A scanned letter or a photo is personal data too: its bytes and its (named) row go.
        const attachments = await purgeAttachments(ctx, trx, caseId);
        // Only sealed personal fields change: the case's record, its clocks and its `updated_at` stay as they were.
        await trx
          .updateTable('cases')
          .set({ petitioner_name_sealed: null, petitioner_contact_sealed: null, personal_data_purged_at: now })
          .where('id', '=', caseId)
          .execute();
        const detail = { representatives: Number(representatives.numDeletedRows), attachments, retentionDays };
        return {
          caseId,
          row: null,
          change: { event: { type: 'personal_data.purged', data: detail }, audit: { action: 'case.personal_data.purge', detail } },
        };
      },
    });
    purged += done.length;
    if (done.length < batch) return purged;
  }
}

import { sql } from 'kysely';
import type { Context } from '../commands/context.js';
import { recordAudit } from '../db/audit.js';
import { appendEvent } from '../db/events.js';

/** Personal data is kept this long after a case is finally closed or declined, unless configured. */
export const defaultRetentionDays = 730;

/**
 * Erases the petitioner's and representatives' names and contacts from cases closed or declined
 * more than `retentionDays` ago, with the comments they left with a rating and any address still
 * queued for a notice. The case itself, its
 * answers and its timeline stay: they are the record the office is held to account by.
 */
export async function purgePersonalData(ctx: Context, retentionDays: number, batch = 200): Promise<number> {
  let purged = 0;
  for (;;) {
    const now = ctx.now();
    const cutoff = new Date(Date.parse(now) - retentionDays * 86_400_000).toISOString();
    const done = await ctx.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('cases')
        .select('id')
        .where('personal_data_purged_at', 'is', null)
        .where('stage', 'in', [sql.lit('closed'), sql.lit('not_accepted')])
        .where('stage_changed_at', '<', cutoff)
        .limit(batch);
      if (ctx.adapter.supportsRowLocks) query = query.forUpdate().skipLocked();
      const ids = (await query.execute()).map((row) => row.id);
      for (const caseId of ids) {
        const representatives = await trx.deleteFrom('representatives').where('case_id', '=', caseId).executeTakeFirst();
        await trx
          .updateTable('notifications')
          .set({ address_sealed: null, status: sql`case when status = 'pending' then 'failed' else status end`, last_error: 'purged' })
          .where('case_id', '=', caseId)
          .where('address_sealed', 'is not', null)
          .execute();
        await trx.updateTable('feedback').set({ comment: null }).where('case_id', '=', caseId).execute();
        await trx
          .updateTable('cases')
          .set({ petitioner_name_sealed: null, petitioner_contact_sealed: null, personal_data_purged_at: now })
          .where('id', '=', caseId)
          .execute();
        const detail = { representatives: Number(representatives.numDeletedRows), retentionDays };
        await appendEvent(trx, { caseId, type: 'personal_data.purged', actorId: null, at: now, data: detail });
        await recordAudit(trx, { at: now, actorId: null, action: 'case.personal_data.purge', subjectType: 'case', subjectId: caseId, detail });
      }
      return ids.length;
    });
    purged += done;
    if (done < batch) return purged;
  }
}

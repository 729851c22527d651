import type { Context, Trx } from '../context/context.js';
import type { Role } from '../core/types.js';
import { subscribedWebhooks } from '../db/repositories/webhooks.js';
import type { TemplateKey } from './templates.js';

/** Who a notification is for: everyone of a role, the officers of a unit, or a petitioner's sealed address. */
export type Audience = { role: Role } | { unitId: string } | { addressSealed: string; language: 'zh' | 'en' };

export interface Notice {
  template: TemplateKey;
  caseId: string | null;
  data: Record<string, unknown>;
}

/**
 * Writes notifications into the durable outbox inside the caller's transaction: in-app for each
 * staff recipient (delivered at once), email when enabled, and one delivery per enabled
 * webhook subscribed to the notice's topic.
 * Nothing is sent here; the delivery worker does that, so a slow receiver never blocks a request.
 */
export async function enqueue(ctx: Context, trx: Trx, audiences: readonly Audience[], notice: Notice): Promise<void> {
  const now = ctx.now();
  const data = JSON.stringify(notice.data);
  const base = { case_id: notice.caseId, template: notice.template, data, created_at: now, last_error: null, claimed_until: null, read_at: null };
  const seen = new Set<string>();
  for (const audience of audiences) {
    if ('addressSealed' in audience) {
      await trx
        .insertInto('notifications')
        .values({ ...base, id: ctx.newId(), channel: 'email', user_id: null, webhook_id: null, address_sealed: audience.addressSealed, language: audience.language, status: 'pending', next_attempt_at: now, sent_at: null })
        .execute();
      continue;
    }
    let query = trx.selectFrom('users').select(['id', 'language']).where('disabled_at', 'is', null);
    query = 'role' in audience ? query.where('role', '=', audience.role) : query.where('unit_id', '=', audience.unitId).where('role', '=', 'unit_officer');
    for (const user of await query.execute()) {
      if (seen.has(user.id)) continue;
      seen.add(user.id);
      await trx
        .insertInto('notifications')
        .values({ ...base, id: ctx.newId(), channel: 'inapp', user_id: user.id, webhook_id: null, address_sealed: null, language: user.language, status: 'sent', next_attempt_at: null, sent_at: now })
        .execute();
      if (ctx.channels.email) {
        await trx
          .insertInto('notifications')
          .values({ ...base, id: ctx.newId(), channel: 'email', user_id: user.id, webhook_id: null, address_sealed: null, language: user.language, status: 'pending', next_attempt_at: now, sent_at: null })
          .execute();
      }
    }
  }
  for (const webhook of await subscribedWebhooks(trx, notice.template)) {
    await trx
      .insertInto('notifications')
      .values({ ...base, id: ctx.newId(), channel: 'webhook', user_id: null, webhook_id: webhook.id, address_sealed: null, language: 'en', status: 'pending', next_attempt_at: now, sent_at: null })
      .execute();
  }
}

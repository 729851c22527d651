import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { expectError, get, post, withoutWrites } from '../../../../test/requests.js';
import { minutes } from '../../../../test/time.js';
import { scanDeadlines } from '../../../jobs/deadline-scanner.js';
import type { NoticeTopic } from '../../../core/notices.js';
import { deliverDue } from '../../../notifications/delivery.js';
import { enqueue } from '../../../notifications/outbox.js';
import { assignId, openCaseId } from '../../../../test/requests.js';

interface WebhookOut {
  id: string;
  url: string;
  disabledAt: string | null;
  topics: 'all' | string[];
  pending: number;
  failed: number;
  lastSentAt: string | null;
  secret?: string;
}

interface DeliveryOut {
  id: string;
  template: string;
  status: string;
  attempts: number;
  lastErrorCode: string | null;
  lastHttpStatus: number | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

/** A port in this helper's range that nothing listens on: a receiver that is down. */
const closedPort = 41498;

/** A receiver that answers every POST with the status given, keeping the notice type of each. */
function answering(status: number): Promise<{ server: Server; url: string; types: string[] }> {
  const types: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      types.push((JSON.parse(body) as { type: string }).type);
      response.writeHead(status).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, types })),
  );
}

describe.each(databaseKinds)('webhooks for admins (%s)', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  const hooks = async () => expectStatus<{ items: WebhookOut[] }>(await get(world, 'admin', '/api/v1/webhooks'), 200).items;
  const hook = async (id: string) => (await hooks()).find((item) => item.id === id);
  const deliveries = async (id: string, status = '') =>
    expectStatus<{ items: DeliveryOut[] }>(await get(world, 'admin', `/api/v1/webhooks/${id}/deliveries${status ? `?status=${status}` : ''}`), 200).items;
  const patch = (id: string, payload: object, who: 'admin' | 'coordinator' = 'admin') => world.as(who, { method: 'PATCH', url: `/api/v1/webhooks/${id}`, payload });
  const remove = (id: string, who: 'admin' | 'coordinator' = 'admin') => world.as(who, { method: 'DELETE', url: `/api/v1/webhooks/${id}` });
  const notify = (template: NoticeTopic = 'case.extended') =>
    world.ctx.db.transaction().execute((trx) => enqueue(world.ctx, trx, [{ role: 'coordinator' }], { template, caseId: null, data: { reference: 'T-1' } }));
  /** Only the webhooks given stay enabled. */
  const onlyEnabled = async (...ids: string[]) => {
    for (const other of await hooks()) {
      if (!ids.includes(other.id) && !other.disabledAt) expectStatus(await patch(other.id, { active: false }), 204);
    }
  };
  const audited = async (action: string, subjectId: string) =>
    (await world.ctx.db.selectFrom('audit_entries').select(['actor_id']).where('action', '=', action).where('subject_id', '=', subjectId).execute()).map((row) => row.actor_id);

  it('refuses a URL that is not http(s), naming the field, and anyone but an admin', async () => {
    for (const url of ['ftp://hooks.example.test/', 'javascript:alert(1)', 'hooks.example.test/no-scheme']) {
      expectError(await withoutWrites(world, () => post(world, 'admin', '/api/v1/webhooks', { url })), 400, 'validation_failed', 'url');
    }
    expectError(await withoutWrites(world, () => post(world, 'admin', '/api/v1/webhooks', { url: 'https://x.test/', events: ['all'] })), 400, 'validation_failed');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/webhooks', { url: 'https://hooks.example.test/' })), 403, 'forbidden');
    expectError(await get(world, 'auditor', '/api/v1/webhooks'), 403, 'forbidden');
  });

  it('shows a failed delivery to a receiver that is down, with its attempts, error code and next retry', async () => {
    const created = expectStatus<WebhookOut>(await post(world, 'admin', '/api/v1/webhooks', { url: `http://127.0.0.1:${closedPort}/hook`, description: 'down' }), 201);
    expect(created.secret).toMatch(/^[\w-]{24,}$/);
    expect(await audited('webhook.create', created.id)).toEqual([world.users.admin.id]);

    await notify();
    expect(await hook(created.id)).toMatchObject({ pending: 1, failed: 0, lastSentAt: null });
    const before = world.ctx.now();
    await deliverDue(world.ctx, { email: null, webhookTimeoutMs: 2000 });
    const [delivery] = await deliveries(created.id);
    expect(delivery).toMatchObject({ template: 'case.extended', status: 'pending', attempts: 1, lastErrorCode: 'unreachable', lastHttpStatus: null, sentAt: null });
    expect(Date.parse(delivery?.nextAttemptAt ?? '')).toBeGreaterThan(Date.parse(before));
    expect(await deliveries(created.id, 'failed')).toEqual([]);
    expectError(await get(world, 'admin', `/api/v1/webhooks/${created.id}/deliveries?status=lost`), 400, 'validation_failed');
    expectError(await get(world, 'admin', '/api/v1/webhooks/no-such-hook/deliveries'), 404, 'not_found');
  });

  it('records the receiver\'s HTTP status when it answers an error', async () => {
    const receiver = await answering(503);
    try {
      const created = expectStatus<WebhookOut>(await post(world, 'admin', '/api/v1/webhooks', { url: receiver.url }), 201);
      // Only this one: the one that is down is disabled for this test.
      await onlyEnabled(created.id);
      await notify();
      await deliverDue(world.ctx, { email: null, webhookTimeoutMs: 2000 });
      expect((await deliveries(created.id))[0]).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'http_status', lastHttpStatus: 503 });
    } finally {
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  });

  it('disables and enables a webhook, once each, audited; a disabled webhook gets no new deliveries', async () => {
    const created = expectStatus<WebhookOut>(await post(world, 'admin', '/api/v1/webhooks', { url: 'https://hooks.example.test/toggle' }), 201);
    expectError(await withoutWrites(world, () => patch(created.id, { active: 'no' })), 400, 'validation_failed', 'active');
    expectError(await withoutWrites(world, () => patch(created.id, { active: false }, 'coordinator')), 403, 'forbidden');
    expectStatus(await patch(created.id, { active: false }), 204);
    expect((await hook(created.id))?.disabledAt).toBe(world.ctx.now());
    expectError(await withoutWrites(world, () => patch(created.id, { active: false })), 409, 'already_done');
    await notify();
    expect(await deliveries(created.id)).toEqual([]);

    expectStatus(await patch(created.id, { active: true }), 204);
    expect((await hook(created.id))?.disabledAt).toBeNull();
    expectError(await withoutWrites(world, () => patch(created.id, { active: true })), 409, 'already_done');
    await notify();
    expect(await deliveries(created.id)).toHaveLength(1);
    expect(await audited('webhook.disable', created.id)).toEqual([world.users.admin.id]);
    expect(await audited('webhook.enable', created.id)).toEqual([world.users.admin.id]);
  });

  it('refuses topics Redress does not send, or none, naming the field', async () => {
    for (const topics of [['case.opened'], ['deadline.missed', 'nonsense'], [], 'none', ['deadline.missed', 'deadline.missed']]) {
      expectError(await withoutWrites(world, () => post(world, 'admin', '/api/v1/webhooks', { url: 'https://hooks.example.test/topics', topics })), 400, 'validation_failed', 'topics');
    }
    const created = expectStatus<WebhookOut>(await post(world, 'admin', '/api/v1/webhooks', { url: 'https://hooks.example.test/topics' }), 201);
    expect(created.topics).toBe('all');
    expectError(await withoutWrites(world, () => patch(created.id, { topics: ['stage.moved'] })), 400, 'validation_failed', 'topics');
    expectError(await withoutWrites(world, () => patch(created.id, {})), 400, 'validation_failed');
    expectError(await withoutWrites(world, () => patch(created.id, { topics: 'all' }, 'coordinator')), 403, 'forbidden');
    expectStatus(await remove(created.id), 204);
  });

  it('sends a webhook subscribed to one topic only that topic, and one on all every notice', async () => {
    const missedOnly = await answering(200);
    const everything = await answering(200);
    try {
      const narrow = expectStatus<WebhookOut>(await post(world, 'admin', '/api/v1/webhooks', { url: missedOnly.url, topics: ['deadline.missed'] }), 201);
      const wide = expectStatus<WebhookOut>(await post(world, 'admin', '/api/v1/webhooks', { url: everything.url }), 201);
      expect(narrow.topics).toEqual(['deadline.missed']);
      expect((await hook(narrow.id))?.topics).toEqual(['deadline.missed']);
      expect((await hook(wide.id))?.topics).toBe('all');
      await onlyEnabled(narrow.id, wide.id);

      // A unit is assigned to a visit, and a day later has neither acknowledged nor arrived.
      const caseId = await openCaseId(world);
      await assignId(world, caseId, world.units.township.id);
      world.time.advance(minutes(24 * 60));
      expect((await scanDeadlines(world.ctx)).missed).toBeGreaterThan(0);
      await deliverDue(world.ctx, { email: null, webhookTimeoutMs: 2000 }, 500);

      expect(missedOnly.types.length).toBeGreaterThan(0);
      expect(new Set(missedOnly.types)).toEqual(new Set(['deadline.missed']));
      expect(everything.types).toContain('case.assigned');
      expect(everything.types).toContain('deadline.missed');
      expect((await deliveries(narrow.id)).every((delivery) => delivery.template === 'deadline.missed' && delivery.status === 'sent')).toBe(true);

      // Subscribed instead to case.assigned: a missed deadline waiting for it is given up, not sent.
      await notify('deadline.missed');
      expectStatus(await patch(narrow.id, { topics: ['case.assigned'] }), 204);
      expect((await hook(narrow.id))?.topics).toEqual(['case.assigned']);
      expect(await audited('webhook.topics', narrow.id)).toEqual([world.users.admin.id]);
      const sentBefore = missedOnly.types.length;
      await deliverDue(world.ctx, { email: null, webhookTimeoutMs: 2000 }, 500);
      expect(missedOnly.types).toHaveLength(sentBefore);
      expect((await deliveries(narrow.id, 'failed'))[0]).toMatchObject({ template: 'deadline.missed', lastErrorCode: 'unsubscribed', attempts: 1 });
      await notify('deadline.missed');
      await notify('case.assigned');
      await deliverDue(world.ctx, { email: null, webhookTimeoutMs: 2000 }, 500);
      expect(missedOnly.types.slice(sentBefore)).toEqual(['case.assigned']);
    } finally {
      await new Promise((resolve) => missedOnly.server.close(resolve));
      await new Promise((resolve) => everything.server.close(resolve));
    }
  });

  it('deletes a webhook with its deliveries, audited; a second delete is a 404', async () => {
    const created = expectStatus<WebhookOut>(await post(world, 'admin', '/api/v1/webhooks', { url: 'https://hooks.example.test/gone' }), 201);
    await notify();
    expect(await deliveries(created.id)).toHaveLength(1);
    expectError(await withoutWrites(world, () => remove(created.id, 'coordinator')), 403, 'forbidden');
    expectStatus(await remove(created.id), 204);
    expect(await hook(created.id)).toBeUndefined();
    const left = await world.ctx.db.selectFrom('notifications').select('id').where('webhook_id', '=', created.id).execute();
    expect(left).toEqual([]);
    expect(await audited('webhook.delete', created.id)).toEqual([world.users.admin.id]);
    expectError(await remove(created.id), 404, 'not_found');
  });
});

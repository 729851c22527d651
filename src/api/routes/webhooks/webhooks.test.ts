import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { expectError, get, post, withoutWrites } from '../../../../test/requests.js';
import { deliverDue } from '../../../notifications/delivery.js';
import { enqueue } from '../../../notifications/outbox.js';

interface WebhookOut {
  id: string;
  url: string;
  disabledAt: string | null;
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

/** A receiver that answers every POST with the status given. */
function answering(status: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(status).end());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` })));
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
  const notify = () =>
    world.ctx.db.transaction().execute((trx) => enqueue(world.ctx, trx, [{ role: 'coordinator' }], { template: 'case.extended', caseId: null, data: { reference: 'T-1' } }));
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
      const others = (await hooks()).filter((item) => item.id !== created.id && !item.disabledAt);
      for (const other of others) expectStatus(await patch(other.id, { active: false }), 204);
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

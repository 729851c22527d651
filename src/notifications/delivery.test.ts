import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignUnit } from '../commands/assign-unit.js';
import { createWebhook, disableWebhook } from '../commands/webhooks.js';
import { createUser } from '../commands/users.js';
import { minutes } from '../../test/time.js';
import { databaseKinds } from '../../test/databases.js';
import { buildCase, buildWorld, password, type World } from '../../test/world.js';
import { smtpSender } from '../jobs/worker.js';
import { deliverDue, signWebhook, type Senders } from './delivery.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver that answers with the statuses given, in order, then 200. */
function receiver(statuses: number[], delayMs = 0): Promise<{ server: Server; url: string; calls: Received[]; accepted: Received[] }> {
  const calls: Received[] = [];
  const accepted: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const status = statuses[calls.length] ?? 200;
      calls.push({ headers: request.headers, body });
      if (status === 200) accepted.push({ headers: request.headers, body });
      setTimeout(() => response.writeHead(status).end(), delayMs);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, calls, accepted }));
  });
}

/** The decoded Subject header of a raw message (RFC 2047 encoded words, folded lines). */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  // Whitespace between two encoded words is not part of the text (RFC 2047, section 6.2).
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ').replace(/\?=\s+=\?/g, '?==?');
  return unfolded.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

const close = (server: Server) => new Promise((resolve) => server.close(resolve));
const noEmail: Senders = { email: null, webhookTimeoutMs: 2000 };

describe.each(databaseKinds)('notification delivery on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(kind);
  });
  afterAll(() => world.dispose());

  const assignSomething = async () => {
    const opened = await buildCase(world, { channel: 'visit' });
    await assignUnit(world.ctx, { actor: world.actor(world.users.coordinator), caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    return opened;
  };

  it('retries a webhook that fails twice and delivers it exactly once, signed', async () => {
    const hook = await receiver([500, 503]);
    const admin = world.actor(world.users.admin);
    const webhook = await createWebhook(world.ctx, { actor: admin, url: hook.url });
    try {
      const opened = await assignSomething();
      // The request that caused it returned before any delivery was tried.
      expect(hook.calls).toHaveLength(0);
      expect((await deliverDue(world.ctx, noEmail)).failed).toBe(1);
      // Not due again until the backoff has passed.
      expect((await deliverDue(world.ctx, noEmail)).failed).toBe(0);
      world.time.advance(minutes(1));
      expect((await deliverDue(world.ctx, noEmail)).failed).toBe(1);
      world.time.advance(minutes(2));
      expect((await deliverDue(world.ctx, noEmail)).sent).toBe(1);
      world.time.advance(minutes(60));
      await deliverDue(world.ctx, noEmail);
      expect(hook.calls).toHaveLength(3);
      expect(hook.accepted).toHaveLength(1);
      const delivered = hook.accepted[0] as Received;
      const payload = JSON.parse(delivered.body) as { type: string; caseId: string; data: { reference: string } };
      expect(payload).toMatchObject({ type: 'case.assigned', caseId: opened.id, data: { reference: opened.reference } });
      const timestamp = String(delivered.headers['x-redress-timestamp']);
      expect(delivered.headers['x-redress-signature']).toBe(signWebhook(webhook.secret, timestamp, delivered.body));
      const row = await world.ctx.db.selectFrom('notifications').selectAll().where('webhook_id', '=', webhook.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    } finally {
      await disableWebhook(world.ctx, { actor: admin, webhookId: webhook.id });
      await close(hook.server);
    }
  });

  it('gives up on a receiver that is too slow without losing the notification', async () => {
    const hook = await receiver([], 400);
    const admin = world.actor(world.users.admin);
    const webhook = await createWebhook(world.ctx, { actor: admin, url: hook.url });
    try {
      await assignSomething();
      const result = await deliverDue(world.ctx, { email: null, webhookTimeoutMs: 100 });
      expect(result.failed).toBe(1);
      const row = await world.ctx.db.selectFrom('notifications').selectAll().where('webhook_id', '=', webhook.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('pending');
      expect(row.last_error).toMatch(/abort|timeout/i);
    } finally {
      await disableWebhook(world.ctx, { actor: admin, webhookId: webhook.id });
      await close(hook.server);
    }
  });

  it('emails each notified officer through a real SMTP server, in their own language', async () => {
    const mails: { to: string; raw: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    await createUser(world.ctx, { actor: null, email: 'english@county.test', name: 'English officer', role: 'unit_officer', unitId: world.units.township.id, password, language: 'en' });
    world.ctx.channels.email = true;
    try {
      const opened = await assignSomething();
      const senders: Senders = { email: smtpSender(`smtp://127.0.0.1:${port}`, 'Redress <redress@county.test>'), webhookTimeoutMs: 2000 };
      const result = await deliverDue(world.ctx, senders);
      expect(result.failed).toBe(0);
      const english = mails.find((mail) => mail.to === 'english@county.test');
      const chinese = mails.find((mail) => mail.to === world.users.unit_officer.email);
      expect(english?.raw).toContain(`Subject: [Assigned] ${opened.reference}`);
      expect(subjectOf(chinese?.raw ?? '')).toBe(`【交办】${opened.reference} ${opened.title}`);
      expect(subjectOf(english?.raw ?? '')).toBe(`[Assigned] ${opened.reference} ${opened.title}`);
    } finally {
      world.ctx.channels.email = false;
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

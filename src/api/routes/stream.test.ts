import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../test/api.js';
import { openStream } from '../../../test/streams.js';
import { buildCase } from '../../../test/world.js';
import { addNote } from '../../commands/case-records.js';
import { assignUnit } from '../../commands/assign-unit.js';
import { createToken } from '../../commands/users.js';
import { registerAuth } from '../plugins/auth.js';
import { registerErrorHandling } from '../plugins/errors.js';
import { streamRoutes } from './stream.js';

describe('live changes (server-sent events)', () => {
  let world: ApiWorld;
  let base: string;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    world = await buildApiWorld('sqlite');
    await world.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
    for (const who of ['coordinator', 'unit_officer', 'otherOfficer'] as const) {
      tokens[who] = (await createToken(world.ctx, { email: world.users[who].email, name: 'stream test' })).token;
    }
  });
  afterAll(() => world.dispose());

  it('answers 401 to an anonymous caller', async () => {
    const response = await world.as('anonymous', { method: 'GET', url: '/api/v1/stream' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('sends each change only to those who may read the case', async () => {
    const coordinator = await openStream(`${base}/api/v1/stream`, tokens.coordinator ?? '');
    const officer = await openStream(`${base}/api/v1/stream`, tokens.unit_officer ?? '');
    const other = await openStream(`${base}/api/v1/stream`, tokens.otherOfficer ?? '');
    try {
      expect(coordinator.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await coordinator.waitFor(/retry: 3000/);
      const opened = await buildCase(world);
      await coordinator.waitFor(new RegExp(`"caseId":"${opened.id}","type":"case.opened"`));

      // Once the township is assigned, its officer hears of the case; the department's never does.
      const actor = world.actor(world.users.coordinator);
      await assignUnit(world.ctx, { actor, caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
      await addNote(world.ctx, { actor, caseId: opened.id, body: 'Called the site manager.' });
      await officer.waitFor(/"type":"note.added"/);
      expect(officer.text()).toContain('"type":"assignment.notified"');
      expect(officer.text()).not.toContain('case.opened');
      await coordinator.waitFor(/"type":"note.added"/);
      expect(other.text()).not.toContain(opened.id);
      expect(coordinator.text()).toContain('event: case.changed\ndata: {');
    } finally {
      await Promise.all([coordinator.close(), officer.close(), other.close()]);
    }
  });

  it('stops listening when the client goes away', async () => {
    let listeners = 0;
    const feed = world.ctx.changes;
    const subscribe = feed.subscribe.bind(feed);
    feed.subscribe = (listener) => {
      listeners += 1;
      const unsubscribe = subscribe(listener);
      return () => {
        listeners -= 1;
        return unsubscribe();
      };
    };
    try {
      const stream = await openStream(`${base}/api/v1/stream`, tokens.coordinator ?? '');
      await stream.waitFor(/retry/);
      expect(listeners).toBe(1);
      await stream.close();
      const until = Date.now() + 2000;
      while (listeners > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(listeners).toBe(0);
    } finally {
      feed.subscribe = subscribe;
    }
  });
  it('ends a deactivated account’s stream at once, and delivers nothing on a credential another process ended', async () => {
    // Another server process deletes the coordinator's token: this one hears nothing of it, but
    // checks the credential before the next delivery and ends the stream instead of delivering.
    const coordinator = await openStream(`${base}/api/v1/stream`, tokens.coordinator ?? '');
    const officer = await openStream(`${base}/api/v1/stream`, tokens.unit_officer ?? '');
    try {
      await coordinator.waitFor(/retry/);
      await officer.waitFor(/retry/);
      await world.ctx.db.deleteFrom('credentials').where('user_id', '=', world.users.coordinator.id).where('name', '=', 'stream test').execute();
      const opened = await buildCase(world);
      const until = Date.now() + 2000;
      while (!coordinator.finished() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(coordinator.finished()).toBe(true);
      expect(coordinator.text()).not.toContain(opened.id);

      // Deactivated by an admin here: the stream ends long before its 15-second heartbeat.
      expectStatus(await world.as('admin', { method: 'PATCH', url: `/api/v1/users/${world.users.unit_officer.id}`, payload: { active: false } }), 200);
      const deadline = Date.now() + 1000;
      while (!officer.finished() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(officer.finished()).toBe(true);
    } finally {
      await Promise.all([coordinator.close(), officer.close()]);
    }
  });
});

describe('the stream’s heartbeat', () => {
  let world: ApiWorld;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    world = await buildApiWorld('sqlite');
    app = Fastify();
    registerErrorHandling(app);
    await app.register(cookie);
    registerAuth(app, world.ctx);
    streamRoutes(app, world.ctx, { heartbeatMs: 40 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => world.dispose());

  it('keeps the stream alive with comments, ends it when the session ends, and lets the server close', async () => {
    const login = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: world.users.coordinator.email, password: 'correct horse battery' },
    });
    expectStatus(login, 200);
    const session = login.cookies.find((item) => item.name === 'redress_session')?.value ?? '';
    const stream = await openStream(`${base}/api/v1/stream`, session);
    try {
      await stream.waitFor(/: heartbeat\n\n: heartbeat/);
      await world.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { redress_session: session } });
      const until = Date.now() + 1000;
      while (!stream.finished() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(stream.finished()).toBe(true);
    } finally {
      await stream.close();
    }
    // A client still connected must not hold the server open.
    const lingering = await openStream(`${base}/api/v1/stream`, (await createToken(world.ctx, { email: world.users.admin.email, name: 't' })).token);
    await lingering.waitFor(/retry/);
    const closing = Date.now();
    await app.close();
    expect(Date.now() - closing).toBeLessThan(2000);
    await lingering.close();
  });
});

import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, type ApiWorld } from '../../test/api.js';
import { openStream } from '../../test/streams.js';
import { buildCase } from '../../test/world.js';
import { buildApp } from '../api/app.js';
import { addNote } from '../commands/case-records.js';
import type { CaseChanged } from '../context/change-feed.js';
import { createToken } from '../commands/users.js';
import { createSharedChangeFeed, type SharedChangeFeed } from './change-notify.js';
import { openStore } from './connect.js';

const url = process.env.REDRESS_TEST_POSTGRES_URL;

/** Waits until `check` holds, failing with `what` after a few seconds. */
async function eventually(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Still waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const change = (caseId: string, type = 'note.added'): CaseChanged => ({ caseId, type, at: '2026-11-02T08:00:00.000Z' });

// SQLite is one process: its in-process feed is covered by routes/stream.test.ts.
describe.skipIf(!url)('live changes across server processes on PostgreSQL', () => {
  const feeds: SharedChangeFeed[] = [];
  const feed = (schema: string) => {
    const made = createSharedChangeFeed({ url: url ?? '', schema, log: () => {}, reconnectMs: 50, maxReconnectMs: 200 });
    feeds.push(made);
    return made;
  };
  afterAll(async () => {
    await Promise.all(feeds.map((item) => item.close()));
  });

  it('delivers a change published by one process to every process on the same schema, once each', async () => {
    const schema = `feed_${Date.now().toString(36)}`;
    const [one, two, elsewhere] = [feed(schema), feed(schema), feed(`${schema}_other`)];
    await Promise.all([one.ready(), two.ready(), elsewhere.ready()]);
    const heard = { one: [] as CaseChanged[], two: [] as CaseChanged[], elsewhere: [] as CaseChanged[] };
    one.subscribe((item) => heard.one.push(item));
    two.subscribe((item) => heard.two.push(item));
    elsewhere.subscribe((item) => heard.elsewhere.push(item));

    one.publish(change('case-1'));
    two.publish(change('case-2', 'stage.changed'));
    await eventually('both changes on both feeds', () => heard.one.length === 2 && heard.two.length === 2);
    // A barrier: a third change sent after the first two arrives after them, so nothing else is still coming.
    two.publish(change('case-3'));
    await eventually('the barrier', () => heard.one.length === 3 && heard.two.length === 3);
    expect(heard.one.map((item) => item.caseId).sort()).toEqual(['case-1', 'case-2', 'case-3']);
    expect(heard.two.map((item) => item.caseId).sort()).toEqual(['case-1', 'case-2', 'case-3']);
    expect(heard.two.find((item) => item.caseId === 'case-2')).toEqual(change('case-2', 'stage.changed'));
    expect(heard.elsewhere).toEqual([]);
  });

  it('reconnects a listener whose connection was cut, and hears changes again', async () => {
    const schema = `feed_${Date.now().toString(36)}_cut`;
    const [sender, receiver] = [feed(schema), feed(schema)];
    await Promise.all([sender.ready(), receiver.ready()]);
    const heard: string[] = [];
    receiver.subscribe((item) => heard.push(item.caseId));

    const store = openStore(url ?? '');
    try {
      const cut = await sql<{ ended: boolean }>`
        select pg_terminate_backend(pid) as ended from pg_stat_activity
        where application_name = ${`redress-changes ${receiver.origin}`}`.execute(store.db);
      expect(cut.rows.map((row) => row.ended)).toEqual([true]);
    } finally {
      await store.close();
    }
    // Changes sent while it is down are not replayed; keep sending until the listener is back.
    let sent = 0;
    await eventually('a change after reconnecting', () => {
      sender.publish(change(`after-${sent}`));
      sent += 1;
      return heard.some((item) => item.startsWith('after-'));
    });
  });

  describe('through HTTP: two servers on one database', () => {
    let world: ApiWorld;
    let second: Awaited<ReturnType<typeof buildApp>>;
    let base: string;
    beforeAll(async () => {
      world = await buildApiWorld('postgres');
      const schema = world.store.schema ?? 'public';
      // Each "server" has its own feed, as separate processes would.
      const first = feed(schema);
      const other = feed(schema);
      await Promise.all([first.ready(), other.ready()]);
      world.ctx.changes = first;
      second = await buildApp({ ctx: { ...world.ctx, changes: other } });
      await second.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(second.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await second.close();
      await world.dispose();
    });

    it('a change made through one server reaches a stream held by the other', async () => {
      const { token } = await createToken(world.ctx, { email: world.users.coordinator.email, name: 'stream' });
      const stream = await openStream(`${base}/api/v1/stream`, token);
      try {
        await stream.waitFor(/retry: 3000/);
        const opened = await buildCase(world);
        await addNote(world.ctx, { actor: world.actor(world.users.coordinator), caseId: opened.id, body: 'Called the site manager.' });
        await stream.waitFor(new RegExp(`"caseId":"${opened.id}","type":"note.added"`));
        // The notification carried no personal data; the stream sent only what it always sends.
        expect(stream.text()).not.toContain('Called the site manager');
      } finally {
        await stream.close();
      }
    });
  });
});

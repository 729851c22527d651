import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.js';
import { buildCase, buildWorld, type World } from '../../test/world.js';
import { verifyAudit } from '../commands/audit-verify.js';
import type { AuditSettings } from '../config.js';
import { recordAudit } from '../db/audit.js';
import { parseExportedCheckpoint } from '../db/checkpoints.js';
import { generateAuditKeyPem, parseAuditKey } from '../security/audit-key.js';
import { sealAuditLog } from './audit-sequencer.js';
import { sealAndExport } from './worker.js';

const key = parseAuditKey(generateAuditKeyPem());

for (const kind of databaseKinds) {
  describe(`the audit sequencer on ${kind}`, () => {
    let world: World;
    beforeEach(async () => {
      world = await buildWorld(kind);
    });
    afterEach(() => world.dispose());

    const seal = (checkpointEverySeconds = 0) => sealAuditLog({ db: world.ctx.db, adapter: world.ctx.adapter, now: world.ctx.now, key, checkpointEverySeconds });
    const write = (n: number) =>
      world.ctx.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { at: world.ctx.now(), actorId: null, action: 'test.write', subjectType: 'test', subjectId: String(n) });
      });

    it('chains entries written by many concurrent transactions, with two sequencers running at once, into one unbroken chain', async () => {
      const before = (await seal()).chained.audit;
      expect(before).toBeGreaterThan(0);
      // Writers and two sequencers race; every entry must end up chained exactly once.
      await Promise.all([
        ...Array.from({ length: 40 }, (_, n) => write(n)),
        seal(),
        seal(),
        ...Array.from({ length: 40 }, (_, n) => write(40 + n)),
        seal(),
      ]);
      await seal();
      const rows = await world.ctx.db.selectFrom('audit_entries').select(['seq', 'subject_id']).where('action', '=', 'test.write').execute();
      expect(rows).toHaveLength(80);
      expect(rows.every((row) => row.seq !== null)).toBe(true);
      const report = await verifyAudit(world.ctx.db, { key });
      expect(report).toMatchObject({ ok: true, audit: { pending: 0 }, events: { pending: 0 } });
      expect(report.audit.entries).toBe(before + 80);
    });

    it('writes a checkpoint only when there is something new, and not more often than asked', async () => {
      expect((await seal(60)).checkpoint).not.toBeNull();
      await write(1);
      expect((await seal(60)).checkpoint).toBeNull();
      world.time.advance(61_000);
      expect((await seal(60)).checkpoint?.audit.seq).toBeGreaterThan(0);
      world.time.advance(61_000);
      expect((await seal(60)).checkpoint).toBeNull();
    });

    it('exports each new checkpoint to the file and the webhook, and emails the auditors at most once a day', async () => {
      const received: string[] = [];
      const server = createServer((request: IncomingMessage, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          received.push(body);
          response.end('ok');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const file = join(mkdtempSync(join(tmpdir(), 'redress-checkpoint-')), 'latest.json');
        const settings: AuditSettings = {
          key,
          checkpointFile: file,
          webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkpoints`,
          sequenceEverySeconds: 10,
          checkpointEverySeconds: 0,
          emailEveryHours: 24,
        };
        world.ctx.channels.email = true;
        const log = (message: string) => {
          throw new Error(message);
        };
        await sealAndExport(world.ctx, settings, log);
        await buildCase(world);
        world.time.advance(60_000);
        await sealAndExport(world.ctx, settings, log);

        const latest = parseExportedCheckpoint(readFileSync(file, 'utf8'));
        expect(received.map((body) => parseExportedCheckpoint(body).audit.seq)).toEqual([expect.any(Number), latest.audit.seq]);
        // The kept copy proves the log reaches it.
        expect((await verifyAudit(world.ctx.db, { key, exported: latest })).ok).toBe(true);
        const mails = await world.ctx.db.selectFrom('notifications').selectAll().where('template', '=', 'audit.checkpoint').where('channel', '=', 'email').execute();
        expect(mails.map((mail) => mail.user_id)).toEqual([world.users.auditor.id]);
        expect(JSON.parse(mails[0]?.data ?? '{}')).toMatchObject({ checkpoint: expect.stringContaining('"signature"') });
      } finally {
        server.close();
      }
    });
  });
}

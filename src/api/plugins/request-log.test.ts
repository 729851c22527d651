import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../../../test/world.js';
import { buildApp } from '../app.js';

/** A log destination that keeps every JSON line it is given. */
function captured(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

describe('request logs', () => {
  let world: World | undefined;
  afterEach(() => world?.dispose());

  it('say nothing per request at the default level, and one line per request at debug', async () => {
    world = await buildWorld('sqlite');
    for (const level of ['info', 'debug']) {
      const log = captured();
      const app = await buildApp({ ctx: world.ctx, webRoot: null, logger: { level, stream: log.stream } });
      await app.inject({ method: 'GET', url: '/health' });
      await app.inject({ method: 'GET', url: '/api/v1/cases' });
      await app.close();
      const requests = log.lines.filter((line) => line.msg === 'request' || line.msg === 'incoming request' || line.msg === 'request completed');
      if (level === 'info') {
        expect(requests).toEqual([]);
      } else {
        expect(requests.map((line) => [line.method, line.url, line.statusCode])).toEqual([
          ['GET', '/health', 200],
          ['GET', '/api/v1/cases', 401],
        ]);
      }
    }
  });
});

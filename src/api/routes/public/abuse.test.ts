import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, cookiesOf, form, petition, submit } from '../../../../test/public.js';
import { expectError } from '../../../../test/requests.js';

describe.each(databaseKinds)('abuse protection on the public side on %s', (kind) => {
  describe('guessing references and access codes', () => {
    let world: ApiWorld;
    beforeAll(async () => {
      world = await buildPublicWorld(kind, {
        public: {
          requestsPerMinute: 10_000,
          submissionsPerHour: 10_000,
          guesses: { freeFailures: 2, delayStepMs: 80, maxDelayMs: 160, maxFailuresPerClient: 5 },
        },
      });
    });
    afterAll(() => world.dispose());

    const look = (reference: string, accessCode: string, client: string) =>
      world.app.inject({
        method: 'GET',
        url: `/public/v1/petitions/${reference}`,
        headers: { 'x-access-code': accessCode },
        remoteAddress: client,
      });

    it('slows a client after a few wrong guesses and then refuses its wrong guesses, never the right code', async () => {
      const receipt = await submit(world);
      const timings: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const start = Date.now();
        expectError(await look(`2026-AAAA-AAA${attempt}`, receipt.accessCode, '10.0.0.1'), 404, 'not_found');
        timings.push(Date.now() - start);
      }
      // Failures 1–3 come back at once; the 4th and 5th wait 80 and 160 ms.
      expect(timings[3]).toBeGreaterThanOrEqual(75);
      expect(timings[4]).toBeGreaterThanOrEqual(155);
      const refused = await look(receipt.reference, 'AAAA-AAAA-AAAA-AAAA-AAAA', '10.0.0.1');
      const error = expectError(refused, 429, 'rate_limited');
      expect(error.message).toMatch(/Too many wrong references or access codes/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The holder of the right code gets in even from the refused address (a shared connection)…
      expect(expectStatus(await look(receipt.reference, receipt.accessCode, '10.0.0.1'), 200)).toMatchObject({ reference: receipt.reference });
      // …and another client is not held back at all.
      expectStatus(await look(receipt.reference, receipt.accessCode, '10.0.0.2'), 200);
    });

    it('never locks the petitioner out of their own case, however many clients guess at its reference', async () => {
      const receipt = await submit(world);
      // Before the fix, ten wrong codes from ten addresses refused the reference to everyone for 15 minutes.
      for (let client = 0; client < 12; client += 1) {
        expectError(await look(receipt.reference, 'AAAA-AAAA-AAAA-AAAA-AAAA', `10.0.1.${client}`), 404, 'not_found');
      }
      expectStatus(await look(receipt.reference, receipt.accessCode, '10.0.2.1'), 200);
      const feedback = await world.app.inject({
        method: 'POST',
        url: `/public/v1/petitions/${receipt.reference}/feedback`,
        headers: { 'x-access-code': receipt.accessCode },
        payload: { rating: 4 },
        remoteAddress: '10.0.2.1',
      });
      expect(feedback.statusCode).not.toBe(429);
    });

    it('throttles the portal the same way, answering with a page', async () => {
      const receipt = await submit(world);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await world.app.inject({
          method: 'POST',
          url: '/petition/status',
          remoteAddress: '10.0.3.1',
          ...form({ lang: 'en', reference: receipt.reference, accessCode: 'AAAA-AAAA-AAAA-AAAA-AAAA' }),
        });
        expect(response.statusCode).toBe(404);
      }
      const wrong = await world.app.inject({
        method: 'POST',
        url: '/petition/status',
        remoteAddress: '10.0.3.1',
        ...form({ lang: 'en', reference: receipt.reference, accessCode: 'AAAA-AAAA-AAAA-AAAA-AAAB' }),
      });
      expect(wrong.statusCode).toBe(429);
      expect(wrong.headers['content-type']).toMatch(/^text\/html/);
      expect(wrong.body).toContain('Too many attempts');
      const holder = await world.app.inject({
        method: 'POST',
        url: '/petition/status',
        remoteAddress: '10.0.3.1',
        ...form({ lang: 'en', reference: receipt.reference, accessCode: receipt.accessCode }),
      });
      // The right code is honoured: the holder is sent on to the status page, the code held in a sealed cookie.
      expect(holder.statusCode).toBe(303);
      expect(holder.headers.location).toBe('/petition/progress?lang=en');
      const shown = await world.app.inject({ method: 'GET', url: '/petition/progress?lang=en', cookies: cookiesOf(holder) });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain(receipt.reference);
    });

    it('does not count a wrong notice or file id asked for with the right code as a guess', async () => {
      const receipt = await submit(world);
      const client = '10.0.4.1';
      const missing = '00000000-0000-4000-8000-000000000000';
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const url = attempt % 2 === 0 ? `/public/v1/petitions/${receipt.reference}/notices/${missing}.pdf` : `/public/v1/petitions/${receipt.reference}/attachments/${missing}`;
        const response = await world.app.inject({ method: 'GET', url, headers: { 'x-access-code': receipt.accessCode }, remoteAddress: client });
        expectError(response, 404, 'not_found');
      }
      // Six misses with the right key, more than the five wrong guesses that get a client refused: a wrong code is still a plain 404.
      expectError(await look(receipt.reference, 'AAAA-AAAA-AAAA-AAAA-AAAA', client), 404, 'not_found');
    });
  });

  describe('request and submission limits', () => {
    let world: ApiWorld;
    beforeAll(async () => {
      world = await buildPublicWorld(kind, { public: { requestsPerMinute: 6, submissionsPerHour: 2 } });
    });
    afterAll(() => world.dispose());

    it('lets a client submit only so many petitions an hour', async () => {
      const send = () => world.app.inject({ method: 'POST', url: '/public/v1/petitions', payload: petition(), remoteAddress: '10.1.0.1' });
      expectStatus(await send(), 201);
      expectStatus(await send(), 201);
      const refused = await send();
      expectError(refused, 429, 'rate_limited');
      expect(refused.headers['retry-after']).toBeDefined();
    });

    it('limits requests per client per minute, in our error shape on the API and as a page on the portal', async () => {
      const client = '10.1.0.2';
      for (let request = 0; request < 6; request += 1) {
        expect((await world.app.inject({ method: 'GET', url: '/petition?lang=en', remoteAddress: client })).statusCode).toBe(200);
      }
      const page = await world.app.inject({ method: 'GET', url: '/petition?lang=en', remoteAddress: client });
      expect(page.statusCode).toBe(429);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('Too many requests from your connection');
      const api = await world.app.inject({ method: 'GET', url: '/public/v1/petitions/2026-AAAA-BBBB', headers: { 'x-access-code': 'x' }, remoteAddress: client });
      expectError(api, 429, 'rate_limited');
      // Staff routes are not limited by the public side's counter.
      expect((await world.as('coordinator', { method: 'GET', url: '/api/v1/cases', remoteAddress: client })).statusCode).toBe(200);
    });
  });
});

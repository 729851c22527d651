import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../../../test/world.js';
import { buildApp } from '../app.js';
import { appPages as routerPages } from '../../../web/src/pages.js';
import { appPages, webAppRoot } from './web.js';

describe('serving the web app', () => {
  let world: World;
  let app: FastifyInstance;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'redress-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Redress</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-a1b2c3.js'), 'console.log("app");');
    writeFileSync(join(root, '.secret'), 'not for anyone');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    world = await buildWorld('sqlite');
    app = await buildApp({ ctx: world.ctx, webRoot: root });
  });
  afterAll(async () => {
    await app.close();
    await world.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the app at / with a strict content security policy and no caching', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.body).toContain('<div id="root">');
  });

  it('answers every page of the app’s router with the app, so a reload or a bookmark keeps the page', async () => {
    const urls = Object.values(routerPages).map((page) => page.replace(/:id/g, '4b8e'));
    expect(urls).toContain('/notifications');
    for (const url of [...urls, '/sign-in?next=%2Fdashboard', '/dashboard?from=2026-01-01', '/notifications?unread=1']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(response.body, url).toContain('<div id="root">');
    }
  });

  it('answers an unknown page outside the server’s paths with the app and a 404, so the app says “not found”', async () => {
    for (const url of ['/no-such-page', '/cases', '/notifications/x/y', '/apis', '/petitions']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/text\/html/);
      expect(response.body, url).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a year-long immutable cache, and the icon uncached', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-a1b2c3.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['content-type']).toMatch(/image\/svg/);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves the server’s own paths to the server: unknown ones are a 404 in our error shape', async () => {
    for (const url of ['/api/v1/nothing-here', '/assets/missing.js', '/api', '/public/v1/nothing', '/reports/nothing', '/health/x']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    // The router's own answer to an over-long identifier is untouched by the app's pages.
    expect((await app.inject({ method: 'GET', url: `/api/v1/cases/${'c'.repeat(101)}` })).statusCode).toBe(414);
  });

  it('never serves dotfiles and falls back only for GET', async () => {
    const dotfile = await app.inject({ method: 'GET', url: '/.secret' });
    expect(dotfile.body).not.toContain('not for anyone');
    const post = await app.inject({ method: 'POST', url: '/cases', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('keeps the plain start page when there is no built app', async () => {
    const bare = await buildApp({ ctx: world.ctx, webRoot: null });
    try {
      const response = await bare.inject({ method: 'GET', url: '/?lang=en' });
      expect(response.body).toContain('Redress — petitions and grievances');
      expect((await bare.inject({ method: 'GET', url: '/cases/x' })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('finds the app only when its index.html exists, and claims no path of the server’s', () => {
    expect(webAppRoot(root)).toBe(root);
    expect(webAppRoot(join(root, 'assets'))).toBeNull();
    expect(appPages).toEqual(Object.values(routerPages));
    for (const page of appPages) expect(page).not.toMatch(/^\/(api|public|open311|petition|reports|health|assets)\b/);
  });
});

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { sessionCookie } from './auth.js';

/**
 * Defences every response and every unsafe request gets, whatever route serves it:
 * - headers: a Content-Security-Policy (a route that sets its own, like the portal and the web
 *   app, keeps it), no framing, `nosniff`, a referrer policy, and HSTS when the request came over
 *   HTTPS (directly, or through a trusted proxy's `X-Forwarded-Proto`);
 * - CSRF: an unsafe request carrying the session cookie must come from this origin, and the JSON
 *   API accepts only JSON (or YAML where a route takes it), never the three content types a
 *   cross-site HTML form can send without the browser asking first — but for the routes that take
 *   files, where a session's multipart upload must say it came from this origin (`Origin` or
 *   `Sec-Fetch-Site`, which every current browser sends).
 */

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where the cookie authenticates and the body is JSON: the staff API. */
const isStaffApi = (path: string) => path.startsWith('/api/');
/** Bodies the JSON API takes. A form (urlencoded, multipart) or text/plain is what a cross-site page can send blind. */
const apiBodyTypes = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml'];
/** The petitioner's JSON API takes JSON; its HTML forms are the portal's (/petition), which documents form posts. */
const publicBodyTypes = ['application/json'];

// A JSON, CSV or YAML answer needs nothing from anywhere and must never render as a page.
const dataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// Server-rendered pages without a policy of their own (the printable report): their inline <style>, nothing else.
const pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// The API reference (Swagger UI): its own scripts and styles (it sets style attributes), and the OpenAPI document.
export const docsPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";

const hsts = 'max-age=31536000; includeSubDomains';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}

function policyFor(path: string, contentType: string): string {
  if (path === '/api/docs' || path.startsWith('/api/docs/')) return docsPolicy;
  return contentType.startsWith('text/html') ? pagePolicy : dataPolicy;
}

function setHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const contentType = String(reply.getHeader('content-type') ?? '');
  if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', policyFor(pathOf(request), contentType));
  if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
  if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
  if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
  if (!reply.hasHeader('cross-origin-opener-policy')) reply.header('cross-origin-opener-policy', 'same-origin');
  // request.protocol reads X-Forwarded-Proto only from a proxy trusted by REDRESS_TRUST_PROXY.
  if (request.protocol === 'https') reply.header('strict-transport-security', hsts);
}

/** Whether the request's `Origin` / `Sec-Fetch-Site` say it was sent from a page of another origin. */
function crossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  return origin !== `${request.protocol}://${request.host}`;
}

function mediaType(request: FastifyRequest): string | null {
  const header = request.headers['content-type'];
  return header === undefined ? null : (header.split(';')[0] ?? '').trim().toLowerCase();
}

/** The routes that take files: multipart/form-data is accepted there and nowhere else of the two APIs. */
const takesFiles = (path: string) => /^\/(api\/v1\/cases\/[^/]+|public\/v1\/petitions\/[^/]+)\/attachments$/.test(path);

/** Whether the browser said where the request came from: a session's upload must say, since a form can send one blind. */
const saysWhere = (request: FastifyRequest) => request.headers['sec-fetch-site'] !== undefined || request.headers.origin !== undefined;

const byCookie = (request: FastifyRequest) =>
  !request.headers.authorization?.startsWith('Bearer ') && request.cookies[sessionCookie] !== undefined;

/** Registers the headers and the CSRF checks; call before the routes and the auth hook. */
export function registerSecurity(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!unsafeMethods.has(request.method)) return;
    const path = pathOf(request);
    // Signing in from another site is refused too, so no page can sign a victim into another account.
    if (isStaffApi(path) && (byCookie(request) || path === '/api/v1/auth/login') && crossSite(request)) {
      throw new DomainError('cross_site_request', 'This request came from another site; it was refused to protect your session.');
    }
    const type = mediaType(request);
    if (type === 'multipart/form-data' && takesFiles(path)) {
      if (isStaffApi(path) && byCookie(request) && !saysWhere(request)) {
        throw new DomainError('cross_site_request', 'An upload signed in by cookie must come from this site’s own pages; it was refused to protect your session.');
      }
      return;
    }
    const allowed = isStaffApi(path) ? apiBodyTypes : path.startsWith('/public/v1/') ? publicBodyTypes : null;
    if (allowed && type !== null && !allowed.includes(type)) {
      throw new DomainError('unsupported_media_type', `This API takes ${allowed.join(' or ')}, not ${type}.`, { details: { accepted: allowed } });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    setHeaders(request, reply);
    return payload;
  });
}

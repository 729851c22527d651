import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { Counters } from '../../../db/counters.js';
import { sharedLimitStore } from '../../plugins/limit-store.js';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../../context/context.js';
import { open311ClientFor } from '../../../commands/public/open311-keys.js';
import {
  createOpen311Request,
  listOpen311Requests,
  open311Services,
  open311Token,
  type Open311Filters,
} from '../../../commands/public/open311-requests.js';
import { DomainError, refused } from '../../../core/errors.js';
import { pickLanguage } from '../../messages.js';
import { portalMessages } from '../../portal/i18n/index.js';
import { idempotently } from '../../plugins/idempotency.js';
import { formatOfUrl, isFormat, sendOpen311, sendOpen311Errors, splitFormat, type Open311Format } from './format.js';
import { requestOf, serviceDefinitionOf, serviceDefinitionXml, serviceOf } from './present.js';
import type { App } from '../../typed-app.js';

export interface Open311Options {
  /** Requests one client may make per minute. */
  requestsPerMinute?: number;
  /** Service requests one client may post per hour. */
  submissionsPerHour?: number;
  bodyLimit?: number;
}

const open311Defaults = { requestsPerMinute: 300, submissionsPerHour: 600, bodyLimit: 64 * 1024 };

const open311Base = '/open311/v2';

type Params = Record<string, unknown>;

const text = (source: Params, name: string): string | undefined => {
  const value = source[name];
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first : undefined;
};

const list = (source: Params, name: string): string[] | undefined =>
  text(source, name)
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function statusOf(error: FastifyError): number {
  if (error instanceof DomainError) {
    if (error.code === 'unauthenticated' || error.code === 'forbidden') return 403;
    if (error.code === 'conflict') return 400;
    return error.status;
  }
  if (error.validation) return 400;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 413;
  return error.statusCode ?? 500;
}

/** The format a route was asked for, or a 404 in the spec's shape for any other extension. */
function formatParam(request: FastifyRequest): Open311Format {
  const { format } = request.params as { format?: string };
  if (format && isFormat(format)) return format;
  throw new DomainError('not_found', 'This endpoint answers in .xml or .json.');
}

function fileParam(request: FastifyRequest): { name: string; format: Open311Format } {
  const { file } = request.params as { file: string };
  const split = splitFormat(file);
  if (!split) throw new DomainError('not_found', 'This endpoint answers in .xml or .json.');
  return split;
}

/** The client behind an api_key, or 403 in the spec's words; null when none was sent and none is needed. */
async function clientOf(ctx: Context, key: string | undefined, required: boolean): Promise<{ id: string; name: string } | null> {
  if (key === undefined || key.trim() === '') {
    if (required) throw new DomainError('forbidden', "api_key was not provided -- can't proceed with create_request.");
    return null;
  }
  const client = await open311ClientFor(ctx, key.trim());
  if (!client) throw new DomainError('forbidden', "Invalid api_key received -- can't proceed.");
  return client;
}

/** GeoReport v2 at /open311/v2: discovery, services, requests and tokens, in XML and JSON, errors in the spec's shape. */
export async function registerOpen311(app: App, ctx: Context, counters: Counters, options: Open311Options = {}): Promise<void> {
  const limits = { ...open311Defaults, ...options };
  await app.register(
    async (scope) => {
      await scope.register(rateLimit, {
        max: limits.requestsPerMinute,
        timeWindow: '1 minute',
        store: sharedLimitStore(counters, 'open311'),
        errorResponseBuilder: (_request, context) => new DomainError('rate_limited', `Too many requests; try again in ${context.after}.`),
      });
      await scope.register(formbody, { bodyLimit: limits.bodyLimit });

      scope.setErrorHandler((error: FastifyError, request, reply) => {
        const status = statusOf(error);
        if (status >= 500) {
          request.log.error({ err: error }, 'open311 request failed');
          return sendOpen311Errors(reply, formatOfUrl(request.url), 500, ['Something went wrong on our side; it has been logged.']);
        }
        return sendOpen311Errors(reply, formatOfUrl(request.url), status, [error.message]);
      });
      const notFound = async (request: FastifyRequest, reply: FastifyReply) =>
        sendOpen311Errors(reply, formatOfUrl(request.url), 404, [`No resource ${request.method} ${request.url.split('?')[0]}.`]);
      scope.setNotFoundHandler(notFound);
      // Our own catch-all, so the web app's catch-all for browser pages never answers under /open311.
      scope.get('/*', { schema: { hide: true } }, notFound);

      const languageOf = (request: FastifyRequest) => pickLanguage(undefined, request.headers['accept-language']);
      const offered = async () => {
        const services = await open311Services(ctx);
        if (!services) throw refused('no_published_plan', 'No services are offered: no plan has been published.', {});
        return services;
      };

      scope.get('/discovery.:format', { schema: { hide: true } }, async (request, reply) => {
        const format = formatParam(request);
        const m = portalMessages[languageOf(request)].open311;
        const { changeset } = await offered();
        const url = `${request.protocol}://${request.host}${open311Base}`;
        const endpoint = { specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset, type: 'production', formats: ['text/xml', 'application/json'] };
        const discovery = { changeset, contact: m.contact, key_service: m.keyService, endpoints: [endpoint] };
        return sendOpen311(reply, format, discovery, {
          discovery: { ...discovery, endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] } },
        });
      });

      scope.get('/services.:format', { schema: { hide: true } }, async (request, reply) => {
        const format = formatParam(request);
        const services = (await offered()).services.map((service) => serviceOf(service, languageOf(request)));
        return sendOpen311(reply, format, services, { services: { service: services } });
      });

      scope.get('/services/:file', { schema: { hide: true } }, async (request, reply) => {
        const { name, format } = fileParam(request);
        const { services } = await offered();
        if (!services.some((service) => service.code === name)) throw new DomainError('not_found', `service_code ${name} was not found.`);
        const definition = serviceDefinitionOf(name, languageOf(request));
        return sendOpen311(reply, format, definition, serviceDefinitionXml(definition));
      });

      /** Requests in the spec's fields; the caller's own requests (by api_key) with what they sent. */
      const sendRequests = async (request: FastifyRequest, reply: FastifyReply, format: Open311Format, filters: Open311Filters) => {
        const query = request.query as Params;
        const client = await clientOf(ctx, text(query, 'api_key'), false);
        const { services, acceptDays } = await offered();
        const facts = await listOpen311Requests(ctx, { filters, clientId: client?.id ?? null });
        const context = { language: languageOf(request), serviceNames: new Map(services.map((service) => [service.code, service.name])), acceptDays };
        const requests = facts.map((item) => requestOf(item, context));
        return { requests, send: () => sendOpen311(reply, format, requests, { service_requests: { request: requests } }) };
      };

      scope.get('/requests.:format', { schema: { hide: true } }, async (request, reply) => {
        const format = formatParam(request);
        const query = request.query as Params;
        const statuses = list(query, 'status');
        const unknownStatus = statuses?.find((status) => status !== 'open' && status !== 'closed');
        if (unknownStatus) throw new DomainError('validation_failed', `status "${unknownStatus}" is not open or closed.`);
        const filters: Open311Filters = {
          ...(list(query, 'service_request_id') ? { references: list(query, 'service_request_id')?.slice(0, 200) } : {}),
          ...(list(query, 'service_code') ? { serviceCodes: list(query, 'service_code') } : {}),
          ...(text(query, 'start_date') ? { start: text(query, 'start_date') } : {}),
          ...(text(query, 'end_date') ? { end: text(query, 'end_date') } : {}),
          ...(statuses ? { statuses: statuses as ('open' | 'closed')[] } : {}),
        };
        return (await sendRequests(request, reply, format, filters)).send();
      });

      scope.get('/requests/:file', { schema: { hide: true } }, async (request, reply) => {
        const { name, format } = fileParam(request);
        const found = await sendRequests(request, reply, format, { references: [name] });
        if (found.requests.length === 0) throw new DomainError('not_found', `service_request_id ${name} was not found.`);
        return found.send();
      });

      scope.get('/tokens/:file', { schema: { hide: true } }, async (request, reply) => {
        const { name, format } = fileParam(request);
        const { reference, token } = await open311Token(ctx, name);
        const item = { service_request_id: reference, token };
        return sendOpen311(reply, format, [item], { service_requests: { request: [item] } });
      });

      scope.post('/requests.:format', {
        schema: { hide: true },
        config: { rateLimit: { max: limits.submissionsPerHour, timeWindow: '1 hour' } },
        handler: async (request, reply) => {
          const format = formatParam(request);
          const body = (request.body ?? {}) as Params;
          const client = await clientOf(ctx, text(body, 'api_key'), true);
          if (!client) throw new DomainError('forbidden', 'api_key was not provided.');
          const attributes: Record<string, string> = {};
          for (const [name, value] of Object.entries(body)) {
            const code = /^attribute\[([^\]]+)\](\[\])?$/.exec(name)?.[1];
            const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
            if (code && typeof first === 'string') attributes[code] = first;
          }
          const field = (name: string) => text(body, name);
          const created = await idempotently(ctx, request, reply, `open311:${client.id}`, (key) =>
            createOpen311Request(
              ctx,
              {
                client,
            attributes,
            ...(Object.fromEntries(
              (['service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'first_name', 'last_name', 'phone', 'description', 'media_url'] as const)
                .map((name) => [name, field(name)])
                .filter(([, value]) => value !== undefined),
            ) as Record<string, string>),
              },
              key,
            ),
          );
          const m = portalMessages[languageOf(request)].open311;
          // The id is returned at once (type realtime); the token too, for clients that follow tokens.
          const item = { service_request_id: created.reference, token: created.token, service_notice: m.serviceNotice(created.acceptDays), account_id: null };
          return sendOpen311(reply, format, [item], { service_requests: { request: [item] } }, 201);
        },
      });
    },
    { prefix: open311Base },
  );
}

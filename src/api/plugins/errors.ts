import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { pointerSegments, schemaProblems, segmentsToPath } from '../../contract/problems.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}

function send(reply: FastifyReply, status: number, error: ErrorBody['error']): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send({ error });
}

interface SchemaError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { additionalProperties?: string[]; requiredProperties?: string[]; missingProperty?: string; additionalProperty?: string };
}

/** Names the field a schema error is about, in the dotted form our messages use. */
function describe(context: string | undefined, error: SchemaError): { field: string; message: string } {
  const segments = pointerSegments(error.instancePath ?? '');
  const params = error.params ?? {};
  const unknown = params.additionalProperties?.[0] ?? params.additionalProperty;
  const missing = params.requiredProperties?.[0] ?? params.missingProperty;
  if (error.keyword === 'additionalProperties' && unknown) {
    const field = segmentsToPath([...segments, unknown]);
    return { field, message: `${field}: unknown field.` };
  }
  if (error.keyword === 'required' && missing) {
    const field = segmentsToPath([...segments, missing]);
    return { field, message: `${field}: is required.` };
  }
  const field = segmentsToPath(segments) || (context ?? 'body');
  return { field, message: `${field}: ${error.message ?? 'is not valid'}.` };
}

/**
 * Errors Fastify's router raises before any route or error handler runs — a malformed URL, a path
 * segment over `maxParamLength` — answered in our shape too (pass as the `frameworkErrors` option).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, 414, { code: 'uri_too_long', message: 'A part of the URL is longer than any identifier this server gives out.' });
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return send(reply, 400, { code: 'bad_request', message: 'The URL is not valid: a part of it is not properly encoded.' });
  }
  request.log.error({ err: error }, 'request failed before routing');
  return send(reply, 500, { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' });
}

/**
 * One error handler: our error shape always, 4xx messages passed through, every 5xx hidden.
 * `page` may answer an unknown path with a page of its own (the web app's "not found").
 */
export function registerErrorHandling(
  app: FastifyInstance,
  options: { page?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null } = {},
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return send(reply, error.status, {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
        ...(error.details ? { details: error.details } : {}),
      });
    }
    if (error.validation) {
      const errors = error.validation as SchemaError[];
      // A false sub-schema only repeats what additionalProperties says; prefer the clearer one.
      const first = errors.find((item) => item.keyword !== 'boolean') ?? errors[0] ?? {};
      const { field, message } = describe(error.validationContext, first);
      // Every problem at once, each a code and its parameters, so a form marks all its fields.
      const problems = schemaProblems(errors, error.validationContext ?? 'body');
      return send(reply, 400, { code: 'validation_failed', message, field, details: { problems } });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return send(reply, 400, { code: 'invalid_json', message: 'The request body is not valid JSON.' });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, 413, { code: 'payload_too_large', message: 'The request body is too large.' });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, 415, { code: 'unsupported_media_type', message: 'Send JSON (application/json) or, for plans, YAML (application/yaml).' });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(reply, status, { code: 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' });
  });

  app.setNotFoundHandler(
    (request, reply) =>
      options.page?.(request, reply) ??
      send(reply, 404, { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` }),
  );
}

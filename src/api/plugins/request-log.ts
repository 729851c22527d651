import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';

/**
 * One debug line per answered request (method, path, status, time) instead of Fastify's two info
 * lines: at the default level a server's log holds what an operator must act on.
 */
class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    request.log.debug(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  }
}

export const requestLog = new RequestLog();

/** The server's logger: `LOG_LEVEL` (info), readable lines on a terminal and JSON lines otherwise. */
export function serverLogger(level: string, terminal: boolean): FastifyServerOptions['logger'] {
  if (!terminal) return { level };
  return { level, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } };
}

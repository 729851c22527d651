import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses every response a client accepts compressed (brotli, else gzip) once it is over 1 KB:
 * JSON, CSV, HTML, and the web app's files that were not compressed at build time. Brotli runs at
 * quality 5 here, on the fly; the build writes the hashed bundles at quality 11 (web/vite.config.ts),
 * and `@fastify/static` sends those files as they are. The live stream (`/api/v1/stream`) takes over
 * its socket, so no compressor can buffer its events.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
    // Requests come uncompressed; a compressed body would only be a way to send a zip bomb.
    globalDecompression: false,
  });
}

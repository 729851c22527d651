import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes each hashed text file of the build brotli'd and gzipped beside it (`x.js.br`, `x.js.gz`)
 * at the highest settings, once; the server sends those to clients that accept them.
 */
function precompress(): Plugin {
  return {
    name: 'redress-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      for (const name of Object.keys(bundle)) {
        if (!name.startsWith('assets/') || !/\.(js|css|svg|json|txt|map)$/.test(name)) continue;
        const path = join(outDir, name);
        const content = readFileSync(path);
        if (content.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/** The staff web app: `web/` is the Vite root; the server serves `web/dist`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // recharts alone is ~400 kB; the dashboard loads it on demand.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npm run dev:web` against a server already running on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});

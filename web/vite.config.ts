import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The staff web app: `web/` is the Vite root; the server serves `web/dist`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
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

// Vite build for the Rostra web UI: the server serves apps/web/dist, and in dev
// we proxy /api so the session cookie stays same-origin.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Which chunks each page loads: bench/first-load.ts reads it to print the bytes of the first load and of each route.
    manifest: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
});

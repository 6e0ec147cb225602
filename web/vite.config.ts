import { defineConfig } from 'vite';

// Built to web/dist, which both hosts serve (node: serveStatic; Worker: the assets binding).
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});

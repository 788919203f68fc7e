// The demo street portal (demo/), built from the workspace sources.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'demo',
  base: './',
  resolve: { conditions: ['source', 'module', 'browser', 'production', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});

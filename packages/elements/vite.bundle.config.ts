// renling.js: one self-registering file for a <script type="module"> tag, everything inlined.
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'production', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    lib: {
      entry: { renling: 'src/renling.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      output: { codeSplitting: false },
    },
  },
});

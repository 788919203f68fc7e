// renling.js: one self-registering file for a <script type="module"> tag, everything inlined.
// Built as an app entry rather than in library mode: library mode keeps whitespace in ES
// output for tree-shaking, which a file loaded whole by a script tag does not need.
import { defineConfig } from 'vite';

export default defineConfig({
  // asset URLs (the search worker) relative to renling.js, wherever a site serves it from
  base: './',
  resolve: { conditions: ['source', 'module', 'browser', 'production', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    target: 'es2022',
    modulePreload: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: { renling: 'src/renling.ts' },
      preserveEntrySignatures: 'exports-only',
      output: { codeSplitting: false, entryFileNames: '[name].js', format: 'es' },
    },
  },
});

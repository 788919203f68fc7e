// Per-component ESM entries for bundler users: Lit and @renling/core stay external
// so an application shares one copy of each.
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'production', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: {
        index: 'src/index.ts',
        'components/provider': 'src/components/provider/provider.ts',
        'components/project-card': 'src/components/project-card/project-card.ts',
        'components/need-form': 'src/components/need-form/need-form.ts',
        'components/offer-form': 'src/components/offer-form/offer-form.ts',
        'components/category-picker': 'src/components/category-picker/category-picker.ts',
        'components/area-picker': 'src/components/area-picker/area-picker.ts',
        'components/org-directory': 'src/components/org-directory/org-directory.ts',
        'components/claim-tracker': 'src/components/claim-tracker/claim-tracker.ts',
        'components/matcher': 'src/components/matcher/matcher.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit($|\/)/u, /^@lit\//u, /^@lit-labs\//u, /^@renling\/core$/u, /^valibot$/u],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    options: {
      // not the root vite.config.ts (the demo portal's): see .storybook/vite.config.ts
      builder: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) },
    },
  },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
  // the theme toolbar sets the page background; a second background picker would fight it
  features: { backgrounds: false },
  async viteFinal(viteConfig) {
    const { defaultClientConditions } = await import('vite');
    return {
      ...viteConfig,
      resolve: {
        ...viteConfig.resolve,
        // workspace packages export their TypeScript sources under "source":
        // stories run against src/, with no build of @renling/* first
        conditions: ['source', ...defaultClientConditions],
      },
      optimizeDeps: {
        ...viteConfig.optimizeDeps,
        // Storybook's renderer imports lit/directive-helpers.js, which the
        // dev-server scan misses: served raw, it loads a second lit-html next
        // to the pre-bundled one ("Multiple versions of Lit loaded").
        include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'],
      },
      oxc: {
        ...(typeof viteConfig.oxc === 'object' ? viteConfig.oxc : {}),
        // Lit's decorators as TypeScript's experimentalDecorators with
        // useDefineForClassFields: false, stated here rather than left to the
        // tsconfig lookup: Vite 8 does not lower standard decorators, and a
        // class field defined over a reactive accessor would shadow it.
        decorator: { legacy: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
        assumptions: { setPublicClassFields: true },
      },
    };
  },
};

export default config;

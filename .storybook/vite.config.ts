/**
 * Storybook's own Vite base config. Storybook's builder loads the project's
 * root vite.config.* by default; pointing it here keeps the stories
 * independent of the demo portal's build. Everything Storybook needs is set
 * in main.ts (viteFinal), so this file is intentionally empty.
 */
import { defineConfig } from 'vite';

export default defineConfig({});

import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { LOCALES, type DataAdapter, type Locale } from '@renling/core';
import { THEMES, type Theme } from '@renling/elements';
import '@renling/elements/rl-provider.js';
import '@renling/elements/rl-project-card.js';
import { storyAdapter, type RenlingParameters } from '../stories/support/data.js';
import { PAGE_BACKGROUND, PAGE_TEXT } from '../stories/support/page.js';

const isTheme = (value: unknown): value is Theme => THEMES.some((t) => t === value);
const isLocale = (value: unknown): value is Locale => LOCALES.some((l) => l === value);


function adapterFrom(parameters: Record<string, unknown>): DataAdapter | null {
  const renling = parameters['renling'] as RenlingParameters | undefined;
  return renling?.adapter === undefined ? storyAdapter : renling.adapter;
}

/**
 * Wraps every story in `<rl-provider>` with the toolbar's theme and locale,
 * on a page whose background follows the theme. The page's `lang` follows
 * the locale too, so the browser picks simplified or traditional glyphs.
 */
const withProvider: Decorator = (story, context) => {
  const theme = isTheme(context.globals['theme']) ? context.globals['theme'] : 'light';
  const locale = isLocale(context.globals['locale']) ? context.globals['locale'] : 'zh-CN';
  document.documentElement.lang = locale;
  const docs = context.viewMode === 'docs';
  if (!docs) {
    document.body.style.background = PAGE_BACKGROUND[theme];
    document.body.style.colorScheme = theme === 'dark' ? 'dark' : 'light';
  }
  return html`<rl-provider theme=${theme} locale=${locale} .adapter=${adapterFrom(context.parameters)}>
    <div
      class="rl-story-page"
      style="background: ${PAGE_BACKGROUND[theme]}; color: ${PAGE_TEXT[theme]}; padding: ${docs ? '24px' : '16px'}; ${docs
        ? 'border-radius: 4px;'
        : 'min-block-size: 100vh; box-sizing: border-box;'}"
    >
      ${story()}
    </div>
  </rl-provider>`;
};

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Renling theme (rl-provider theme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'elder', title: 'Elder (large text, high contrast)', icon: 'accessibility' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Renling locale (rl-provider locale)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'zh-CN', title: '简体中文 (zh-CN)', right: 'zh-CN' },
          { value: 'zh-TW', title: '繁體中文 (zh-TW)', right: 'zh-TW' },
          { value: 'en', title: 'English (en)', right: 'en' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {
    theme: 'light',
    locale: 'zh-CN',
  },
  decorators: [withProvider],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    options: {
      storySort: { order: ['Introduction', 'Theming', 'Components'] },
    },
  },
};

export default preview;

/**
 * Localization (@lit/localize, runtime mode). Source strings are zh-CN;
 * zh-TW and en come from xliff/ through `npm run localize`.
 *
 * Runtime mode keeps one active locale per copy of the kit: the provider's
 * `locale` attribute sets it, otherwise the page's `lang` decides and is
 * watched, so a portal's language switch re-renders every component.
 */
import { configureLocalization } from '@lit/localize';
import type { Locale } from '@renling/core';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';
import * as zhTW from './generated/zh-TW.js';
import * as en from './generated/en.js';

// Static imports: the one-file bundle must not fetch locale chunks.
const modules = { 'zh-TW': zhTW, en } as const;

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => Promise.resolve(modules[locale as keyof typeof modules]),
});

/** Maps any BCP 47 tag a page may carry to a supported locale. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const t = (tag ?? '').trim().toLowerCase();
  if (t.startsWith('en')) return 'en';
  if (/^zh-(?:tw|hk|mo|hant)/u.test(t)) return 'zh-TW';
  return 'zh-CN';
}

let explicit: Locale | null = null;
let observer: MutationObserver | null = null;

function followPageLanguage(): void {
  if (observer || typeof document === 'undefined') return;
  observer = new MutationObserver(() => {
    if (!explicit) void setLocale(resolveLocale(document.documentElement.lang));
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  void setLocale(resolveLocale(document.documentElement.lang));
}

/** Called by every element on connect: without a provider the page's `lang` decides. */
export function ensureLocalization(): void {
  followPageLanguage();
}

/** Called by `<rl-provider locale>`; `null` hands the choice back to the page's `lang`. */
export function useLocale(locale: Locale | null): Promise<void> {
  explicit = locale;
  followPageLanguage();
  return setLocale(locale ?? resolveLocale(document.documentElement.lang));
}

export function currentLocale(): Locale {
  return resolveLocale(getLocale());
}

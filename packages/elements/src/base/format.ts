/** Display formatting through Intl, cached per locale (formatters are costly to build). */
import type { Locale } from '@renling/core';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** ¥12.5万 in Chinese, CN¥125K in English: budgets are read at a glance, not to the fen. */
export function formatMoney(yuan: number, locale: Locale): string {
  return cached(`money:${locale}`, () =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 1 }),
  ).format(yuan);
}

/** An exact amount a resident pays: ¥10, ¥12.50. */
export function formatPrice(yuan: number, locale: Locale): string {
  return cached(`price:${locale}`, () =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 0, maximumFractionDigits: 2 }),
  ).format(yuan);
}

export function formatNumber(n: number, locale: Locale): string {
  return cached(`num:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

export function formatPercent(ratio: number, locale: Locale): string {
  return cached(`pct:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(ratio);
}

function parseDate(iso: string): Date {
  // a bare date is a calendar day in China, not UTC midnight
  return new Date(/^\d{4}-\d{2}-\d{2}$/u.test(iso) ? `${iso}T00:00:00+08:00` : iso);
}

const dateOptions: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' };

export function formatDate(iso: string, locale: Locale): string {
  return cached(`date:${locale}`, () => new Intl.DateTimeFormat(locale, dateOptions)).format(parseDate(iso));
}

/**
 * 2026年3月1日至2026年12月31日. Written out rather than with formatRange,
 * which falls back to 2026/3/1 – 2026/12/31 in Chinese.
 */
export function formatDateRange(start: string, end: string, locale: Locale): string {
  const separator = locale === 'en' ? ' – ' : '至';
  return `${formatDate(start, locale)}${separator}${formatDate(end, locale)}`;
}

/** 138 1234 5678 for a mainland mobile, so it is read out in the usual groups; other numbers as given. */
export function readablePhone(phone: string): string {
  const digits = phone.replace(/\D/gu, '');
  return /^1\d{10}$/u.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}` : phone;
}

/** A `tel:` link target: digits and a leading + only. */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/gu, '')}`;

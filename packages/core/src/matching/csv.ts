/**
 * CSV export of allocations and gap reports, for the spreadsheets streets
 * hand on (Excel, WPS).
 */
import { LOCALES } from '../model.js';
import type { Locale, Organization, PublicNeed, ServiceOffer } from '../model.js';
import type { AreaTree } from '../areas.js';
import { categoryLabel } from '../taxonomy.js';
import { lookupFunction } from './prepare.js';
import { matchReasonText } from './scoring.js';
import type { Allocation, AllocationLookups, GapReport, MatchScore, MissReason } from './types.js';

/** A cell a spreadsheet would run as a formula (CSV injection): =, +, -, @, and tab or CR before them. */
const FORMULA_START = /^[=+\-@\t\r]/u;
const NEEDS_QUOTES = /[",\r\n]/u;

function csvCell(cell: string | number | null, row: number, column: number): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`CSV cell at row ${row + 1}, column ${column + 1} is not a finite number`);
    return String(cell);
  }
  if (typeof cell !== 'string') throw new TypeError(`CSV cell at row ${row + 1}, column ${column + 1} must be a string, a number or null`);
  // a leading apostrophe makes the spreadsheet show the text instead of evaluating it
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/**
 * Rows as CSV text (RFC 4180: fields with commas, quotes or line breaks are
 * quoted, quotes doubled, CRLF after every row), starting with the UTF-8
 * byte order mark so Excel reads the Chinese correctly. Text cells starting
 * with = + - @ get a leading apostrophe so they are never run as formulas;
 * numbers are written as numbers.
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  if (!Array.isArray(rows)) throw new TypeError('toCsv needs an array of rows');
  let out = '\uFEFF';
  rows.forEach((row, r) => {
    if (!Array.isArray(row)) throw new TypeError(`CSV row ${r + 1} must be an array`);
    out += `${row.map((cell: string | number | null, c) => csvCell(cell, r, c)).join(',')}\r\n`;
  });
  return out;
}

type Texts = readonly [zhCN: string, zhTW: string, en: string];
const at = (texts: Texts, locale: Locale): string => texts[LOCALES.indexOf(locale)] ?? texts[0];
const checkLocale = (locale: Locale): void => {
  if (!LOCALES.includes(locale)) throw new RangeError(`Unknown locale ${JSON.stringify(locale)}; expected one of ${LOCALES.join(', ')}`);
};

const ALLOCATION_HEADER: readonly Texts[] = [
  ['需求编号', '需求編號', 'Tracking number'],
  ['需求', '需求', 'Need'],
  ['需求类别', '需求類別', 'Need category'],
  ['需求区域代码', '需求區域代碼', 'Need area code'],
  ['结果', '結果', 'Result'],
  ['服务', '服務', 'Service'],
  ['服务类别', '服務類別', 'Service category'],
  ['社会组织', '社會組織', 'Organization'],
  ['得分', '得分', 'Score'],
  ['理由', '理由', 'Reasons'],
];
const MATCHED: Texts = ['已匹配', '已媒合', 'Matched'];
const UNMATCHED: Texts = ['未匹配', '未媒合', 'Not matched'];
const NEAREST: Texts = ['最接近', '最接近', 'Nearest'];
const WHY_TEXT: Readonly<Record<MissReason, Texts>> = {
  full: ['名额已满', '名額已滿', 'no places left'],
  'below-threshold': ['得分低于门槛', '得分低於門檻', 'score below the threshold'],
  ineligible: ['不符合条件', '不符合條件', 'not eligible'],
  taken: ['名额已分给其他需求', '名額已分給其他需求', 'places went to other needs'],
};

/** The three strongest reasons of a score, as text. */
function reasonsText(score: MatchScore, locale: Locale): string {
  return [...score.parts]
    .filter((p) => p.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 3)
    .map((p) => matchReasonText(p.reason, locale))
    .join(locale === 'en' ? '; ' : '；');
}

/**
 * An allocation as CSV, one row per open need in need-id order: matched
 * needs with their offer, organization, score and main reasons; unmatched
 * needs with their nearest miss and why it missed. Ids the lookups do not
 * know are written as the ids.
 */
export function allocationCsv(allocation: Allocation, lookups: AllocationLookups, locale: Locale): string {
  checkLocale(locale);
  if (typeof allocation !== 'object' || allocation === null || !Array.isArray(allocation.pairs) || !Array.isArray(allocation.unmatched)) {
    throw new TypeError('allocationCsv needs an allocation from allocate()');
  }
  const need = lookupFunction<PublicNeed>(lookups.needs, 'needs');
  const offer = lookupFunction<ServiceOffer>(lookups.offers, 'offers');
  const organization = lookupFunction<Organization>(lookups.organizations, 'organizations');
  const needCells = (id: string): (string | number | null)[] => {
    const n = need(id);
    return n === undefined ? [id, null, null, null] : [n.trackingNumber, n.title, categoryLabel(n.categoryCode, locale), n.areaCode];
  };
  const offerCells = (id: string): (string | null)[] => {
    const o = offer(id);
    if (o === undefined) return [id, null, null];
    return [o.title, categoryLabel(o.categoryCode, locale), organization(o.organizationId)?.name ?? o.organizationId];
  };

  const rows: { needId: string; cells: (string | number | null)[] }[] = [];
  for (const pair of allocation.pairs) {
    rows.push({
      needId: pair.needId,
      cells: [...needCells(pair.needId), at(MATCHED, locale), ...offerCells(pair.offerId), pair.score.total, reasonsText(pair.score, locale)],
    });
  }
  for (const miss of allocation.unmatched) {
    const nearest = miss.nearestMisses[0];
    const note = nearest === undefined ? null : `${at(NEAREST, locale)}${locale === 'en' ? ': ' : '：'}${offer(nearest.offerId)?.title ?? nearest.offerId}（${at(WHY_TEXT[nearest.why], locale)}）`;
    rows.push({
      needId: miss.needId,
      cells: [...needCells(miss.needId), at(UNMATCHED, locale), null, null, null, nearest?.score.total ?? null, note],
    });
  }
  rows.sort((a, b) => (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0));
  return toCsv([ALLOCATION_HEADER.map((h) => at(h, locale)), ...rows.map((r) => r.cells)]);
}

const GAP_HEADER: readonly Texts[] = [
  ['类别', '類別', 'Category'],
  ['区域', '區域', 'Area'],
  ['区域代码', '區域代碼', 'Area code'],
  ['待满足需求', '待滿足需求', 'Open needs'],
  ['涉及人数', '涉及人數', 'People concerned'],
  ['空余名额', '空餘名額', 'Free places'],
  ['缺口', '缺口', 'Gap'],
];
const TOTAL: Texts = ['合计', '合計', 'Total'];

/**
 * A gap report as CSV, one row per cell and a total row; area names come
 * from `areas` when given (the code is always in its own column).
 */
export function gapReportCsv(report: GapReport, locale: Locale, areas?: AreaTree): string {
  checkLocale(locale);
  if (typeof report !== 'object' || report === null || !Array.isArray(report.cells)) throw new TypeError('gapReportCsv needs a report from gapReport()');
  const rows: (string | number | null)[][] = [GAP_HEADER.map((h) => at(h, locale))];
  for (const c of report.cells) {
    rows.push([categoryLabel(c.categoryCode, locale), areas?.label(c.areaCode, locale) ?? c.areaCode, c.areaCode, c.openNeeds, c.beneficiaries, c.freePlaces, c.gap]);
  }
  const t = report.totals;
  rows.push([at(TOTAL, locale), null, null, t.openNeeds, t.beneficiaries, t.freePlaces, t.gap]);
  return toCsv(rows);
}

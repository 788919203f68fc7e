/**
 * `gapReport`: open needs against free places by category × area, so a
 * street or district sees where demand exceeds supply and where to
 * incubate or purchase services (孵化培育, 政府购买服务).
 */
import { AREA_LEVELS, capacityLeft } from '../model.js';
import type { PublicNeed, ServiceOffer } from '../model.js';
import { coarsenArea } from '../areas.js';
import { taxonomy, topLevelCode } from '../taxonomy.js';
import { checkList, prepareNeed, prepareOffer, resolveContext } from './prepare.js';
import type { GapCell, GapReport, GapReportOptions } from './types.js';

const LEVEL_LENGTH = { district: 6, street: 9, community: 12 } as const;

/** Taxonomy order: each top level followed by its items. */
const CATEGORY_ORDER: ReadonlyMap<string, number> = new Map(
  taxonomy.flatMap((top) => [top.code, ...top.children.map((c) => c.code)]).map((code, i) => [code, i]),
);

const cellKey = (category: string, area: string): string => `${category} ${area}`;

/**
 * Splits `total` whole places over weights by largest remainder; ties go to
 * the earlier entry, so the split is the same on every run.
 */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const out = shares.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    out[i] = (out[i] as number) + 1;
    rest--;
  }
  return out;
}

/**
 * Open needs (each asking for one place) against free places of available
 * offers (open, in their dates, places left), by category (top level or
 * item) × area (district, street or community).
 *
 * An offer's places are counted once. An offer serving an area at or below
 * the report's level counts in that area. An offer serving a wider area
 * (a district-wide service in a street report) is shared among the areas
 * below it that have open needs in its category, in proportion to what
 * those areas still lack after more local offers were counted (local
 * offers are counted first); with no needs there, its places stay in a
 * row of their own under the wider area's code. So cells add up to the
 * totals, and `gap` reads as "needs no nearby place is left for".
 */
export function gapReport(needs: readonly PublicNeed[], offers: readonly ServiceOffer[], options: GapReportOptions = {}): GapReport {
  checkList(needs, 'gapReport needs an array of needs');
  checkList(offers, 'gapReport needs an array of offers');
  const areaLevel = options.areaLevel ?? 'street';
  const categoryLevel = options.categoryLevel ?? 'top';
  if (!(areaLevel in LEVEL_LENGTH)) throw new RangeError(`areaLevel must be one of ${AREA_LEVELS.slice(0, 3).join(', ')}, got ${JSON.stringify(areaLevel)}`);
  if (categoryLevel !== 'top' && categoryLevel !== 'item') throw new RangeError(`categoryLevel must be 'top' or 'item', got ${JSON.stringify(categoryLevel)}`);
  const levelLength = LEVEL_LENGTH[areaLevel];
  const env = resolveContext({ organizations: new Map(), ...(options.now === undefined ? {} : { now: options.now }) });
  const categoryOf = (code: string): string => (categoryLevel === 'top' ? topLevelCode(code) : code);

  const cells = new Map<string, GapCell>();
  const cell = (category: string, area: string): GapCell => {
    const key = cellKey(category, area);
    let c = cells.get(key);
    if (c === undefined) {
      c = { categoryCode: category, areaCode: area, openNeeds: 0, beneficiaries: 0, freePlaces: 0, gap: 0 };
      cells.set(key, c);
    }
    return c;
  };

  // demand, and the demand areas of each category under each district for wide offers to find
  const demandAreas = new Map<string, Set<string>>();
  for (const need of needs) {
    const pn = prepareNeed(need);
    if (!pn.open) continue;
    const category = categoryOf(pn.item);
    const area = coarsenArea(pn.areaCode, areaLevel);
    const c = cell(category, area);
    c.openNeeds++;
    c.beneficiaries += need.beneficiaries;
    const key = cellKey(category, area.slice(0, 6));
    const set = demandAreas.get(key);
    if (set) set.add(area);
    else demandAreas.set(key, new Set([area]));
  }

  // supply: local offers first, then ever wider ones, each in id order
  const supply = offers
    .map((offer) => prepareOffer(offer, env))
    .filter((po) => po.unavailable === 0)
    .map((po) => ({ po, widest: Math.min(...po.areaCodes.map((c) => c.length)) }))
    .sort((a, b) => b.widest - a.widest || (a.po.id < b.po.id ? -1 : a.po.id > b.po.id ? 1 : 0));
  for (const { po } of supply) {
    const category = categoryOf(po.item);
    const reach = new Set<string>();
    for (const code of po.areaCodes) {
      if (code.length >= levelLength) {
        reach.add(code.slice(0, levelLength));
        continue;
      }
      const below = [...(demandAreas.get(cellKey(category, code.slice(0, 6))) ?? [])].filter((a) => a.startsWith(code));
      if (below.length === 0) reach.add(code);
      else for (const a of below) reach.add(a);
    }
    const targets = [...reach].sort();
    const shortfall = targets.map((a) => {
      const c = cells.get(cellKey(category, a));
      return c === undefined ? 0 : Math.max(0, c.openNeeds - c.freePlaces);
    });
    const demand = targets.map((a) => cells.get(cellKey(category, a))?.openNeeds ?? 0);
    const weights = shortfall.some((s) => s > 0) ? shortfall : demand;
    const split = apportion(capacityLeft(po.offer), weights);
    targets.forEach((a, i) => {
      const places = split[i] as number;
      if (places > 0) cell(category, a).freePlaces += places;
    });
  }

  const list = [...cells.values()]
    .filter((c) => c.openNeeds > 0 || c.freePlaces > 0)
    .sort(
      (a, b) =>
        (CATEGORY_ORDER.get(a.categoryCode) ?? 0) - (CATEGORY_ORDER.get(b.categoryCode) ?? 0) ||
        (a.areaCode < b.areaCode ? -1 : a.areaCode > b.areaCode ? 1 : 0),
    );
  const totals = { openNeeds: 0, beneficiaries: 0, freePlaces: 0, gap: 0 };
  for (const c of list) {
    c.gap = c.openNeeds - c.freePlaces;
    totals.openNeeds += c.openNeeds;
    totals.beneficiaries += c.beneficiaries;
    totals.freePlaces += c.freePlaces;
  }
  totals.gap = totals.openNeeds - totals.freePlaces;
  return {
    cells: list,
    categories: [...new Set(list.map((c) => c.categoryCode))],
    areas: [...new Set(list.map((c) => c.areaCode))].sort(),
    totals,
  };
}

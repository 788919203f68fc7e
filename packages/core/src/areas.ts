/**
 * Area codes and the area tree.
 *
 * Codes nest by prefix (district 6 digits, street 9, community 12, grid 15),
 * so level, parent and containment follow from the string alone. That keeps
 * the hot checks (is this need inside the organization's service area?) free
 * of any lookup, and lets a widget filter data for areas it has no names for.
 */
import type { Area, AreaLevel, Locale } from './model.js';

const CODE_LENGTH: Readonly<Record<AreaLevel, number>> = {
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
};

const LEVEL_BY_LENGTH: ReadonlyMap<number, AreaLevel> = new Map(
  Object.entries(CODE_LENGTH).map(([level, length]) => [length, level as AreaLevel]),
);

// Same rule as AreaCode in model.ts; repeated as a plain regex so these
// helpers stay usable without pulling valibot into the caller's bundle.
const AREA_CODE_RE = /^\d{6}(?:\d{3}){0,3}$/u;

function checkedLevel(code: string): AreaLevel | undefined {
  return AREA_CODE_RE.test(code) ? LEVEL_BY_LENGTH.get(code.length) : undefined;
}

/** The level a code denotes. Throws a TypeError for a malformed code. */
export function areaLevel(code: string): AreaLevel {
  const level = checkedLevel(code);
  if (level === undefined) throw new TypeError(`Malformed area code: ${JSON.stringify(code)}`);
  return level;
}

/** The enclosing area's code, or null for a district (the top of our tree). */
export function parentAreaCode(code: string): string | null {
  return areaLevel(code) === 'district' ? null : code.slice(0, -3);
}

/**
 * True when `code` is `ancestor` or lies inside it. Malformed input gives
 * false rather than throwing: this runs inside filters over imported data,
 * where one bad row should drop out, not break the whole list.
 */
export function isWithinArea(code: string, ancestor: string): boolean {
  if (checkedLevel(code) === undefined || checkedLevel(ancestor) === undefined) return false;
  return code.startsWith(ancestor);
}

/**
 * Cuts a code to a coarser level, e.g. to aggregate grids by community for
 * the supply-demand gap view. A code already at or above `level` comes back
 * unchanged, so it can be applied to mixed-level data.
 */
export function coarsenArea(code: string, level: AreaLevel): string {
  areaLevel(code);
  return code.slice(0, CODE_LENGTH[level]);
}

export interface DistrictInfo {
  code: string;
  name: string;
  nameEn: string;
  city: string;
}

/**
 * Real GB/T 2260 districts: all of Shanghai plus the districts of the other
 * seed reports (Nantong's Tongzhou, Changchun's Nanguan), so demos and
 * fixtures use codes a reviewer can check.
 */
export const REAL_DISTRICTS: readonly DistrictInfo[] = Object.freeze(
  (
    [
      ['310101', '黄浦区', 'Huangpu District', '上海市'],
      ['310104', '徐汇区', 'Xuhui District', '上海市'],
      ['310105', '长宁区', 'Changning District', '上海市'],
      ['310106', '静安区', "Jing'an District", '上海市'],
      ['310107', '普陀区', 'Putuo District', '上海市'],
      ['310109', '虹口区', 'Hongkou District', '上海市'],
      ['310110', '杨浦区', 'Yangpu District', '上海市'],
      ['310112', '闵行区', 'Minhang District', '上海市'],
      ['310113', '宝山区', 'Baoshan District', '上海市'],
      ['310114', '嘉定区', 'Jiading District', '上海市'],
      ['310115', '浦东新区', 'Pudong New Area', '上海市'],
      ['310116', '金山区', 'Jinshan District', '上海市'],
      ['310117', '松江区', 'Songjiang District', '上海市'],
      ['310118', '青浦区', 'Qingpu District', '上海市'],
      ['310120', '奉贤区', 'Fengxian District', '上海市'],
      ['310151', '崇明区', 'Chongming District', '上海市'],
      ['320612', '通州区', 'Tongzhou District', '南通市'],
      ['220102', '南关区', 'Nanguan District', '长春市'],
    ] as const
  ).map(([code, name, nameEn, city]) => Object.freeze({ code, name, nameEn, city })),
);

const CHANGNING = '310105';

function area(code: string, name: string, nameEn: string): Area {
  return { code, level: areaLevel(code), name, nameEn, parentCode: parentAreaCode(code) };
}

/** The ten streets and towns of 长宁区 (real 9-digit township codes). */
export const CHANGNING_STREETS: readonly Area[] = Object.freeze(
  (
    [
      ['310105001', '华阳路街道', 'Huayanglu Subdistrict'],
      ['310105002', '江苏路街道', 'Jiangsulu Subdistrict'],
      ['310105004', '新华路街道', 'Xinhualu Subdistrict'],
      ['310105005', '周家桥街道', 'Zhoujiaqiao Subdistrict'],
      ['310105006', '天山路街道', 'Tianshanlu Subdistrict'],
      ['310105008', '仙霞新村街道', 'Xianxiaxincun Subdistrict'],
      ['310105009', '虹桥街道', 'Hongqiao Subdistrict'],
      ['310105010', '程家桥街道', 'Chengjiaqiao Subdistrict'],
      ['310105011', '北新泾街道', 'Beixinjing Subdistrict'],
      ['310105102', '新泾镇', 'Xinjing Town'],
    ] as const
  ).map(([code, name, nameEn]) => Object.freeze(area(code, name, nameEn))),
);

export interface AreaTree {
  get(code: string): Area | undefined;
  /** Children sorted by code; `null` gives the roots (areas whose parent is not in the tree). */
  children(code: string | null): readonly Area[];
  /** From the top-most known ancestor (the district, in a full tree) down to the area; empty if unknown. */
  path(code: string): Area[];
  /** The path's names joined, e.g. `长宁区 华阳路街道 飞乐居委会`; the code itself if unknown. */
  label(code: string, locale: Locale): string;
  readonly all: readonly Area[];
}

const byCode = (a: Area, b: Area): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Indexes a list of areas for pickers and breadcrumbs. The list may be a
 * slice (one street and below): areas whose parent is missing become roots.
 * Inconsistent data (duplicate codes, a level or parent that contradicts the
 * code) throws here, once, instead of producing a tree that disagrees with
 * the prefix helpers above.
 */
export function createAreaTree(areas: readonly Area[]): AreaTree {
  const sorted = [...areas].sort(byCode);
  const index = new Map<string, Area>();
  for (const a of sorted) {
    if (index.has(a.code)) throw new TypeError(`Duplicate area code: ${a.code}`);
    if (areaLevel(a.code) !== a.level) throw new TypeError(`Area ${a.code} has level ${a.level}, its code says ${areaLevel(a.code)}`);
    if (a.parentCode !== null && a.parentCode !== parentAreaCode(a.code)) {
      throw new TypeError(`Area ${a.code} names ${a.parentCode} as parent, its code says ${String(parentAreaCode(a.code))}`);
    }
    index.set(a.code, a);
  }

  const ROOT = '';
  const childrenOf = new Map<string, Area[]>();
  for (const a of sorted) {
    const key = a.parentCode !== null && index.has(a.parentCode) ? a.parentCode : ROOT;
    const list = childrenOf.get(key);
    if (list) list.push(a);
    else childrenOf.set(key, [a]);
  }

  const path = (code: string): Area[] => {
    const out: Area[] = [];
    for (let a = index.get(code); a; a = a.parentCode === null ? undefined : index.get(a.parentCode)) out.unshift(a);
    return out;
  };

  return {
    get: (code) => index.get(code),
    children: (code) => childrenOf.get(code ?? ROOT) ?? [],
    path,
    label(code, locale) {
      const p = path(code);
      if (p.length === 0) return code;
      // Area names are proper nouns, not translated; zh-TW shows them as written.
      return locale === 'en' ? p.map((a) => a.nameEn ?? a.name).join(', ') : p.map((a) => a.name).join(' ');
    },
    all: sorted,
  };
}

const ORDINALS = ['一', '二', '三', '四'] as const;

// Residents' committees of the demo street and how many grids each has.
// Names follow real 华阳路街道 neighbourhoods; the 12-digit codes are
// numbered in order for the demo and are not the official statistical codes.
const HUAYANG_COMMITTEES = [
  ['飞乐居委会', "Feile Residents' Committee", 3],
  ['长宁支路居委会', "Changning Zhilu Residents' Committee", 2],
  ['大西别墅居委会', "Daxi Bieshu Residents' Committee", 3],
  ['西一居委会', "Xiyi Residents' Committee", 4],
  ['华一居委会', "Huayi Residents' Committee", 3],
  ['秀水居委会', "Xiushui Residents' Committee", 2],
  ['姚家角居委会', "Yaojiajiao Residents' Committee", 3],
  ['陶家宅居委会', "Taojiazhai Residents' Committee", 4],
  ['华院居委会', "Huayuan Residents' Committee", 2],
  ['利西居委会', "Lixi Residents' Committee", 3],
] as const;

/**
 * The demo street's tree: 长宁区 > 华阳路街道 > ten residents' committees >
 * two to four grids each. Fixed, so stories, fixtures and screenshots stay
 * stable. Returns fresh objects on every call; callers may mutate them.
 */
export function demoStreetAreas(): Area[] {
  const street = '310105001';
  const out: Area[] = [area(CHANGNING, '长宁区', 'Changning District'), area(street, '华阳路街道', 'Huayanglu Subdistrict')];
  HUAYANG_COMMITTEES.forEach(([name, nameEn, grids], i) => {
    const community = street + String(i + 1).padStart(3, '0');
    out.push(area(community, name, nameEn));
    for (let g = 0; g < grids; g++) {
      out.push(area(community + String(g + 1).padStart(3, '0'), `第${ORDINALS[g] ?? String(g + 1)}网格`, `Grid ${g + 1}`));
    }
  });
  return out;
}

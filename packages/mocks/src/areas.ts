/**
 * The area tree a dataset lives in: the demo street for small datasets, or a
 * real-looking tree over Shanghai's real districts for city-scale ones.
 */
import { CHANGNING_STREETS, REAL_DISTRICTS, demoStreetAreas } from '@renling/core';
import type { Area } from '@renling/core';
import {
  COMMUNITY_ROOTS,
  PLACE_ROOTS,
  STREET_PATTERNS,
  TOWN_PATTERN,
  URBAN_COMMUNITY_SUFFIXES,
  VILLAGE_SUFFIXES,
  chineseNumber,
  romanize,
} from './names.js';
import type { Rng } from './random.js';

/** About this many organizations per district (Changning: 568 + 180 + 1,370). */
export const ORGS_PER_DISTRICT = 2200;
/** Up to this many organizations fit in the one demo street. */
export const STREET_SCALE_MAX = 200;

const CHANGNING = '310105';
const DEMO_STREET = '310105001';

/** Share of towns (镇) among a district's townships, and of villages among a town's communities. */
function ruralShare(districtCode: string): { towns: number; villages: number } {
  const n = Number(districtCode.slice(4));
  if (n <= 10) return { towns: 0.08, villages: 0 }; // central districts: streets
  if (n <= 15) return { towns: 0.5, villages: 0.25 }; // 闵行 宝山 嘉定 浦东
  return { towns: 0.85, villages: 0.6 }; // 金山 松江 青浦 奉贤 崇明
}

const pad3 = (n: number): string => String(n).padStart(3, '0');

function make(code: string, level: Area['level'], name: string, nameEn: string, parentCode: string | null): Area {
  return { code, level, name, nameEn, parentCode };
}

function gridsOf(out: Area[], community: string, count: number): void {
  for (let g = 1; g <= count; g++) {
    out.push(make(community + pad3(g), 'grid', `第${chineseNumber(g)}网格`, `Grid ${g}`, community));
  }
}

/** 10–20 residents' committees (and, in towns, villages) under a street, 2–5 grids each. */
function communitiesOf(rng: Rng, out: Area[], street: string, isTown: boolean, villageShare: number): void {
  const count = rng.int(10, 20);
  const used = new Set<string>();
  let committeeNo = 0;
  let villageNo = 200;
  for (let i = 0; i < count; i++) {
    const village = isTown && rng.chance(villageShare);
    let name = '';
    let root = '';
    let suffix = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      root = rng.pick(COMMUNITY_ROOTS);
      suffix = village ? rng.pick(VILLAGE_SUFFIXES) : rng.pick(URBAN_COMMUNITY_SUFFIXES);
      name = root + suffix;
      if (!used.has(name)) break;
    }
    if (used.has(name)) {
      suffix = village ? `${chineseNumber(i + 1)}村` : `第${chineseNumber(i + 1)}居委会`;
      name = root + suffix;
    }
    used.add(name);
    // statistical division codes: residents' committees 001–199, villages 200–399
    // (numbers skip now and then, as after a merger of two committees)
    if (village) villageNo += 1;
    else committeeNo += rng.chance(0.1) ? 2 : 1;
    const code = street + pad3(village ? villageNo : committeeNo);
    const core = romanize(root + (village ? suffix.replace(/村$/u, '') : suffix.replace('居委会', '')));
    const nameEn = village ? `${core} Village` : `${core} Residents' Committee`;
    out.push(make(code, 'community', name, nameEn, street));
    gridsOf(out, code, rng.int(2, 5));
  }
}

/**
 * A tree over `districtCount` real Shanghai districts (Changning first), each
 * with 8–15 streets and towns whose names are made from place-name roots,
 * 10–20 communities per street and 2–5 grids per community.
 */
export function generateAreaTree(rng: Rng, districtCount: number): Area[] {
  const shanghai = REAL_DISTRICTS.filter((d) => d.city === '上海市');
  const ordered = [...shanghai.filter((d) => d.code === CHANGNING), ...shanghai.filter((d) => d.code !== CHANGNING)];
  const districts = ordered.slice(0, Math.max(1, Math.min(districtCount, ordered.length)));
  const usedRoots = new Set<string>(['华阳', '江苏', '新华', '周家', '天山', '仙霞', '虹桥', '程家', '北新', '新泾']);
  const out: Area[] = [];
  for (const d of districts) {
    out.push(make(d.code, 'district', d.name, d.nameEn, null));
    if (d.code === CHANGNING) {
      // the real ten streets and towns; the demo street keeps its fixed communities
      for (const street of CHANGNING_STREETS) {
        out.push({ ...street });
        if (street.code === DEMO_STREET) {
          for (const a of demoStreetAreas()) if (a.code.length > 9) out.push(a);
        } else {
          communitiesOf(rng, out, street.code, street.code.charAt(6) === '1', 0);
        }
      }
      continue;
    }
    const share = ruralShare(d.code);
    const count = rng.int(8, 15);
    let streetNo = 0;
    let townNo = 100;
    for (let i = 0; i < count; i++) {
      let root = rng.pick(PLACE_ROOTS);
      for (let attempt = 0; attempt < 30 && usedRoots.has(root); attempt++) root = rng.pick(PLACE_ROOTS);
      if (usedRoots.has(root)) continue;
      usedRoots.add(root);
      const town = rng.chance(share.towns);
      const name = town ? TOWN_PATTERN(root) : rng.pick(STREET_PATTERNS)(root);
      // GB/T 2260 township codes: subdistricts 001–099, towns 100–199
      const code = d.code + pad3(town ? ++townNo : ++streetNo);
      const core = romanize(name.replace(/(街道|镇)$/u, ''));
      out.push(make(code, 'street', name, town ? `${core} Town` : `${core} Subdistrict`, d.code));
      communitiesOf(rng, out, code, town, share.villages);
    }
  }
  return out;
}

/** The demo street (长宁区 > 华阳路街道) for small datasets, a city-scale tree for large ones. */
export function datasetAreas(rng: Rng, organizations: number): Area[] {
  if (organizations <= STREET_SCALE_MAX) return demoStreetAreas();
  return generateAreaTree(rng, Math.ceil(organizations / ORGS_PER_DISTRICT));
}

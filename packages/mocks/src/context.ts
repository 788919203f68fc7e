/**
 * Lookups over the dataset's area tree, built once per dataset, and the
 * per-organization facts the later stages (offers, claims, projects) need.
 */
import { REAL_DISTRICTS } from '@renling/core';
import type { Area, Organization } from '@renling/core';
import type { TopCode } from './catalog.js';
import { PLACE_ROOTS, ROAD_ROOTS } from './names.js';
import type { Rng } from './random.js';

export interface AreaIndex {
  readonly areas: readonly Area[];
  readonly byCode: ReadonlyMap<string, Area>;
  /** Districts that have at least one street with a community (derived from codes if not listed). */
  readonly districtCodes: readonly string[];
  /** Streets that have at least one community. */
  readonly streets: readonly Area[];
  readonly streetsOf: ReadonlyMap<string, readonly Area[]>;
  readonly communities: readonly Area[];
  readonly communitiesOf: ReadonlyMap<string, readonly Area[]>;
  readonly communitiesOfDistrict: ReadonlyMap<string, readonly Area[]>;
  readonly gridsOf: ReadonlyMap<string, readonly Area[]>;
  /** Road-name roots for addresses, per district. */
  readonly roadRoots: ReadonlyMap<string, readonly string[]>;
}

const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function indexAreas(rng: Rng, areas: readonly Area[]): AreaIndex {
  const byCode = new Map<string, Area>();
  for (const a of areas) byCode.set(a.code, a);
  const communitiesOf = new Map<string, Area[]>();
  const gridsOf = new Map<string, Area[]>();
  const communities: Area[] = [];
  for (const a of areas) {
    if (a.level === 'community' && byCode.has(a.code.slice(0, 9))) {
      communities.push(a);
      push(communitiesOf, a.code.slice(0, 9), a);
    } else if (a.level === 'grid') {
      push(gridsOf, a.code.slice(0, 12), a);
    }
  }
  const streets: Area[] = [];
  const streetsOf = new Map<string, Area[]>();
  const communitiesOfDistrict = new Map<string, Area[]>();
  for (const a of areas) {
    if (a.level !== 'street' || !communitiesOf.has(a.code)) continue;
    streets.push(a);
    push(streetsOf, a.code.slice(0, 6), a);
    for (const c of communitiesOf.get(a.code) ?? []) push(communitiesOfDistrict, a.code.slice(0, 6), c);
  }
  if (streets.length === 0) throw new RangeError('generateDataset: the areas need at least one street with a community');
  const districtCodes = [...streetsOf.keys()];

  const roadRoots = new Map<string, readonly string[]>();
  for (const d of districtCodes) {
    if (d === '310105') {
      roadRoots.set(d, ROAD_ROOTS);
      continue;
    }
    const own = (streetsOf.get(d) ?? []).map((s) => s.name.replace(/(新村街道|路街道|街道|镇)$/u, '')).filter((r) => r.length > 0);
    roadRoots.set(d, [...own, ...rng.sample(PLACE_ROOTS, 12)]);
  }
  return { areas, byCode, districtCodes, streets, streetsOf, communities, communitiesOf, communitiesOfDistrict, gridsOf, roadRoots };
}

/** The district's name: from the tree, else from the real list, else empty. */
export function districtName(index: AreaIndex, code: string): string {
  return index.byCode.get(code)?.name ?? REAL_DISTRICTS.find((d) => d.code === code)?.name ?? '';
}

/** Where an organization sits and works, and what it does, for the later stages. */
export interface OrgFacts {
  readonly org: Organization;
  readonly district: string;
  readonly street: Area;
  readonly community: Area | null;
  readonly tops: readonly TopCode[];
  /** Offer ids, in order. */
  readonly offerIds: string[];
  readonly offerTops: TopCode[];
}

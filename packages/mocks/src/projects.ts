/**
 * Projects (公益项目): matched work under a title, each run by one
 * organization, funded from one of the six sources, with the needs and claims
 * it grew from.
 */
import { categoryLabel } from '@renling/core';
import type { Claim, FundingSource, Project, ProjectStatus } from '@renling/core';
import { categorySpec, resolveItem } from './catalog.js';
import type { TopCode } from './catalog.js';
import type { AreaIndex, OrgFacts } from './context.js';
import { districtName } from './context.js';
import { BASE_MS, DAY, MINUTE, isoDate, isoTimestamp } from './dates.js';
import type { Rng } from './random.js';

const SOURCES: readonly FundingSource[] = ['gov-purchase', 'venture-philanthropy', 'lottery-fund', 'community-fund', 'donation', 'self'];
const SOURCE_WEIGHTS = [36, 20, 8, 16, 12, 8] as const;
const STATUSES: readonly ProjectStatus[] = ['planned', 'active', 'completed', 'suspended'];
const STATUS_WEIGHTS = [14, 44, 34, 8] as const;

/** Budget range in yuan per source. */
const BUDGET: Readonly<Record<FundingSource, readonly [number, number]>> = {
  'gov-purchase': [50_000, 800_000],
  'venture-philanthropy': [20_000, 200_000],
  'lottery-fund': [50_000, 300_000],
  'community-fund': [5_000, 50_000],
  donation: [10_000, 200_000],
  self: [2_000, 30_000],
};
const SOURCE_TEXT: Readonly<Record<FundingSource, string>> = {
  'gov-purchase': '项目经费来自街道政府购买服务。',
  'venture-philanthropy': '项目在区公益创投大赛中立项。',
  'lottery-fund': '项目获得彩票公益金资助。',
  'community-fund': '项目由社区基金会资助。',
  donation: '项目资金来自辖区企业和居民捐赠。',
  self: '项目资金由机构自筹。',
};

const TYPE_WEIGHT: Readonly<Record<string, number>> = {
  association: 1,
  'social-service-agency': 1,
  foundation: 1,
  'volunteer-studio': 0.35,
  'community-team': 0.12,
  'stationed-unit': 0.2,
};

const LIVE: ReadonlySet<Claim['state']> = new Set(['accepted', 'in-progress', 'completed', 'rated']);

export function generateProjects(
  rng: Rng,
  index: AreaIndex,
  facts: readonly OrgFacts[],
  claims: readonly Claim[],
  count: number,
): Project[] {
  if (facts.length === 0) return [];
  const claimsByOrg = new Map<string, Claim[]>();
  for (const c of claims) {
    if (!LIVE.has(c.state)) continue;
    const list = claimsByOrg.get(c.organizationId);
    if (list) list.push(c);
    else claimsByOrg.set(c.organizationId, [c]);
  }
  const sources = rng.shuffle([...SOURCES]);
  const statuses = rng.shuffle([...STATUSES]);
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    // the first projects carry the sources every dataset shows; registered organizations run those
    const strict = sources.length > 0;
    let f = rng.pick(facts);
    for (let attempt = 0; attempt < (strict ? 400 : 20); attempt++) {
      const w = TYPE_WEIGHT[f.org.type] ?? 1;
      if (strict ? w === 1 : rng.chance(w)) break;
      f = rng.pick(facts);
    }
    const top: TopCode = f.offerTops.length > 0 ? rng.pick(f.offerTops) : (f.tops[0] as TopCode);
    const [stem, item] = rng.pick(categorySpec(top).projects);
    const teamLike = f.org.type === 'community-team' || f.org.type === 'volunteer-studio';
    const fundingSource =
      sources.pop() ??
      (teamLike
        ? rng.weighted(['community-fund', 'self', 'venture-philanthropy'] as const, [5, 3, 2])
        : rng.weighted(SOURCES, SOURCE_WEIGHTS));
    const status = statuses.pop() ?? rng.weighted(STATUSES, STATUS_WEIGHTS);

    const place = f.community?.name ?? (f.org.serviceAreaCodes.some((c) => c.length === 6) ? districtName(index, f.district) : f.street.name);
    const year = status === 'completed' ? '2025' : '2026';
    const title = rng.chance(0.3) ? `${year}年度${place}${stem}` : `${place}${stem}`;

    const [lo, hi] = BUDGET[fundingSource];
    const budget = Math.max(2000, Math.round((lo + rng.next() * rng.next() * (hi - lo)) / 1000) * 1000);
    const planned = Math.max(20, Math.round(budget / rng.int(60, 250)));

    let startMs: number;
    let endMs: number;
    let served: number;
    let satisfaction: number | null;
    switch (status) {
      case 'planned':
        startMs = BASE_MS + rng.int(10, 90) * DAY;
        endMs = startMs + rng.pick([180, 365]) * DAY - DAY;
        served = 0;
        satisfaction = null;
        break;
      case 'active': {
        // some just started, some well under way
        const elapsed = rng.chance(0.25) ? rng.int(3, 30) : rng.int(31, 300);
        startMs = BASE_MS - elapsed * DAY;
        endMs = startMs + 365 * DAY - DAY;
        served = Math.round(planned * (elapsed / 365) * rng.around(1, 0.3, 0.2, 1.8));
        satisfaction = elapsed < 60 || rng.chance(0.3) ? null : Math.round(rng.around(92, 5, 78, 99.5) * 10) / 10;
        break;
      }
      case 'completed':
        startMs = BASE_MS - rng.int(400, 720) * DAY;
        endMs = Math.min(BASE_MS - DAY, startMs + 365 * DAY - DAY);
        // some exceed the plan, as the reports like to say
        served = Math.round(planned * rng.around(1.05, 0.25, 0.7, 1.5));
        satisfaction = rng.chance(0.1) ? null : Math.round(rng.around(93, 4, 82, 99.8) * 10) / 10;
        break;
      case 'suspended': {
        const elapsed = rng.int(60, 300);
        startMs = BASE_MS - elapsed * DAY;
        endMs = startMs + 365 * DAY - DAY;
        served = Math.round(planned * (elapsed / 365) * rng.around(0.5, 0.25, 0.05, 1));
        satisfaction = rng.chance(0.5) ? null : Math.round(rng.around(80, 6, 60, 92) * 10) / 10;
        break;
      }
    }

    const own = claimsByOrg.get(f.org.id) ?? [];
    const related = status === 'planned' ? [] : own.slice(0, 20);
    const needIds = [...new Set(related.flatMap((c) => (c.needId === null ? [] : [c.needId])))];
    const categoryCode = resolveItem(top, item);
    const field = categoryLabel(categoryCode, 'zh-CN');
    const summary = `由${f.org.name}实施，在${place}围绕${field}开展服务，计划服务${planned}人次。${SOURCE_TEXT[fundingSource]}`;

    projects.push({
      id: `project-${String(i + 1).padStart(5, '0')}`,
      title: [...title].length > 80 ? [...title].slice(0, 80).join('') : title,
      summary,
      organizationId: f.org.id,
      categoryCode,
      areaCode: rng.pick(f.org.serviceAreaCodes),
      fundingSource,
      budget,
      period: { start: isoDate(startMs), end: isoDate(endMs) },
      beneficiaries: { served: Math.max(0, served), planned },
      satisfaction,
      status,
      needIds,
      claimIds: related.map((c) => c.id),
      updatedAt: isoTimestamp(Math.min(BASE_MS - MINUTE, Math.max(startMs, BASE_MS - 120 * DAY) + rng.int(0, 100) * DAY)),
    });
  }
  return projects;
}

/**
 * Needs (需求清单): what residents, grid workers and committees submit, at
 * community or grid level, with a private contact and the consent record.
 */
import type { Audience, HealthInfo, IntakeChannel, Need, NeedSubject, Urgency } from '@renling/core';
import { CATALOG, categorySpec, resolveItem } from './catalog.js';
import type { TopCode } from './catalog.js';
import type { AreaIndex } from './context.js';
import { BASE_MS, DAY, MINUTE, compactDate, isoTimestamp } from './dates.js';
import { landline, mobile, personName, streetAddress } from './names.js';
import type { Rng } from './random.js';

/** Where demand concentrates (elderly care first, as every seed report says). */
const DEMAND: readonly (readonly [TopCode, number])[] = [
  ['elderly', 22], ['housing-property', 10], ['children-youth', 9], ['mediation', 8], ['health', 8],
  ['convenience', 6], ['disability', 5], ['poverty-relief', 5], ['safety', 5], ['environment', 5],
  ['legal-aid', 4], ['culture-sports', 4], ['education', 4], ['family-women', 3], ['mental-health', 3],
  ['employment', 3], ['self-governance', 3], ['special-groups', 2], ['volunteering', 1], ['enterprise', 1],
];
const DEMAND_TOPS = DEMAND.map(([t]) => t);
const DEMAND_WEIGHTS = DEMAND.map(([, w]) => w);

/** Fields whose needs concern a building or a whole compound rather than one household. */
const COLLECTIVE: ReadonlySet<TopCode> = new Set([
  'environment', 'safety', 'housing-property', 'self-governance', 'culture-sports', 'enterprise', 'volunteering',
]);

/** Items whose subject is a child under 14. */
const CHILD_ITEMS = /\.(after-school|holiday-programmes|migrant-children|child-protection)$/u;

const CONDITIONS: Readonly<Partial<Record<TopCode, readonly string[]>>> = {
  elderly: ['高血压、冠心病', '二型糖尿病，规律服药', '轻度认知障碍', '脑梗后遗症，左侧肢体活动不便', '骨质疏松，曾跌倒骨折', '慢性阻塞性肺病'],
  disability: ['肢体残疾二级', '视力残疾一级', '智力残疾三级', '听力残疾二级，佩戴助听器', '脊髓损伤，下肢瘫痪'],
  health: ['高血压', '二型糖尿病，需胰岛素注射', '慢性肾病三期', '腰椎间盘突出', '类风湿性关节炎'],
  'mental-health': ['抑郁状态，正在门诊治疗', '焦虑症，睡眠障碍', '丧亲后持续情绪低落'],
  'special-groups': ['精神分裂症，病情稳定，规律服药', '双相情感障碍', '戒毒康复期'],
  'poverty-relief': ['肺癌术后化疗中', '尿毒症，每周透析三次', '乳腺癌术后康复期'],
};

const CHANNEL_NOTE: Readonly<Record<IntakeChannel, readonly string[]>> = {
  self: ['', '本人通过社区网站提交。', '家属在线上帮忙填写。'],
  'grid-worker': ['网格员上门走访时了解到该情况。', '楼组长反映后，网格员上门核实。'],
  hotline: ['市民热线转办。', '通过12345热线反映。'],
  committee: ['居委会在楼组长会议上收集。', '居民议事会上多位居民提出。'],
};

const PREFERRED_TIMES = ['', '', '工作日上午', '工作日下午', '周末', '晚上六点以后', '每周一次即可', '越快越好'] as const;

/** Tracking numbers: RL-date-6 characters, a scrambled counter so they are unique but not sequential. */
function trackingSuffix(n: number, offset: number): string {
  const m = 36 ** 6;
  // 1103515249 is coprime with 36, so n ↦ (n·a + b) mod 36⁶ is one-to-one
  const x = (((n * 1103515249) % m) + offset) % m;
  return x.toString(36).toUpperCase().padStart(6, '0');
}

export function generateNeeds(rng: Rng, index: AreaIndex, count: number): Need[] {
  const needs: Need[] = [];
  const offset = rng.int(0, 36 ** 6 - 1);
  for (let i = 0; i < count; i++) {
    const top = rng.weighted(DEMAND_TOPS, DEMAND_WEIGHTS);
    const spec = categorySpec(top);
    const [title, item, text] = rng.pick(spec.needs);
    const categoryCode = resolveItem(top, item);
    const community = rng.pick(index.communities);
    const grids = index.gridsOf.get(community.code);
    const areaCode = grids !== undefined && grids.length > 0 && rng.chance(0.6) ? rng.pick(grids).code : community.code;
    const district = community.code.slice(0, 6);

    const collective = COLLECTIVE.has(top);
    const child = CHILD_ITEMS.test(categoryCode);
    const channel: IntakeChannel = collective
      ? rng.weighted(['self', 'grid-worker', 'hotline', 'committee'] as const, [0.2, 0.3, 0.15, 0.35])
      : rng.weighted(['self', 'grid-worker', 'hotline', 'committee'] as const, [0.38, 0.36, 0.14, 0.12]);
    const forWhom: NeedSubject = collective
      ? 'resident'
      : top === 'children-youth'
        ? channel === 'self' || rng.chance(0.7) ? 'family' : 'resident'
        : channel === 'self'
          ? rng.weighted(['self', 'family'] as const, [0.6, 0.4])
          : rng.weighted(['self', 'family', 'resident'] as const, [0.35, 0.3, 0.35]);
    const beneficiaries = collective ? rng.int(6, 240) : rng.chance(0.18) ? 2 : rng.chance(0.05) ? rng.int(3, 5) : 1;
    const urgency: Urgency = rng.weighted(['low', 'normal', 'high', 'critical'] as const, [0.2, 0.55, 0.2, 0.05]);

    const audiences: Audience[] = [spec.audiences[0] as Audience];
    if (child && !audiences.includes('children')) audiences.push('children');
    if (rng.chance(0.25)) {
      const extra = rng.pick(spec.audiences);
      if (!audiences.includes(extra)) audiences.push(extra);
    }

    const conditions = CONDITIONS[top];
    const healthConsent = spec.healthRelated && forWhom !== 'resident' && rng.chance(0.45);
    const health: HealthInfo | undefined =
      healthConsent && conditions !== undefined && rng.chance(0.85)
        ? {
            conditions: rng.pick(conditions),
            mobility: rng.weighted(['independent', 'assisted', 'bedridden'] as const, [0.45, 0.4, 0.15]),
          }
        : undefined;
    const minor = child && forWhom !== 'self';

    const createdMs = BASE_MS - rng.int(1, 300) * DAY + rng.int(8 * 60, 20 * 60) * MINUTE;
    const createdAt = isoTimestamp(createdMs);
    const updatedMs = Math.min(BASE_MS - MINUTE, createdMs + rng.int(0, 3) * DAY + rng.int(5, 600) * MINUTE);

    const village = community.name.endsWith('村');
    const address = village
      ? `${community.name}${rng.int(1, 12)}组${rng.int(1, 80)}号`
      : streetAddress(rng, index.roadRoots.get(district) ?? []);

    needs.push({
      id: `need-${String(i + 1).padStart(6, '0')}`,
      trackingNumber: `RL-${compactDate(createdMs)}-${trackingSuffix(i + 1, offset)}`,
      title,
      description: text + rng.pick(CHANNEL_NOTE[channel]),
      categoryCode,
      audiences,
      areaCode,
      urgency,
      preferredTime: rng.pick(PREFERRED_TIMES),
      channel,
      forWhom,
      status: rng.weighted(['submitted', 'verified', 'published', 'closed'] as const, [0.07, 0.08, 0.81, 0.04]),
      beneficiaries,
      createdAt,
      updatedAt: isoTimestamp(updatedMs),
      contact: {
        name: personName(rng),
        phone: rng.chance(0.85) ? mobile(rng) : landline(rng),
        address,
      },
      consent: { textVersion: '2026-11', givenAt: createdAt, personalInfo: true, health: healthConsent, guardian: minor },
      ...(health === undefined ? {} : { health }),
      minor,
    });
  }
  return needs;
}

const TOPS: ReadonlySet<string> = new Set(CATALOG.map((c) => c.top));

/** The top-level field of a category code, for matching needs with organizations. */
export const topOf = (categoryCode: string): TopCode => {
  const top = categoryCode.split('.')[0] ?? '';
  return (TOPS.has(top) ? top : 'elderly') as TopCode;
};

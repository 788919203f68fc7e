/**
 * Service offers (服务清单): 1–5 per organization, in the organization's
 * fields, within its service area (and so its district).
 */
import type { Area, Audience, CapacityPeriod, Cost, Schedule, ServiceMode, ServiceOffer } from '@renling/core';
import { categorySpec, resolveItem } from './catalog.js';
import type { OfferTemplate, TopCode } from './catalog.js';
import type { AreaIndex } from './context.js';
import { BASE_MS, DAY, MINUTE, isoDate, isoTimestamp } from './dates.js';
import { SURNAMES, landline, mobile, personName } from './names.js';
import type { Rng } from './random.js';

/** 1–5 offers, mean ≈ 2.9. */
const OFFER_COUNTS = [1, 2, 3, 4, 5] as const;
const OFFER_COUNT_WEIGHTS = [0.12, 0.25, 0.31, 0.19, 0.13] as const;

export const drawOfferCount = (rng: Rng): number => rng.weighted(OFFER_COUNTS, OFFER_COUNT_WEIGHTS);

const WEEKDAY_ZH = ['', '一', '二', '三', '四', '五', '六', '日'] as const;
const MORNING = ['上午 8:30–11:00', '上午 9:00–11:30', '上午 9:30–11:00'] as const;
const AFTERNOON = ['下午 13:30–16:00', '下午 14:00–16:30', '下午 14:00–16:00'] as const;
const EVENING = ['晚上 18:30–20:30', '晚上 19:00–21:00'] as const;

function partOfDay(rng: Rng): string {
  const r = rng.next();
  return r < 0.5 ? rng.pick(MORNING) : r < 0.9 ? rng.pick(AFTERNOON) : rng.pick(EVENING);
}

/** The schedule as people write it on a notice board, with the ISO weekdays it names. */
function drawSchedule(rng: Rng, title: string, item: string, period: CapacityPeriod, modes: readonly ServiceMode[]): Schedule {
  if (item.endsWith('.meals')) return { text: '每天中午 11:00–12:30', weekdays: [1, 2, 3, 4, 5, 6, 7] };
  if (item.endsWith('.holiday-programmes')) return { text: '暑假期间工作日 8:30–17:00', weekdays: [1, 2, 3, 4, 5] };
  if (item.endsWith('.after-school')) return { text: '工作日下午 15:30–18:00', weekdays: [1, 2, 3, 4, 5] };
  if (item.endsWith('.patrol')) return { text: '每天晚上 19:00–21:00，两班轮换', weekdays: [1, 2, 3, 4, 5, 6, 7] };
  if (title.includes('晨练')) return { text: '每天早上 6:30–7:30', weekdays: [1, 2, 3, 4, 5, 6, 7] };
  if (item.endsWith('.crisis')) return { text: '全天 24 小时接听', weekdays: [1, 2, 3, 4, 5, 6, 7] };
  if (modes.length === 1 && modes[0] === 'home-visit' && rng.chance(0.5)) {
    return { text: '电话预约，上门时间另行商定', weekdays: [] };
  }
  switch (period) {
    case 'day':
      return rng.chance(0.5)
        ? { text: `工作日${partOfDay(rng)}`, weekdays: [1, 2, 3, 4, 5] }
        : { text: `每天${partOfDay(rng)}`, weekdays: [1, 2, 3, 4, 5, 6, 7] };
    case 'week': {
      if (rng.chance(0.35)) {
        const [a, b] = rng.sample([1, 2, 3, 4, 5, 6], 2).sort((x, y) => x - y) as [number, number];
        return { text: `每周${WEEKDAY_ZH[a]}、周${WEEKDAY_ZH[b]}${partOfDay(rng)}`, weekdays: [a, b] };
      }
      const d = rng.int(1, 7);
      return { text: `每周${WEEKDAY_ZH[d]}${partOfDay(rng)}`, weekdays: [d] };
    }
    case 'month': {
      const d = rng.pick([2, 3, 4, 5, 6, 6, 6, 7]);
      const n = rng.int(1, 4);
      return rng.chance(0.7)
        ? { text: `每月第${WEEKDAY_ZH[n]}个周${WEEKDAY_ZH[d]}${partOfDay(rng)}`, weekdays: [d] }
        : { text: `每月${rng.int(1, 28)}日${partOfDay(rng)}（节假日顺延）`, weekdays: [] };
    }
    case 'year':
      return { text: `每年寒暑假期间，工作日${partOfDay(rng)}`, weekdays: [1, 2, 3, 4, 5] };
    case 'once': {
      const ms = BASE_MS + rng.int(3, 40) * DAY;
      const day = new Date(ms + 8 * 60 * MINUTE).getUTCDay();
      const iso = day === 0 ? 7 : day;
      const date = isoDate(ms);
      return {
        text: `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（周${WEEKDAY_ZH[iso]}）${partOfDay(rng)}`,
        weekdays: [iso],
      };
    }
  }
}

function drawCost(rng: Rng, item: string): Cost {
  if (item.endsWith('.meals')) return { kind: 'subsidized', amount: rng.pick([10, 12, 13, 15]) };
  if (item.endsWith('.housekeeping')) return { kind: 'paid', amount: rng.pick([40, 45, 50, 60]) };
  if (item.endsWith('.home-care') || item.endsWith('.long-term-care') || item.endsWith('.day-care')) {
    return rng.chance(0.6) ? { kind: 'subsidized', amount: rng.pick([5, 10, 15, 20, 30]) } : { kind: 'free' };
  }
  const r = rng.next();
  if (r < 0.78) return { kind: 'free' };
  if (r < 0.91) return { kind: 'subsidized', amount: rng.pick([5, 8, 10, 15, 20]) };
  return { kind: 'paid', amount: rng.pick([20, 30, 50, 80, 100, 150]) };
}

const costText = (cost: Cost): string =>
  cost.kind === 'free'
    ? '服务免费。'
    : cost.kind === 'subsidized'
      ? `居民自付${cost.amount ?? 0}元/次，其余部分由街道补贴。`
      : `收费${cost.amount ?? 0}元/次，困难家庭可申请减免。`;

const SIGN_UP = [
  '名额有限，请提前电话预约。',
  '可在居委会登记或通过社区公众号报名。',
  '欢迎居民带家属一同参加。',
  '首次参加请携带身份证或社保卡。',
  '行动不便的居民可由网格员代为预约。',
  '',
] as const;

function drawAudiences(rng: Rng, pool: readonly Audience[]): Audience[] {
  const first = rng.chance(0.7) ? (pool[0] as Audience) : rng.pick(pool);
  if (pool.length > 1 && rng.chance(0.4)) {
    const second = rng.pick(pool);
    if (second !== first) return [first, second];
  }
  return [first];
}

function drawModes(rng: Rng, pool: readonly ServiceMode[], item: string): ServiceMode[] {
  const first = rng.chance(0.75) ? (pool[0] as ServiceMode) : rng.pick(pool);
  const modes: ServiceMode[] = [first];
  if (pool.length > 1 && rng.chance(0.3)) {
    const second = rng.pick(pool);
    if (second !== first) modes.push(second);
  }
  const advisory = /counselling|consultation|stress|crisis|parenting|job-matching/u.test(item);
  if (advisory && !modes.includes('online') && rng.chance(0.3)) modes.push('online');
  return modes;
}

function drawPeriod(rng: Rng, title: string, item: string, fallback: CapacityPeriod): CapacityPeriod {
  if (item.endsWith('.meals') || item.endsWith('.day-care') || item.endsWith('.patrol')) return 'day';
  if (item.endsWith('.holiday-programmes')) return rng.chance(0.5) ? 'year' : 'week';
  if (/讲座|招聘会|体验|义诊/u.test(title) && rng.chance(0.5)) return 'once';
  return fallback;
}

/** Narrows an area to some of its children (a street to communities, a district to streets). */
function narrow(rng: Rng, index: AreaIndex, code: string): string[] {
  const children = code.length === 6 ? index.streetsOf.get(code) : code.length === 9 ? index.communitiesOf.get(code) : undefined;
  if (children === undefined || children.length === 0) return [code];
  return rng
    .sample(children, rng.int(1, Math.min(3, children.length)))
    .map((a) => a.code)
    .sort();
}

type Activity = readonly [suffix: string, detail: string];
const JOIN: Activity = ['招新', '面向社区居民招收新队员，零基础也可参加，由老队员结对带教。'];
const TEACH: Activity = ['公益教学', '队里骨干每周免费教授基本功，欢迎居民跟学。'];
const WEEKEND: Activity = ['周末活动', '周末在小区花园或居委会活动室集体活动，欢迎居民观摩、加入。'];
const KIDS: Activity = ['暑期少儿兴趣班', '暑假期间为社区孩子开设兴趣班，由队员轮流授课。'];
const SHOW: Activity = ['公益演出', '在社区文化节、重阳敬老等活动中为居民义务演出。'];
const VISIT: Activity = ['进楼组展演', '走进楼组、养老院为老人展演，丰富老人的精神生活。'];
const MATCH: Activity = ['友谊赛', '与周边社区的队伍定期举办友谊赛，以赛会友。'];
const EXHIBIT: Activity = ['作品展', '每年举办队员作品展，优秀作品赠送给社区孤老。'];

/** What an activity team (太极拳队, 合唱团) offers: itself, by the kind of activity. */
const TEAM_ACTIVITIES: Readonly<Record<string, readonly Activity[]>> = {
  'peking-opera': [JOIN, SHOW, VISIT, WEEKEND, KIDS],
  'dance-choir': [JOIN, SHOW, VISIT, WEEKEND, KIDS],
  'martial-arts': [JOIN, TEACH, MATCH, WEEKEND, KIDS],
  fitness: [JOIN, TEACH, MATCH, WEEKEND, KIDS],
  calligraphy: [JOIN, TEACH, EXHIBIT, WEEKEND, KIDS],
  handicraft: [JOIN, TEACH, EXHIBIT, WEEKEND, KIDS],
};

export interface OfferOwner {
  readonly id: string;
  /** An activity team's own name word (太极拳队): its offers are its activities. */
  readonly teamWord: string | null;
  readonly tops: readonly TopCode[];
  /** The taxonomy item an organization focuses on (martial-arts for a 太极拳队, calligraphy for a 书法家协会). */
  readonly teamItem: string | null;
  readonly serviceAreaCodes: readonly string[];
  readonly community: Area | null;
  readonly street: Area;
  readonly phone: string;
}

export interface OfferDraft {
  readonly offer: ServiceOffer;
  readonly top: TopCode;
}

/** Offers for one organization; fewer than `count` when its fields run out of distinct titles. */
export function makeOffers(rng: Rng, index: AreaIndex, owner: OfferOwner, count: number, nextId: () => string): OfferDraft[] {
  const out: OfferDraft[] = [];
  const titles = new Set<string>();
  for (let i = 0; i < count; i++) {
    const top = i === 0 || owner.tops.length === 1 || rng.chance(0.6) ? (owner.tops[0] as TopCode) : rng.pick(owner.tops);
    const spec = categorySpec(top);
    let template: OfferTemplate | undefined;
    const activities = owner.teamWord !== null && owner.teamItem !== null ? TEAM_ACTIVITIES[owner.teamItem] : undefined;
    if (activities !== undefined && owner.teamWord !== null && owner.teamItem !== null && top === 'culture-sports') {
      for (let attempt = 0; attempt < 8 && (template === undefined || titles.has(template[0])); attempt++) {
        const [suffix, detail] = i === 0 ? JOIN : rng.pick(activities);
        template = [owner.teamWord + suffix, owner.teamItem, owner.teamWord + detail];
      }
    } else if (owner.teamItem !== null && top === owner.tops[0] && (i === 0 || rng.chance(0.5))) {
      // an organization with a focus (书法家协会, 居家养老服务中心) offers that first
      const focused = spec.offers.filter((t) => t[1] === owner.teamItem && !titles.has(t[0]));
      if (focused.length > 0) template = rng.pick(focused);
    }
    for (let attempt = 0; attempt < 8 && (template === undefined || titles.has(template[0])); attempt++) {
      template = rng.pick(spec.offers);
    }
    if (template === undefined || titles.has(template[0])) continue;
    const [title, itemName, detail] = template;
    titles.add(title);
    const categoryCode = resolveItem(top, itemName);

    const areaChoice = rng.sample(owner.serviceAreaCodes, rng.int(1, owner.serviceAreaCodes.length)).sort();
    const serviceAreaCodes =
      areaChoice.length === 1 && rng.chance(0.3) ? narrow(rng, index, areaChoice[0] as string) : areaChoice;

    const modes = drawModes(rng, spec.modes, categoryCode);
    const period = drawPeriod(rng, title, categoryCode, spec.period);
    const [lo, hi] = spec.capacity;
    const perPeriod = period === 'day' ? rng.int(8, 40) : period === 'once' ? rng.int(20, 80) : rng.int(lo, hi);
    const full = rng.chance(0.15);
    const used = full ? perPeriod : rng.int(0, perPeriod - 1);
    const schedule = drawSchedule(rng, title, categoryCode, period, modes);
    const cost = drawCost(rng, categoryCode);

    const validFromMs = BASE_MS - rng.int(20, 540) * DAY;
    const validToMs = validFromMs + rng.pick([180, 365, 365, 365, 730]) * DAY - DAY;
    const expired = validToMs < BASE_MS;
    const status = expired ? 'closed' : rng.weighted(['open', 'paused', 'closed'] as const, [0.86, 0.08, 0.06]);
    const updatedMs = Math.min(BASE_MS - MINUTE, validFromMs + rng.int(0, 200) * DAY + rng.int(0, 600) * MINUTE);

    const place = owner.community?.name ?? owner.street.name;
    const where = modes.includes('on-site') && rng.chance(0.5) ? `服务地点：${place}活动室。` : '';
    const contactName = rng.chance(0.5) ? `${rng.pick(SURNAMES)}${rng.pick(['老师', '社工', '老师'] as const)}` : personName(rng);
    const phone = rng.chance(0.5) ? owner.phone : rng.chance(0.7) ? mobile(rng) : landline(rng);

    out.push({
      top,
      offer: {
        id: nextId(),
        organizationId: owner.id,
        categoryCode,
        title,
        description: detail + where + costText(cost) + rng.pick(SIGN_UP),
        audiences: drawAudiences(rng, spec.audiences),
        serviceAreaCodes,
        capacity: { perPeriod, period, used },
        schedule,
        modes,
        cost,
        validFrom: isoDate(validFromMs),
        validTo: isoDate(validToMs),
        status,
        contact: { name: contactName, phone },
        updatedAt: isoTimestamp(updatedMs),
      },
    });
  }
  return out;
}

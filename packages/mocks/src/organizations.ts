/**
 * Organizations (社会组织) with the shares the Shanghai seeds report:
 * associations a third of the registered, social-service agencies two
 * thirds, few foundations, about two filed community teams per registered
 * organization, volunteer studios and stationed units beside them.
 */
import { categoryLabel } from '@renling/core';
import type { Area, Organization, OrganizationType, Rating, Registration } from '@renling/core';
import { CATALOG, categorySpec } from './catalog.js';
import type { TopCode } from './catalog.js';
import type { AreaIndex, OrgFacts } from './context.js';
import { districtName } from './context.js';
import { BASE_MS, DAY, MINUTE, isoDate, isoTimestamp } from './dates.js';
import { BRANDS, COMMUNITY_ROOTS, chineseNumber, landline, mobile, personName, streetAddress } from './names.js';
import { drawOfferCount, makeOffers } from './offers.js';
import type { OfferDraft } from './offers.js';
import type { Rng } from './random.js';

// Shanghai 2014: 3,853 associations, 7,905 agencies, 166 foundations, ~22,800
// filed teams; Changning: 180 volunteer studios per 568 registered.
const TYPES: readonly OrganizationType[] = [
  'association',
  'social-service-agency',
  'foundation',
  'community-team',
  'volunteer-studio',
  'stationed-unit',
];
const TYPE_WEIGHTS = [0.094, 0.19, 0.006, 0.575, 0.088, 0.047] as const;

const AUDIENCE_ZH: Readonly<Record<string, string>> = {
  elderly: '老年人',
  disabled: '残疾人',
  children: '少年儿童',
  youth: '青少年',
  women: '妇女',
  families: '家庭',
  migrants: '来沪人员',
  'low-income': '困难群众',
  enterprises: '辖区企业',
  'all-residents': '社区居民',
};

/** Which fields a social-work agency or brand-named organization works in, by frequency. */
const AGENCY_TOPS: readonly TopCode[] = [
  'elderly', 'elderly', 'elderly', 'elderly', 'children-youth', 'children-youth', 'disability', 'disability',
  'family-women', 'health', 'mental-health', 'mental-health', 'special-groups', 'special-groups', 'legal-aid',
  'mediation', 'employment', 'poverty-relief', 'education', 'self-governance', 'housing-property', 'environment',
];

type Scope = 'city' | 'district' | 'street' | 'community';

interface NameDraft {
  name: string;
  tops: TopCode[];
  /** The taxonomy item it focuses on, if its name says (太极拳队 → martial-arts). */
  teamItem: string | null;
  /** The team's own word (太极拳队) for its activity offers. */
  teamWord: string | null;
  scope: Scope;
  /** A social-work agency (社工机构) has more certified social workers. */
  socialWork: boolean;
  leader: string | null;
}

interface Place {
  district: string;
  districtName: string;
  street: Area;
  community: Area;
}

const draft = (name: string, tops: TopCode[], scope: Scope, extra: Partial<NameDraft> = {}): NameDraft => ({
  name,
  tops,
  teamItem: null,
  teamWord: null,
  scope,
  socialWork: false,
  leader: null,
  ...extra,
});

/** [name word, field, focus item] */
type Named = readonly [word: string, top: TopCode, item?: string];

const STREET_ASSOCIATIONS: readonly Named[] = [
  ['社会组织联合会', 'volunteering'], ['老年协会', 'elderly', 'empty-nester'], ['文化体育协会', 'culture-sports'],
  ['志愿者协会', 'volunteering', 'recruitment'], ['社区发展协会', 'self-governance'], ['睦邻互助会', 'elderly', 'empty-nester'],
  ['书画协会', 'culture-sports', 'calligraphy'], ['体育健身协会', 'culture-sports', 'fitness'], ['人民调解协会', 'mediation', 'neighbour'],
  ['慈善帮困协会', 'poverty-relief', 'pairing'], ['企业联合会', 'enterprise', 'mutual-aid'], ['商会', 'enterprise', 'small-business'],
];
const DISTRICT_ASSOCIATIONS: readonly Named[] = [
  ['书法家协会', 'culture-sports', 'calligraphy'], ['摄影家协会', 'culture-sports'], ['太极拳协会', 'culture-sports', 'martial-arts'],
  ['武术协会', 'culture-sports', 'martial-arts'], ['戏曲协会', 'culture-sports', 'peking-opera'], ['健身气功协会', 'culture-sports', 'fitness'],
  ['心理咨询师协会', 'mental-health', 'counselling'], ['社会工作者协会', 'volunteering', 'skilled'], ['志愿者协会', 'volunteering', 'recruitment'],
  ['老年体育协会', 'culture-sports', 'fitness'], ['关心下一代协会', 'children-youth', 'youth-affairs'], ['残疾人康复协会', 'disability', 'rehabilitation'],
  ['家庭教育研究会', 'family-women', 'parenting'], ['社区教育协会', 'education'], ['老年协会', 'elderly', 'empty-nester'],
  ['人民调解协会', 'mediation', 'neighbour'], ['垃圾分类促进会', 'environment', 'waste-sorting'], ['物业管理行业协会', 'housing-property', 'old-compound'],
  ['禁毒协会', 'safety', 'anti-drug'], ['民营企业协会', 'enterprise', 'small-business'], ['养老服务行业协会', 'elderly', 'home-care'],
  ['慈善协会', 'poverty-relief', 'charity-supermarket'], ['红十字会志愿服务总队', 'health', 'health-promotion'], ['法律服务促进会', 'legal-aid', 'consultation'],
];
const ASSOCIATION_SUFFIXES = ['促进会', '研究会', '联谊会', '协会'] as const;

const STREET_AGENCIES: readonly Named[] = [
  ['社区服务社', 'convenience'], ['综合协管服务社', 'safety', 'patrol'], ['居家养老服务中心', 'elderly', 'home-care'],
  ['残疾人服务社', 'disability', 'rehabilitation'], ['社区文化活动中心', 'culture-sports'], ['社区体育俱乐部', 'culture-sports', 'fitness'],
  ['老年日间照料中心', 'elderly', 'day-care'], ['社区生活服务中心', 'convenience'], ['社区家庭文明指导中心', 'family-women', 'parenting'],
  ['青少年活动中心', 'children-youth', 'after-school'], ['睦邻中心', 'self-governance', 'neighbourhood-events'], ['社会组织服务中心', 'volunteering'],
  ['长者照护之家', 'elderly', 'long-term-care'], ['阳光之家', 'disability', 'sheltered-work'], ['阳光心园', 'special-groups', 'severe-mental-illness'],
  ['社区学校', 'education', 'seniors-university'], ['人民调解服务中心', 'mediation', 'neighbour'], ['物业服务中心', 'housing-property', 'old-compound'],
];

const FOUNDATION_TOPS: readonly TopCode[] = ['poverty-relief', 'elderly', 'children-youth', 'education', 'disability', 'health'];

const COMPANY_BRANDS = [
  '华信', '恒通', '申达', '锦程', '中联', '宏达', '博远', '鑫源', '众诚', '联创', '新宇', '天盛', '华腾', '凯越',
  '星辰', '瑞丰', '嘉禾', '永安', '龙城', '申通达', '沪联', '东湖', '欣旺', '启迪', '景行', '德润', '佳信', '海纳',
] as const;
const COMPANY_INDUSTRIES: readonly (readonly [string, TopCode])[] = [
  ['科技有限公司', 'enterprise'], ['信息技术有限公司', 'employment'], ['餐饮管理有限公司', 'enterprise'],
  ['商贸有限公司', 'volunteering'], ['文化传播有限公司', 'culture-sports'], ['建设工程有限公司', 'housing-property'],
  ['电子商务有限公司', 'employment'], ['物业管理有限公司', 'housing-property'], ['家政服务有限公司', 'convenience'],
];
const BANKS = ['中国工商银行', '中国建设银行', '中国银行', '交通银行', '上海银行', '招商银行', '上海农商银行'] as const;

function associationName(rng: Rng, p: Place): NameDraft {
  const r = rng.next();
  if (r < 0.35) {
    const [word, top, item] = rng.pick(STREET_ASSOCIATIONS);
    return draft(`${p.districtName}${p.street.name}${word}`, [top], 'street', { teamItem: item ?? null });
  }
  if (r < 0.6) {
    const [word, top, item] = rng.pick(DISTRICT_ASSOCIATIONS);
    const city = rng.chance(0.4) ? '上海市' : '';
    return draft(`${city}${p.districtName}${word}`, [top], 'district', { teamItem: item ?? null });
  }
  const top = rng.pick(CATALOG).top;
  const topic = rng.pick(categorySpec(top).orgTopics);
  return draft(`${p.districtName}${rng.pick(BRANDS)}${topic}${rng.pick(ASSOCIATION_SUFFIXES)}`, [top], 'district');
}

function agencyName(rng: Rng, p: Place): NameDraft {
  const r = rng.next();
  if (r < 0.3) {
    const [word, top, item] = rng.pick(STREET_AGENCIES);
    return draft(`${p.districtName}${p.street.name}${word}`, [top], 'street', { teamItem: item ?? null });
  }
  const top = rng.pick(AGENCY_TOPS);
  const brand = rng.pick(BRANDS);
  if (r < 0.55) {
    const form = rng.pick(['社工服务中心', '社会工作服务社', '社会工作服务中心'] as const);
    return draft(`上海市${p.districtName}${brand}${form}`, [top], 'district', { socialWork: true });
  }
  if (r < 0.62) {
    return draft(`上海${brand}社工师事务所`, [top], 'city', { socialWork: true });
  }
  const topic = rng.pick(categorySpec(top).orgTopics);
  // 为老服务中心, not 为老服务服务中心
  const form = topic.endsWith('服务') ? rng.pick(['中心', '社'] as const) : rng.pick(['中心', '服务中心', '服务社'] as const);
  return draft(`${rng.chance(0.5) ? '上海市' : ''}${p.districtName}${brand}${topic}${form}`, [top], 'district');
}

function foundationName(rng: Rng, p: Place): NameDraft {
  const top = rng.pick(FOUNDATION_TOPS);
  const r = rng.next();
  if (r < 0.35) return draft(`${p.districtName}${p.street.name}社区基金会`, ['poverty-relief', 'self-governance'], 'street');
  if (r < 0.7) return draft(`${p.districtName}${rng.pick(BRANDS)}公益基金会`, [top], 'district');
  return draft(`上海${rng.pick(BRANDS)}${rng.pick(['公益基金会', '慈善基金会', '教育发展基金会'] as const)}`, [top], 'city');
}

/** Fields community teams are in, by frequency: mostly culture and sports. */
const TEAM_TOPS: readonly TopCode[] = [
  'culture-sports', 'culture-sports', 'culture-sports', 'culture-sports', 'culture-sports', 'culture-sports',
  'culture-sports', 'culture-sports', 'volunteering', 'safety', 'environment', 'self-governance', 'elderly',
  'mediation', 'education', 'convenience', 'family-women', 'housing-property', 'health', 'children-youth',
];

function teamName(rng: Rng, p: Place): NameDraft {
  let top = rng.pick(TEAM_TOPS);
  let spec = categorySpec(top);
  if (spec.teams.length === 0) {
    top = 'culture-sports';
    spec = categorySpec(top);
  }
  const [team, item] = rng.pick(spec.teams);
  return draft(`${p.street.name}${p.community.name}${team}`, [top], 'community', { teamItem: item, teamWord: team });
}

function studioName(rng: Rng, p: Place): NameDraft {
  const leader = personName(rng);
  const r = rng.next();
  if (r < 0.4) return draft(`${leader}党员志愿者工作室`, ['volunteering'], 'street', { leader });
  if (r < 0.55) return draft(`${p.community.name}${rng.pick(BRANDS)}志愿者工作室`, ['volunteering'], 'community', { leader });
  if (r < 0.65) return draft(`${p.street.name}禁毒妈妈工作室`, ['safety', 'special-groups'], 'street', { leader });
  if (r < 0.8) return draft(`${leader}${rng.pick(['调解工作室', '老娘舅工作室'] as const)}`, ['mediation'], 'street', { leader });
  if (r < 0.9) return draft(`${leader}法律志愿者工作室`, ['legal-aid'], 'street', { leader });
  return draft(`${leader}${rng.pick(['心理志愿者工作室', '为老服务工作室', '健康志愿者工作室'] as const)}`, [rng.pick(['mental-health', 'elderly', 'health'] as const)], 'street', { leader });
}

function unitName(rng: Rng, p: Place): NameDraft {
  const d = p.districtName;
  const s = p.street.name.replace(/(新村街道|街道)$/u, '');
  const r = rng.next();
  if (r < 0.08) return draft(`${d}${rng.pick(['中心医院', '妇幼保健院', '精神卫生中心', '中医医院'] as const)}`, ['health'], 'district');
  if (r < 0.2) return draft(`${d}${p.street.name}社区卫生服务中心`, ['health'], 'street');
  if (r < 0.32) return draft(`${d}${rng.pick(COMMUNITY_ROOTS)}${rng.pick(['小学', '中学', '幼儿园', '实验小学'] as const)}`, ['education', 'children-youth'], 'street');
  if (r < 0.38) return draft(`${d}${rng.pick(['图书馆', '文化馆', '青少年活动中心', '少年宫', '体育中心'] as const)}`, ['culture-sports', 'education'], 'district');
  if (r < 0.46) return draft(`上海市公安局${d.replace(/(新区|区)$/u, '')}分局${s}派出所`, ['safety'], 'street');
  if (r < 0.5) return draft(`${d}消防救援支队${s}消防救援站`, ['safety'], 'street');
  if (r < 0.62) return draft(`${rng.pick(BANKS)}上海${d}${s}支行`, ['safety', 'enterprise'], 'street');
  if (r < 0.68) return draft(`上海${rng.pick(COMPANY_BRANDS)}律师事务所`, ['legal-aid'], 'district');
  const [industry, top] = rng.pick(COMPANY_INDUSTRIES);
  return draft(`上海${rng.pick(COMPANY_BRANDS)}${industry}`, [top, 'volunteering'], 'street');
}

const NAMERS: Readonly<Record<OrganizationType, (rng: Rng, p: Place) => NameDraft>> = {
  association: associationName,
  'social-service-agency': agencyName,
  foundation: foundationName,
  'community-team': teamName,
  'volunteer-studio': studioName,
  'stationed-unit': unitName,
};

// ---------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100) with its organization code (GB 11714) and check characters
// ---------------------------------------------------------------------------

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const charValue = (c: string): number => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55);

function orgCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += charValue(body.charAt(i)) * (ORG_CODE_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A well-formed 统一社会信用代码: 5 (civil affairs) + kind (1 association,
 * 2 agency, 3 foundation) + the registering division + MJ + six digits + the
 * two check characters. `serial` keeps codes unique within a dataset.
 */
export function creditCode(kind: 1 | 2 | 3, division: string, serial: number): string {
  const body = `MJ${String(serial % 1_000_000).padStart(6, '0')}`;
  const head = `5${kind}${division}${body}${orgCodeCheck(body)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(head.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  return head + USCC_CHARS.charAt(check);
}

// ---------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------

/** Types for `count` organizations by the seeds' shares, with every type present at least once. */
export function drawTypes(rng: Rng, count: number): OrganizationType[] {
  const types = Array.from({ length: count }, () => rng.weighted(TYPES, TYPE_WEIGHTS));
  if (count >= TYPES.length) {
    for (const t of TYPES) {
      if (types.includes(t)) continue;
      const counts = new Map<OrganizationType, number>();
      for (const x of types) counts.set(x, (counts.get(x) ?? 0) + 1);
      for (let attempt = 0; attempt < 1000; attempt++) {
        const i = rng.int(0, count - 1);
        const at = types[i] as OrganizationType;
        if ((counts.get(at) ?? 0) > 1) {
          types[i] = t;
          break;
        }
      }
    }
  }
  return types;
}

const RATINGS: readonly Rating[] = ['5A', '4A', '3A', '2A', '1A'];
const RATING_WEIGHTS = [0.06, 0.18, 0.42, 0.24, 0.1] as const;

const SERIAL_MODULUS = 1_000_000;

export interface OrganizationsResult {
  readonly facts: OrgFacts[];
  readonly offers: OfferDraft[];
}

export function generateOrganizations(rng: Rng, index: AreaIndex, count: number): OrganizationsResult {
  const types = drawTypes(rng, count);
  const names = new Set<string>();
  const facts: OrgFacts[] = [];
  const offers: OfferDraft[] = [];
  // a stride coprime with 10^6 scatters serials so neighbouring orgs do not get neighbouring codes
  const serialBase = rng.int(0, SERIAL_MODULUS - 1);
  let offerNo = 0;
  const nextOfferId = (): string => `offer-${String(++offerNo).padStart(6, '0')}`;

  for (let i = 0; i < count; i++) {
    const type = types[i] as OrganizationType;
    const id = `org-${String(i + 1).padStart(5, '0')}`;

    // a community drawn uniformly places teams where communities are dense
    let community = rng.pick(index.communities);
    let street = index.byCode.get(community.code.slice(0, 9)) as Area;
    const district = street.code.slice(0, 6);
    const place: Place = { district, districtName: districtName(index, district), street, community };

    let nd = NAMERS[type](rng, place);
    for (let attempt = 0; attempt < 12 && names.has(nd.name); attempt++) {
      // another community or street of the same district, then another pattern
      community = rng.pick(index.communitiesOfDistrict.get(district) ?? index.communities);
      street = index.byCode.get(community.code.slice(0, 9)) as Area;
      place.street = street;
      place.community = community;
      nd = NAMERS[type](rng, place);
    }
    for (let k = 2; names.has(nd.name); k++) nd.name = `${nd.name.slice(0, 70)}（${chineseNumber(k % 100)}）`;
    names.add(nd.name);

    // registration
    let registration: Registration;
    let rating: Rating | null = null;
    const foundedMs = BASE_MS - DAY * (type === 'stationed-unit' ? rng.int(3000, 25000) : type === 'community-team' ? rng.int(60, 6000) : rng.int(300, 8000));
    const founded = isoDate(foundedMs);
    const registeredType = type === 'association' || type === 'social-service-agency' || type === 'foundation';
    if (registeredType && !(type === 'association' && nd.scope === 'street' && rng.chance(0.25))) {
      const kind = type === 'association' ? 1 : type === 'social-service-agency' ? 2 : 3;
      const city = nd.scope === 'city' || type === 'foundation';
      const serial = (serialBase + (i + 1) * 7919) % SERIAL_MODULUS;
      registration = {
        status: 'registered',
        creditCode: creditCode(kind, city ? '310000' : district, serial),
        authority: city ? '上海市民政局' : `上海市${place.districtName}民政局`,
        date: founded,
      };
      if (rng.chance(type === 'foundation' ? 0.7 : 0.45)) rating = rng.weighted(RATINGS, RATING_WEIGHTS);
    } else if (type === 'stationed-unit' || rng.chance(type === 'volunteer-studio' ? 0.35 : type === 'community-team' ? 0.12 : 0)) {
      registration = { status: 'none' };
    } else {
      const office = street.name.endsWith('镇') ? `${street.name}人民政府` : `${street.name}办事处`;
      registration = { status: 'filed', authority: office, date: isoDate(foundedMs + rng.int(0, 200) * DAY) };
    }

    // secondary field for some
    const tops = [...nd.tops];
    if (tops.length === 1 && (type === 'social-service-agency' || type === 'association') && rng.chance(0.3)) {
      const extra = rng.pick(AGENCY_TOPS);
      if (extra !== tops[0]) tops.push(extra);
    }

    // service areas, all within the district
    let serviceAreaCodes: string[];
    const streetsHere = index.streetsOf.get(district) ?? [street];
    const communitiesHere = index.communitiesOf.get(street.code) ?? [community];
    if (nd.scope === 'community') {
      serviceAreaCodes = [community.code];
      if (communitiesHere.length > 1 && rng.chance(0.2)) {
        const other = rng.pick(communitiesHere);
        if (other.code !== community.code) serviceAreaCodes.push(other.code);
      }
    } else if (nd.scope === 'street') {
      serviceAreaCodes = rng.chance(0.65)
        ? [street.code]
        : rng.sample(communitiesHere, rng.int(2, Math.min(6, communitiesHere.length))).map((c) => c.code);
    } else {
      serviceAreaCodes = rng.chance(0.4) || streetsHere.length === 1
        ? [district]
        : rng.sample(streetsHere, rng.int(2, Math.min(4, streetsHere.length))).map((s) => s.code);
    }
    serviceAreaCodes.sort();

    const phone = registeredType || type === 'stationed-unit' ? (rng.chance(0.6) ? landline(rng) : mobile(rng)) : mobile(rng);
    const orgOffers = makeOffers(
      rng,
      index,
      { id, tops, teamItem: nd.teamItem, teamWord: nd.teamWord, serviceAreaCodes, community: nd.scope === 'community' ? community : null, street, phone },
      drawOfferCount(rng),
      nextOfferId,
    );
    for (const o of orgOffers) offers.push(o);
    const categoryCodes = [...new Set(orgOffers.map((o) => o.offer.categoryCode))];

    // people and numbers
    const socialWorkers =
      type === 'social-service-agency' ? rng.int(nd.socialWork ? 4 : 1, nd.socialWork ? 45 : 12)
        : type === 'association' ? rng.int(0, 4)
          : type === 'foundation' ? rng.int(0, 3)
            : type === 'stationed-unit' ? rng.int(0, 2)
              : type === 'volunteer-studio' ? rng.int(0, 2)
                : 0;
    const members = rng.int(12, 60);
    const satisfaction = rng.chance(0.2) ? null : Math.round(rng.around(4.5, 0.5, 3.2, 5) * 10) / 10;

    const year = founded.slice(0, 4);
    const audiences = [...new Set(orgOffers.flatMap((o) => o.offer.audiences))].slice(0, 3).map((a) => AUDIENCE_ZH[a] ?? '居民');
    const titles = orgOffers.slice(0, 3).map((o) => o.offer.title).join('、');
    let intro: string;
    switch (type) {
      case 'association':
        intro = registration.status === 'registered'
          ? `本会是${year}年经${registration.authority ?? '民政局'}登记成立的社会团体，会员来自辖区居民和驻区单位。`
          : `本会成立于${year}年，在${registration.authority ?? '街道'}备案，是社区群众性社会团体。`;
        break;
      case 'social-service-agency':
        intro = nd.socialWork
          ? `本中心是${year}年在${registration.authority ?? '民政局'}登记成立的专业社会工作服务机构，现有持证社工${socialWorkers}名。`
          : `本机构是${year}年在${registration.authority ?? '民政局'}登记成立的民办非企业单位，受街道委托运营社区公共服务阵地。`;
        break;
      case 'foundation':
        intro = `本基金会成立于${year}年，是在${registration.authority ?? '民政局'}登记的非公募基金会，资金主要来自辖区企业和居民捐赠。`;
        break;
      case 'community-team':
        intro = `队伍成立于${year}年，${registration.status === 'filed' ? `已在${registration.authority ?? '街道'}备案，` : ''}现有队员${members}人，骨干多为退休居民。`;
        break;
      case 'volunteer-studio':
        intro = `工作室由${nd.leader ?? '社区党员'}牵头，${year}年成立，现有骨干志愿者${members}人。`;
        break;
      case 'stationed-unit':
        intro = '本单位是驻区单位，与街道签订区域化党建共建协议，积极参与社区公益服务。';
        break;
    }
    const serve = `主要面向${audiences.join('、') || '社区居民'}，开展${titles}等服务。`;
    const tail = rating !== null
      ? `在社会组织等级评估中被评为${rating}级。`
      : type === 'community-team'
        ? `每周在${community.name}活动室固定开展活动，欢迎居民加入。`
        : rng.chance(0.5)
          ? `曾获${place.districtName}优秀${type === 'volunteer-studio' ? '志愿服务团队' : '公益服务'}称号。`
          : '';

    // tags: the fields it works in, then what kind of organization it is
    const tags = categoryCodes.slice(0, 3).map((code) => categoryLabel(code, 'zh-CN'));
    if (type === 'community-team') tags.push('群众团队');
    if (rating !== null) tags.push(`${rating}级社会组织`);
    if (type === 'volunteer-studio') tags.push('党建引领');
    if (nd.socialWork) tags.push('专业社工');

    const roadRoots = index.roadRoots.get(district) ?? [];
    const address =
      nd.scope === 'community' || type === 'volunteer-studio'
        ? `${street.name}${community.name}活动室`
        : `上海市${place.districtName}${streetAddress(rng, roadRoots).replace(/\d+室$/u, '')}`;
    const contactPerson = nd.leader ?? personName(rng);
    const email = registeredType && rng.chance(0.5) ? `${rng.digits(rng.int(8, 10))}@${rng.pick(['qq.com', '163.com', '126.com'] as const)}` : undefined;

    const org: Organization = {
      id,
      name: nd.name,
      type,
      registration,
      rating,
      areaCode: nd.scope === 'community' ? community.code : street.code,
      serviceAreaCodes,
      categoryCodes,
      description: intro + serve + tail,
      tags,
      socialWorkers,
      satisfaction,
      contact: { person: contactPerson, phone, address, ...(email === undefined ? {} : { email }) },
      founded,
      updatedAt: isoTimestamp(BASE_MS - rng.int(0, 240) * DAY - rng.int(10, 720) * MINUTE),
    };
    facts.push({
      org,
      district,
      street,
      community: nd.scope === 'community' ? community : null,
      tops,
      offerIds: orgOffers.map((o) => o.offer.id),
      offerTops: orgOffers.map((o) => o.top),
    });
  }
  return { facts, offers };
}

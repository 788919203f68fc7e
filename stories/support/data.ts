/**
 * Sample records and adapters for the stories: the valid records of the
 * component tests, varied into every state a card can meet, over the demo
 * street's area tree (华阳路街道, 长宁区).
 */
import {
  AdapterError,
  createMemoryAdapter,
  demoStreetAreas,
  type Area,
  type DataAdapter,
  type Organization,
  type Project,
  type ServiceOffer,
} from '@renling/core';
import {
  fullOffer as fixtureFullOffer,
  offer as fixtureOffer,
  organization as fixtureOrganization,
  pausedOffer as fixturePausedOffer,
  project as fixtureProject,
} from '../../packages/elements/test/fixtures.js';

export const allAreas: Area[] = demoStreetAreas();

/** The areas among `codes` that the demo tree knows, in the same order. */
export function areasFor(codes: readonly string[]): Area[] {
  return codes.flatMap((code) => allAreas.filter((a) => a.code === code));
}

export const organization: Organization = fixtureOrganization;

export const smallOrganization: Organization = {
  ...fixtureOrganization,
  id: 'org-2',
  name: '华阳路街道邻里互助会',
  type: 'community-team',
  registration: { status: 'filed', authority: '华阳路街道办事处', date: '2021-04-12' },
  rating: null,
  socialWorkers: 0,
};

export const project: Project = fixtureProject;
export const projectAreas: Area[] = areasFor([project.areaCode]);

export const projectWithoutSatisfaction: Project = {
  ...fixtureProject,
  id: 'prj-2',
  title: '四点半课堂',
  summary: '为双职工家庭的小学生提供放学后的作业辅导和阅读陪伴，项目刚启动，尚未开展满意度评价。',
  categoryCode: 'children-youth.after-school',
  fundingSource: 'venture-philanthropy',
  budget: 48000,
  period: { start: '2026-09-01', end: '2027-06-30' },
  beneficiaries: { served: 86, planned: 600 },
  satisfaction: null,
  status: 'planned',
};

export const projectOverPlan: Project = {
  ...fixtureProject,
  id: 'prj-3',
  title: '社区睦邻点建设',
  summary: '在十个居委会建设睦邻点，开展文体活动和邻里互助，服务人次已超过年度计划。',
  categoryCode: 'self-governance.neighbourhood-events',
  fundingSource: 'community-fund',
  budget: 80000,
  period: { start: '2025-01-01', end: '2025-12-31' },
  beneficiaries: { served: 2150, planned: 1500 },
  satisfaction: 99,
  status: 'completed',
};

export const longOrganization: Organization = {
  ...fixtureOrganization,
  id: 'org-3',
  name: '上海市长宁区华阳路街道社区公益服务发展中心（上海市长宁区乐龄家园社会工作服务社联合体）',
};

export const longProject: Project = {
  ...fixtureProject,
  id: 'prj-4',
  organizationId: longOrganization.id,
  title:
    '华阳路街道“邻里守望·温暖同行”独居高龄老人助餐送餐、上门探访与健康监测综合服务三年行动计划（2026—2028年度第一期试点）',
  summary:
    '项目面向华阳路街道十个居委会辖区内的独居、纯老和高龄老人，整合社区食堂、物业、居委会和志愿者力量，提供每日午餐送餐上门、每周一次上门探访、每月一次血压血糖监测和紧急呼叫响应；同时建立老人档案和风险分级清单，对失能、半失能老人由社工一对一跟进，并每季度向街道和居民区公示服务台账和资金使用情况，接受群众监督。',
  budget: 1285000,
  period: { start: '2026-01-01', end: '2028-12-31' },
  beneficiaries: { served: 12840, planned: 36000 },
};

export const offer: ServiceOffer = fixtureOffer;
export const offerAreas: Area[] = areasFor(offer.serviceAreaCodes.slice(0, 3));

export const openOffer: ServiceOffer = {
  ...fixtureOffer,
  id: 'off-4',
  capacity: { ...fixtureOffer.capacity, used: 3 },
};

export const nearlyFullOffer: ServiceOffer = {
  ...fixtureOffer,
  id: 'off-5',
  title: '长者理发上门',
  description: '每月为行动不便的老人上门理发一次，由街道补贴，名额有限。',
  categoryCode: 'convenience.haircut',
  capacity: { perPeriod: 20, period: 'month', used: 19 },
  schedule: { text: '每月第二个周六 9:00–16:00', weekdays: [6] },
  cost: { kind: 'free' },
};

export const fullOffer: ServiceOffer = fixtureFullOffer;
export const pausedOffer: ServiceOffer = fixturePausedOffer;

/** Everything above, for adapters that load by id. */
export const dataset = {
  areas: allAreas,
  organizations: [organization, smallOrganization, longOrganization],
  projects: [project, projectWithoutSatisfaction, projectOverPlan, longProject],
  offers: [offer, openOffer, nearlyFullOffer, fullOffer, pausedOffer],
  needs: [],
};

/** Story parameters the preview's decorator reads: `parameters.renling.adapter` replaces the provider's adapter. */
export interface RenlingParameters {
  adapter?: DataAdapter | null;
}

/** The adapter every story's `<rl-provider>` gets: the dataset, with no delay. */
export const storyAdapter: DataAdapter = createMemoryAdapter(dataset);

/** Answers after `latency` ms, to watch the loading state and then the card. */
export function slowAdapter(latency: number): DataAdapter {
  return createMemoryAdapter(dataset, { latency });
}

// A record over every method, so a method added to the contract fails the type-check here until listed.
const ADAPTER_METHOD_SET: Record<keyof DataAdapter, true> = {
  listOrganizations: true, getOrganization: true, listOffers: true, getOffer: true, createOffer: true,
  listNeeds: true, getNeed: true, createNeed: true, getNeedContact: true, reviewNeed: true,
  listProjects: true, getProject: true, createProject: true,
  listClaims: true, getClaim: true, requestClaim: true, acceptClaim: true, declineClaim: true, withdrawClaim: true,
  startClaim: true, completeClaim: true, rateClaim: true, listAreas: true, getArea: true,
};
const ADAPTER_METHODS = Object.keys(ADAPTER_METHOD_SET) as (keyof DataAdapter)[];

/** An adapter whose every call ends the same way; the signal is the options argument's, where there is one. */
function wrap(call: (signal: AbortSignal | undefined) => Promise<never>): DataAdapter {
  const fail = (...args: unknown[]): Promise<never> => {
    const options = args.findLast((a): a is { signal?: AbortSignal } => typeof a === 'object' && a !== null && 'signal' in a);
    return call(options?.signal);
  };
  return Object.fromEntries(ADAPTER_METHODS.map((name) => [name, fail])) as unknown as DataAdapter;
}

/** Never answers (until the card aborts the request): the loading state, held. */
export const pendingAdapter: DataAdapter = wrap(
  (signal) =>
    new Promise<never>((_resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new AdapterError('aborted', 'The request was cancelled.')), {
        once: true,
      });
    }),
);

/** Fails every call as a network error would, after a short delay. */
export const failingAdapter: DataAdapter = wrap(
  () =>
    new Promise<never>((_resolve, reject) => {
      setTimeout(() => reject(new AdapterError('network', 'Simulated network failure (story).')), 150);
    }),
);

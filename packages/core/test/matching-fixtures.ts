/**
 * Small hand-made needs, offers and organizations for the matching tests,
 * placed in the demo street (长宁区 华阳路街道).
 */
import type { Organization, PublicNeed, ServiceOffer } from '../src/model.js';

export const DISTRICT = '310105';
export const STREET = '310105001';
export const COMMUNITY = '310105001001';
export const OTHER_COMMUNITY = '310105001002';
export const GRID = '310105001001001';
export const OTHER_GRID = '310105001001002';

/** Mid-morning in Shanghai, in the middle of every fixture offer's validity. */
export const NOW = new Date('2026-11-01T10:00:00+08:00');

export function org(over: Partial<Organization> = {}): Organization {
  return {
    id: 'org-1',
    name: '乐龄社工服务社',
    type: 'social-service-agency',
    registration: { status: 'registered', creditCode: '52310105MJ5000001X' },
    rating: '5A',
    areaCode: STREET,
    serviceAreaCodes: [STREET],
    categoryCodes: ['elderly'],
    description: '',
    tags: [],
    socialWorkers: 3,
    satisfaction: 5,
    contact: { person: '', address: '' },
    updatedAt: '2026-10-01T08:00:00.000Z',
    ...over,
  };
}

export function need(over: Partial<PublicNeed> = {}): PublicNeed {
  return {
    id: 'need-1',
    trackingNumber: 'RL-20261020-AB12',
    title: '独居老人需要助餐送餐',
    description: '老人独居，腿脚不便，希望每天中午有人送餐上门。',
    categoryCode: 'elderly.meals',
    audiences: ['elderly'],
    areaCode: GRID,
    urgency: 'normal',
    preferredTime: '',
    channel: 'self',
    forWhom: 'self',
    status: 'published',
    beneficiaries: 1,
    createdAt: '2026-10-20T09:00:00.000Z',
    updatedAt: '2026-10-20T09:00:00.000Z',
    ...over,
  };
}

export function offer(over: Partial<ServiceOffer> = {}): ServiceOffer {
  return {
    id: 'offer-1',
    organizationId: 'org-1',
    categoryCode: 'elderly.meals',
    title: '老年助餐送餐上门',
    description: '为社区独居老人每天中午送餐上门。',
    audiences: ['elderly'],
    serviceAreaCodes: [COMMUNITY],
    capacity: { perPeriod: 30, period: 'day', used: 0 },
    schedule: { text: '每天中午 11:00–12:30', weekdays: [1, 2, 3, 4, 5, 6, 7] },
    modes: ['home-visit'],
    cost: { kind: 'free' },
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    status: 'open',
    contact: { name: '王老师', phone: '13812345678' },
    updatedAt: '2026-10-01T08:00:00.000Z',
    ...over,
  };
}

export const orgMap = (...orgs: Organization[]): Map<string, Organization> => new Map(orgs.map((o) => [o.id, o]));

// Hand-made organizations for the search tests and their place in a generated dataset.
import type { Organization, ServiceOffer } from '../src/model.js';
import type { SearchRecord } from '../src/search/index.js';

let serial = 0;

export function org(id: string, name: string, extra: Partial<Organization> = {}): Organization {
  return {
    id,
    name,
    type: 'social-service-agency',
    registration: { status: 'registered', creditCode: '52310105MJ0000000X', authority: '长宁区民政局' },
    rating: null,
    areaCode: '310105001',
    serviceAreaCodes: ['310105001'],
    categoryCodes: [],
    description: '',
    tags: [],
    socialWorkers: 0,
    satisfaction: null,
    contact: { person: '', address: '' },
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function offer(organizationId: string, title: string, extra: Partial<ServiceOffer> = {}): ServiceOffer {
  serial++;
  return {
    id: `t-offer-${serial}`,
    organizationId,
    categoryCode: 'elderly.home-care',
    title,
    description: '',
    audiences: ['all-residents'],
    serviceAreaCodes: ['310105001'],
    capacity: { perPeriod: 10, period: 'week', used: 0 },
    schedule: { text: '每周一', weekdays: [1] },
    modes: ['on-site'],
    cost: { kind: 'free' },
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    status: 'open',
    contact: { name: '王老师', phone: '13812345678' },
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export const rec = (organization: Organization, offers: ServiceOffer[] = []): SearchRecord => ({ organization, offers });

/** The organizations the tests (and bench/search-queries.json) name. */
export function handMade(): SearchRecord[] {
  return [
    rec(
      org('t-leling', '长宁区乐龄社工服务中心', {
        categoryCodes: ['elderly.home-care'],
        rating: '5A',
        tags: ['为老服务'],
        description: '为长宁区老年人提供居家养老上门服务和助餐服务。',
      }),
      [offer('t-leling', '老年助餐点送餐', { categoryCode: 'elderly.meals', audiences: ['elderly'], capacity: { perPeriod: 20, period: 'day', used: 5 } })],
    ),
    rec(
      org('t-xinli', '华阳路街道心理咨询工作室', {
        categoryCodes: ['mental-health.counselling'],
        areaCode: '310105001',
        serviceAreaCodes: ['310105001001'],
        type: 'volunteer-studio',
        registration: { status: 'filed', authority: '华阳路街道办事处' },
        description: '由持证心理咨询师为居民提供免费心理疏导。',
      }),
      [offer('t-xinli', '心理疏导热线', { categoryCode: 'mental-health.counselling', audiences: ['youth', 'families'], modes: ['online'] })],
    ),
    rec(
      org('t-yihuan', '醫患糾紛調解工作室', {
        categoryCodes: ['mediation.doctor-patient'],
        description: '調解醫療糾紛，維護醫患雙方權益。',
        areaCode: '310104',
        serviceAreaCodes: ['310104'],
      }),
    ),
    rec(
      org('t-english', 'Sunshine Elderly Care Center', {
        categoryCodes: ['elderly.day-care'],
        type: 'stationed-unit',
        registration: { status: 'none' },
        description: 'Day care and lunch for seniors in Changning.',
        tags: ['day care'],
      }),
      [offer('t-english', 'Lunch club for elders', { categoryCode: 'elderly.meals', status: 'paused' })],
    ),
    rec(org('t-chongyang', '重阳节敬老志愿服务队', { type: 'community-team', registration: { status: 'none' }, categoryCodes: ['volunteering.recruitment'] })),
    rec(org('t-zhangzhe', '天山路长者照护之家', { categoryCodes: ['elderly.long-term-care'], rating: '3A' })),
    rec(org('t-bank', '中国银行长宁支行志愿者服务队', { type: 'stationed-unit', registration: { status: 'none' }, categoryCodes: ['volunteering'] })),
    rec(
      org('t-fullwidth', 'ＡＢＣ社区书屋', { categoryCodes: ['education.reading'], description: '社区阅读推广。', tags: ['读书会'] }),
    ),
  ];
}

/** Hand-made records for component tests: small, readable, and valid under the core schemas. */
import type { Area, Organization, Project, ServiceOffer } from '@renling/core';

export const area: Area = {
  code: '310105001001',
  level: 'community',
  name: '飞乐居委会',
  nameEn: 'Feile Community',
  parentCode: '310105001',
};

export const organization: Organization = {
  id: 'org-1',
  name: '长宁区乐龄社工服务中心',
  type: 'social-service-agency',
  registration: { status: 'registered', creditCode: '52310105MJ4960123X', authority: '长宁区民政局', date: '2015-06-01' },
  rating: '5A',
  areaCode: '310105001',
  serviceAreaCodes: ['310105001001', '310105001002'],
  categoryCodes: ['elderly.meals'],
  description: '专注社区为老服务的社工机构。',
  tags: ['助餐', '居家养老'],
  socialWorkers: 12,
  satisfaction: 4.7,
  contact: { person: '王小明', phone: '13812345678', address: '长宁区华阳路 100 号' },
  founded: '2015-06-01',
  updatedAt: '2026-10-01T09:00:00+08:00',
};

export const project: Project = {
  id: 'prj-1',
  title: '乐龄守护计划',
  summary: '为华阳路街道独居和高龄老人提供助餐送餐、上门探访和健康监测服务。',
  organizationId: 'org-1',
  categoryCode: 'elderly.meals',
  areaCode: '310105001001',
  fundingSource: 'gov-purchase',
  budget: 125000,
  period: { start: '2026-03-01', end: '2026-12-31' },
  beneficiaries: { served: 1200, planned: 1500 },
  satisfaction: 96,
  status: 'active',
  needIds: [],
  claimIds: [],
  updatedAt: '2026-10-01T09:00:00+08:00',
};

export const offer: ServiceOffer = {
  id: 'off-1',
  organizationId: 'org-1',
  categoryCode: 'elderly.meals',
  title: '助餐送餐上门',
  description: '为行动不便的老人每天中午送餐上门。',
  audiences: ['elderly', 'disabled'],
  serviceAreaCodes: ['310105001001', '310105001002', '310105001003', '310105001004', '310105001005'],
  capacity: { perPeriod: 10, period: 'week', used: 7 },
  schedule: { text: '每周一至周五 11:00–12:30', weekdays: [1, 2, 3, 4, 5] },
  modes: ['home-visit'],
  cost: { kind: 'subsidized', amount: 8 },
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  status: 'open',
  contact: { name: '李老师', phone: '021-62345678' },
  updatedAt: '2026-10-01T09:00:00+08:00',
};

export const fullOffer: ServiceOffer = { ...offer, id: 'off-2', capacity: { ...offer.capacity, used: 10 } };
export const pausedOffer: ServiceOffer = { ...offer, id: 'off-3', status: 'paused' };

/** Strings that must show as text, never as markup or script. */
export const XSS_CORPUS = [
  '"><img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  '</script><svg onload="window.__xss=1">',
  '\u202Egnp.exe', // right-to-left override
  '长'.repeat(10000),
];

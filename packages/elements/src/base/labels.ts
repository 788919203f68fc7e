/**
 * Localized labels for the model's vocabularies, shared by every component.
 * Functions, not constants: msg() must run at render time to follow the locale.
 */
import { msg, str } from '@lit/localize';
import type {
  Audience,
  CapacityPeriod,
  FundingSource,
  OfferStatus,
  OrganizationType,
  ProjectStatus,
  RegistrationStatus,
  ServiceMode,
} from '@renling/core';

export function fundingSourceLabel(source: FundingSource): string {
  switch (source) {
    case 'gov-purchase':
      return msg('政府购买服务', { id: 'funding.gov-purchase' });
    case 'venture-philanthropy':
      return msg('公益创投', { id: 'funding.venture-philanthropy' });
    case 'lottery-fund':
      return msg('福利彩票公益金', { id: 'funding.lottery-fund' });
    case 'community-fund':
      return msg('社区基金', { id: 'funding.community-fund' });
    case 'donation':
      return msg('社会捐赠', { id: 'funding.donation' });
    case 'self':
      return msg('自筹资金', { id: 'funding.self' });
  }
}

export function projectStatusLabel(status: ProjectStatus): string {
  switch (status) {
    case 'planned':
      return msg('筹备中', { id: 'project-status.planned' });
    case 'active':
      return msg('实施中', { id: 'project-status.active' });
    case 'completed':
      return msg('已结项', { id: 'project-status.completed' });
    case 'suspended':
      return msg('已暂停', { id: 'project-status.suspended' });
  }
}

export function offerStatusLabel(status: OfferStatus, full: boolean): string {
  if (status === 'open' && full) return msg('名额已满', { id: 'offer-status.full' });
  switch (status) {
    case 'open':
      return msg('可预约', { id: 'offer-status.open' });
    case 'paused':
      return msg('暂停预约', { id: 'offer-status.paused' });
    case 'closed':
      return msg('已结束', { id: 'offer-status.closed' });
  }
}

export function registrationLabel(status: RegistrationStatus): string {
  switch (status) {
    case 'registered':
      return msg('民政登记', { id: 'registration.registered' });
    case 'filed':
      return msg('街道备案', { id: 'registration.filed' });
    case 'none':
      return msg('未登记', { id: 'registration.none' });
  }
}

export function organizationTypeLabel(type: OrganizationType): string {
  switch (type) {
    case 'association':
      return msg('社会团体', { id: 'org-type.association' });
    case 'social-service-agency':
      return msg('社会服务机构', { id: 'org-type.social-service-agency' });
    case 'foundation':
      return msg('基金会', { id: 'org-type.foundation' });
    case 'community-team':
      return msg('社区群众活动团队', { id: 'org-type.community-team' });
    case 'volunteer-studio':
      return msg('志愿者工作室', { id: 'org-type.volunteer-studio' });
    case 'stationed-unit':
      return msg('驻区单位', { id: 'org-type.stationed-unit' });
  }
}

export function serviceModeLabel(mode: ServiceMode): string {
  switch (mode) {
    case 'on-site':
      return msg('到场服务', { id: 'mode.on-site' });
    case 'home-visit':
      return msg('上门服务', { id: 'mode.home-visit' });
    case 'online':
      return msg('线上服务', { id: 'mode.online' });
  }
}

/** "本周剩余 3 个名额" */
export function capacityLeftLabel(period: CapacityPeriod, left: number): string {
  switch (period) {
    case 'day':
      return msg(str`今日剩余 ${left} 个名额`, { id: 'capacity.day' });
    case 'week':
      return msg(str`本周剩余 ${left} 个名额`, { id: 'capacity.week' });
    case 'month':
      return msg(str`本月剩余 ${left} 个名额`, { id: 'capacity.month' });
    case 'year':
      return msg(str`今年剩余 ${left} 个名额`, { id: 'capacity.year' });
    case 'once':
      return msg(str`本期剩余 ${left} 个名额`, { id: 'capacity.once' });
  }
}

export function audienceLabel(audience: Audience): string {
  switch (audience) {
    case 'elderly':
      return msg('老年人', { id: 'audience.elderly' });
    case 'disabled':
      return msg('残疾人', { id: 'audience.disabled' });
    case 'children':
      return msg('儿童', { id: 'audience.children' });
    case 'youth':
      return msg('青少年', { id: 'audience.youth' });
    case 'women':
      return msg('妇女', { id: 'audience.women' });
    case 'families':
      return msg('家庭', { id: 'audience.families' });
    case 'migrants':
      return msg('外来务工人员', { id: 'audience.migrants' });
    case 'low-income':
      return msg('困难群众', { id: 'audience.low-income' });
    case 'enterprises':
      return msg('企业与白领', { id: 'audience.enterprises' });
    case 'all-residents':
      return msg('全体居民', { id: 'audience.all-residents' });
  }
}

/**
 * Localized labels for the vocabularies the forms ask about. Functions, not
 * constants: msg() must run at render time to follow the locale.
 */
import { msg } from '@lit/localize';
import type { AreaLevel, CapacityPeriod, CostKind, HealthInfo, IntakeChannel, NeedSubject, Urgency } from '@renling/core';

export function urgencyLabel(urgency: Urgency): string {
  switch (urgency) {
    case 'low':
      return msg('不急，可以慢慢安排', { id: 'urgency.low' });
    case 'normal':
      return msg('一般，近期需要', { id: 'urgency.normal' });
    case 'high':
      return msg('比较急，希望尽快', { id: 'urgency.high' });
    case 'critical':
      return msg('非常紧急', { id: 'urgency.critical' });
  }
}

/** How a need reached the community when someone records it for a resident. */
export function channelLabel(channel: IntakeChannel): string {
  switch (channel) {
    case 'self':
      return msg('居民自己提交', { id: 'channel.self' });
    case 'grid-worker':
      return msg('网格员上门走访', { id: 'channel.grid-worker' });
    case 'hotline':
      return msg('服务热线来电', { id: 'channel.hotline' });
    case 'committee':
      return msg('居委会接待', { id: 'channel.committee' });
  }
}

export function subjectLabel(subject: NeedSubject): string {
  switch (subject) {
    case 'self':
      return msg('我自己', { id: 'subject.self' });
    case 'family':
      return msg('我的家人', { id: 'subject.family' });
    case 'resident':
      return msg('代居民登记（网格员、社区工作者）', { id: 'subject.resident' });
  }
}

export function mobilityLabel(mobility: HealthInfo['mobility']): string {
  switch (mobility) {
    case 'independent':
      return msg('能自己行走', { id: 'mobility.independent' });
    case 'assisted':
      return msg('需要搀扶或轮椅', { id: 'mobility.assisted' });
    case 'bedridden':
      return msg('长期卧床', { id: 'mobility.bedridden' });
  }
}

export function periodLabel(period: CapacityPeriod): string {
  switch (period) {
    case 'day':
      return msg('每天', { id: 'period.day' });
    case 'week':
      return msg('每周', { id: 'period.week' });
    case 'month':
      return msg('每月', { id: 'period.month' });
    case 'year':
      return msg('每年', { id: 'period.year' });
    case 'once':
      return msg('本期共计', { id: 'period.once' });
  }
}

/** ISO weekday 1 (Monday) … 7 (Sunday). */
export function weekdayLabel(day: number): string {
  switch (day) {
    case 1:
      return msg('周一', { id: 'weekday.1' });
    case 2:
      return msg('周二', { id: 'weekday.2' });
    case 3:
      return msg('周三', { id: 'weekday.3' });
    case 4:
      return msg('周四', { id: 'weekday.4' });
    case 5:
      return msg('周五', { id: 'weekday.5' });
    case 6:
      return msg('周六', { id: 'weekday.6' });
    default:
      return msg('周日', { id: 'weekday.7' });
  }
}

export function costKindLabel(kind: CostKind): string {
  switch (kind) {
    case 'free':
      return msg('免费', { id: 'cost-kind.free' });
    case 'subsidized':
      return msg('补贴后低偿', { id: 'cost-kind.subsidized' });
    case 'paid':
      return msg('收费', { id: 'cost-kind.paid' });
  }
}

export function areaLevelLabel(level: AreaLevel): string {
  switch (level) {
    case 'district':
      return msg('区', { id: 'area-level.district' });
    case 'street':
      return msg('街道（镇）', { id: 'area-level.street' });
    case 'community':
      return msg('社区（村）', { id: 'area-level.community' });
    case 'grid':
      return msg('网格', { id: 'area-level.grid' });
  }
}

/** The desk's own short labels. Functions, not constants: msg() must run at render time to follow the locale. */
import { msg, str } from '@lit/localize';
import type { CapacityPeriod, MissReason, NeedStatus, Urgency } from '@renling/core';
import type { StatusFilter } from './matcher-data.js';

/** A badge's word: shorter than the need form's choices. */
export function urgencyBadge(urgency: Urgency): string {
  switch (urgency) {
    case 'critical':
      return msg('紧急', { id: 'matcher.urgency-critical' });
    case 'high':
      return msg('较急', { id: 'matcher.urgency-high' });
    case 'normal':
      return msg('一般', { id: 'matcher.urgency-normal' });
    case 'low':
      return msg('不急', { id: 'matcher.urgency-low' });
  }
}

export function needStatusLabel(status: NeedStatus): string {
  switch (status) {
    case 'submitted':
      return msg('待核实', { id: 'matcher.need-status-submitted' });
    case 'verified':
      return msg('已核实', { id: 'matcher.need-status-verified' });
    case 'published':
      return msg('待认领', { id: 'matcher.need-status-published' });
    case 'claimed':
      return msg('已认领', { id: 'matcher.need-status-claimed' });
    case 'in-progress':
      return msg('服务中', { id: 'matcher.need-status-in-progress' });
    case 'completed':
      return msg('已完成', { id: 'matcher.need-status-completed' });
    case 'closed':
      return msg('已关闭', { id: 'matcher.need-status-closed' });
  }
}

export function statusFilterLabel(status: StatusFilter): string {
  switch (status) {
    case 'all':
      return msg('全部状态', { id: 'matcher.status-all' });
    case 'free':
      return msg('尚无认领申请', { id: 'matcher.status-free' });
    case 'pending':
      return msg('有认领待确认', { id: 'matcher.status-pending' });
    case 'submitted':
      return needStatusLabel('submitted');
  }
}

/** "每周 10 个" */
export function perPeriodLabel(period: CapacityPeriod, places: number): string {
  switch (period) {
    case 'day':
      return msg(str`每天 ${places} 个`, { id: 'matcher.per-day' });
    case 'week':
      return msg(str`每周 ${places} 个`, { id: 'matcher.per-week' });
    case 'month':
      return msg(str`每月 ${places} 个`, { id: 'matcher.per-month' });
    case 'year':
      return msg(str`每年 ${places} 个`, { id: 'matcher.per-year' });
    case 'once':
      return msg(str`本期共 ${places} 个`, { id: 'matcher.per-once' });
  }
}

export function missReasonLabel(why: MissReason): string {
  switch (why) {
    case 'full':
      return msg('名额已满', { id: 'matcher.miss-full' });
    case 'below-threshold':
      return msg('匹配度低于最低分', { id: 'matcher.miss-below-threshold' });
    case 'ineligible':
      return msg('不符合匹配条件', { id: 'matcher.miss-ineligible' });
    case 'taken':
      return msg('名额已分给更合适的需求', { id: 'matcher.miss-taken' });
  }
}

/** "82 分": a score read aloud and shown beside its bar. */
export function scoreText(total: number): string {
  const points = Math.round(total);
  return msg(str`${points} 分`, { id: 'matcher.score' });
}

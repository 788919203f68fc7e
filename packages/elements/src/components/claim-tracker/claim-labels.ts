/**
 * Words for the claim lifecycle: states, directions, roles, what each event
 * did and the satisfaction scale. Functions, so msg() runs at render time and
 * follows the locale.
 */
import { msg, str } from '@lit/localize';
import type { ActorRole, ClaimDirection, ClaimEventType, ClaimState } from '@renling/core';

export function claimStateLabel(state: ClaimState): string {
  switch (state) {
    case 'pending':
      return msg('待确认', { id: 'claim-state.pending' });
    case 'accepted':
      return msg('已接受', { id: 'claim-state.accepted' });
    case 'in-progress':
      return msg('服务中', { id: 'claim-state.in-progress' });
    case 'completed':
      return msg('已完成', { id: 'claim-state.completed' });
    case 'rated':
      return msg('已评价', { id: 'claim-state.rated' });
    case 'declined':
      return msg('已婉拒', { id: 'claim-state.declined' });
    case 'withdrawn':
      return msg('已撤回', { id: 'claim-state.withdrawn' });
    case 'expired':
      return msg('已过期', { id: 'claim-state.expired' });
  }
}

export function directionLabel(direction: ClaimDirection): string {
  return direction === 'need-claim'
    ? msg('机构认领需求', { id: 'claim-direction.need-claim' })
    : msg('预约服务', { id: 'claim-direction.offer-booking' });
}

export function roleLabel(role: ActorRole): string {
  switch (role) {
    case 'resident':
      return msg('居民', { id: 'claim-role.resident' });
    case 'organization':
      return msg('社会组织', { id: 'claim-role.organization' });
    case 'staff':
      return msg('社区工作人员', { id: 'claim-role.staff' });
    case 'admin':
      return msg('街道管理员', { id: 'claim-role.admin' });
    case 'system':
      return msg('系统', { id: 'claim-role.system' });
  }
}

/** What the history says someone did. */
export function eventDoneLabel(event: ClaimEventType): string {
  switch (event) {
    case 'accept':
      return msg('接受了认领', { id: 'claim-done.accept' });
    case 'decline':
      return msg('婉拒了认领', { id: 'claim-done.decline' });
    case 'withdraw':
      return msg('撤回了认领', { id: 'claim-done.withdraw' });
    case 'expire':
      return msg('认领超过期限，自动过期', { id: 'claim-done.expire' });
    case 'start':
      return msg('开始服务', { id: 'claim-done.start' });
    case 'complete':
      return msg('完成服务', { id: 'claim-done.complete' });
    case 'rate':
      return msg('评价了服务', { id: 'claim-done.rate' });
  }
}

/** The first line of a history: who asked. */
export function requestedLabel(direction: ClaimDirection): string {
  return direction === 'need-claim'
    ? msg('提出认领', { id: 'claim-done.request-need' })
    : msg('预约了服务', { id: 'claim-done.request-offer' });
}

/** The button that starts an action. */
export function actionLabel(event: ClaimEventType): string {
  switch (event) {
    case 'accept':
      return msg('接受认领', { id: 'claim-action.accept' });
    case 'decline':
      return msg('婉拒', { id: 'claim-action.decline' });
    case 'withdraw':
      return msg('撤回', { id: 'claim-action.withdraw' });
    case 'expire':
      return msg('标记过期', { id: 'claim-action.expire' });
    case 'start':
      return msg('开始服务', { id: 'claim-action.start' });
    case 'complete':
      return msg('完成服务', { id: 'claim-action.complete' });
    case 'rate':
      return msg('评价服务', { id: 'claim-action.rate' });
  }
}

/** Announced once the adapter confirmed the change. */
export function actionDoneAnnouncement(event: ClaimEventType): string {
  switch (event) {
    case 'accept':
      return msg('已接受这条认领。', { id: 'claim-announce.accept' });
    case 'decline':
      return msg('已婉拒这条认领。', { id: 'claim-announce.decline' });
    case 'withdraw':
      return msg('已撤回这条认领。', { id: 'claim-announce.withdraw' });
    case 'expire':
      return msg('这条认领已过期。', { id: 'claim-announce.expire' });
    case 'start':
      return msg('已开始服务。', { id: 'claim-announce.start' });
    case 'complete':
      return msg('已记录服务完成。', { id: 'claim-announce.complete' });
    case 'rate':
      return msg('感谢评价，已记录。', { id: 'claim-announce.rate' });
  }
}

/** 1 非常不满意 … 5 非常满意. */
export function scoreLabel(score: number): string {
  switch (score) {
    case 1:
      return msg('非常不满意', { id: 'claim-score.1' });
    case 2:
      return msg('不满意', { id: 'claim-score.2' });
    case 3:
      return msg('一般', { id: 'claim-score.3' });
    case 4:
      return msg('满意', { id: 'claim-score.4' });
    default:
      return msg('非常满意', { id: 'claim-score.5' });
  }
}

/** "5 星 · 非常满意" */
export function scoreText(score: number): string {
  return msg(str`${score} 星 · ${scoreLabel(score)}`, { id: 'claim-score.text' });
}

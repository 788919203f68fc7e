/**
 * De-identification (GB/T 35273): what may be shown of a person to someone
 * who is not entitled to the full record.
 */
import { coarsenArea, areaLevel } from './areas.js';
import type { Need, PublicNeed } from './model.js';

/**
 * Keeps the first character and masks the rest, one star per character:
 * 王小明 → 王**, Alice → A****. Whitespace is kept so a masked English name
 * still reads as two words.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return `${chars[0]}*`;
  return chars.map((c, i) => (i === 0 || /\s/u.test(c) ? c : '*')).join('');
}

/**
 * Shows the first three and last four digits: 13812345678 → 138****1234,
 * 021-62345678 → 021-****5678. Short or odd input is masked whole rather
 * than risk showing too much.
 */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/gu, '');
  if (digits.length < 8) return '*'.repeat(Math.max(4, digits.length));
  const landline = /^(0\d{2,3})-?(\d{7,8})/u.exec(trimmed);
  if (landline?.[1] && landline[2]) {
    const local = landline[2];
    return `${landline[1]}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
  }
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/**
 * The public view of a need: no contact, no consent record, no health data,
 * and an area no finer than the community.
 */
export function toPublicNeed(need: Need | PublicNeed): PublicNeed {
  const areaCode = areaLevel(need.areaCode) === 'grid' ? coarsenArea(need.areaCode, 'community') : need.areaCode;
  return {
    id: need.id,
    trackingNumber: need.trackingNumber,
    title: need.title,
    description: need.description,
    categoryCode: need.categoryCode,
    audiences: [...need.audiences],
    areaCode,
    urgency: need.urgency,
    preferredTime: need.preferredTime,
    channel: need.channel,
    forWhom: need.forWhom,
    status: need.status,
    beneficiaries: need.beneficiaries,
    createdAt: need.createdAt,
    updatedAt: need.updatedAt,
  };
}

/**
 * Validation messages in the three supported locales. Core carries its own
 * table (rather than @lit/localize) because it must run without Lit, on the
 * server too.
 */
import type { Locale } from './model.js';

export const VALIDATION_CODES = [
  'required',
  'type',
  'too-short',
  'too-long',
  'too-small',
  'too-large',
  'integer',
  'enum',
  'format',
  'id',
  'email',
  'phone',
  'date',
  'date-order',
  'duplicate',
  'control-chars',
  'area-code',
  'area-too-coarse',
  'category-code',
  'unknown-category',
  'credit-code',
  'credit-code-required',
  'capacity-exceeded',
  'amount-required',
  'tracking-number',
  'consent-required',
  'health-consent-required',
  'guardian-required',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

type Template = string | ((param: string) => string);

const MESSAGES: Record<ValidationCode, Record<Locale, Template>> = {
  required: { 'zh-CN': '请填写此项', 'zh-TW': '請填寫此項', en: 'This field is required.' },
  type: { 'zh-CN': '内容格式不对', 'zh-TW': '內容格式不對', en: 'This value has the wrong type.' },
  'too-short': {
    'zh-CN': (n) => `至少需要 ${n} 个字`,
    'zh-TW': (n) => `至少需要 ${n} 個字`,
    en: (n) => `Enter at least ${n} characters.`,
  },
  'too-long': {
    'zh-CN': (n) => `最多 ${n} 个字，请精简`,
    'zh-TW': (n) => `最多 ${n} 個字，請精簡`,
    en: (n) => `Use at most ${n} characters.`,
  },
  'too-small': {
    'zh-CN': (n) => `不能小于 ${n}`,
    'zh-TW': (n) => `不能小於 ${n}`,
    en: (n) => `Must be at least ${n}.`,
  },
  'too-large': {
    'zh-CN': (n) => `不能大于 ${n}`,
    'zh-TW': (n) => `不能大於 ${n}`,
    en: (n) => `Must be at most ${n}.`,
  },
  integer: { 'zh-CN': '请填写整数', 'zh-TW': '請填寫整數', en: 'Enter a whole number.' },
  enum: { 'zh-CN': '请从列表中选择', 'zh-TW': '請從清單中選擇', en: 'Choose one of the listed options.' },
  format: { 'zh-CN': '格式不正确', 'zh-TW': '格式不正確', en: 'This value is not in the expected format.' },
  id: { 'zh-CN': '编号格式不正确', 'zh-TW': '編號格式不正確', en: 'This identifier is malformed.' },
  email: { 'zh-CN': '请填写正确的电子邮箱', 'zh-TW': '請填寫正確的電子郵件', en: 'Enter a valid email address.' },
  phone: {
    'zh-CN': '请填写 11 位手机号（如 13812345678）或带区号的固定电话（如 021-62345678）',
    'zh-TW': '請填寫 11 位手機號碼（如 13812345678）或帶區號的市話（如 021-62345678）',
    en: 'Enter an 11-digit mainland mobile number (e.g. 13812345678) or a landline with its area code (e.g. 021-62345678).',
  },
  date: { 'zh-CN': '请填写正确的日期', 'zh-TW': '請填寫正確的日期', en: 'Enter a valid date.' },
  'date-order': {
    'zh-CN': '结束日期不能早于开始日期',
    'zh-TW': '結束日期不能早於開始日期',
    en: 'The end date cannot be before the start date.',
  },
  duplicate: { 'zh-CN': '有重复的选项', 'zh-TW': '有重複的選項', en: 'Remove the repeated entries.' },
  'control-chars': {
    'zh-CN': '含有无法显示的控制字符',
    'zh-TW': '含有無法顯示的控制字元',
    en: 'This text contains invisible control characters.',
  },
  'area-code': { 'zh-CN': '请选择所在地区', 'zh-TW': '請選擇所在地區', en: 'Choose an area from the list.' },
  'area-too-coarse': {
    'zh-CN': '请选到社区或网格',
    'zh-TW': '請選到社區或網格',
    en: 'Choose down to a community or grid.',
  },
  'category-code': { 'zh-CN': '请选择服务类别', 'zh-TW': '請選擇服務類別', en: 'Choose a service category.' },
  'unknown-category': {
    'zh-CN': '没有这个服务类别，请从列表中选择',
    'zh-TW': '沒有這個服務類別，請從清單中選擇',
    en: 'This category does not exist; choose one from the list.',
  },
  'credit-code': {
    'zh-CN': '统一社会信用代码应为 18 位数字或大写字母',
    'zh-TW': '統一社會信用代碼應為 18 位數字或大寫字母',
    en: 'The unified social credit code has 18 digits or capital letters.',
  },
  'credit-code-required': {
    'zh-CN': '已登记的组织请填写统一社会信用代码',
    'zh-TW': '已登記的組織請填寫統一社會信用代碼',
    en: 'A registered organization needs its unified social credit code.',
  },
  'capacity-exceeded': {
    'zh-CN': '已用名额不能超过总名额',
    'zh-TW': '已用名額不能超過總名額',
    en: 'Places taken cannot exceed the places offered.',
  },
  'amount-required': {
    'zh-CN': '收费或补贴服务请填写金额',
    'zh-TW': '收費或補貼服務請填寫金額',
    en: 'Enter the amount for a paid or subsidized service.',
  },
  'tracking-number': {
    'zh-CN': '受理编号格式不正确',
    'zh-TW': '受理編號格式不正確',
    en: 'The tracking number is malformed.',
  },
  'consent-required': {
    'zh-CN': '请阅读并同意个人信息处理说明',
    'zh-TW': '請閱讀並同意個人資料處理說明',
    en: 'Read and accept the personal information notice.',
  },
  'health-consent-required': {
    'zh-CN': '填写健康信息前，需要单独同意处理健康信息',
    'zh-TW': '填寫健康資訊前，需要單獨同意處理健康資訊',
    en: 'Health information needs its own separate consent.',
  },
  'guardian-required': {
    'zh-CN': '不满 14 周岁的，需要监护人确认同意',
    'zh-TW': '未滿 14 歲者，需要監護人確認同意',
    en: 'For a child under 14, a parent or guardian must confirm.',
  },
};

export function validationMessage(code: ValidationCode, locale: Locale, param = ''): string {
  const template = MESSAGES[code][locale];
  return typeof template === 'function' ? template(param) : template;
}

export function isValidationCode(code: string): code is ValidationCode {
  return (VALIDATION_CODES as readonly string[]).includes(code);
}

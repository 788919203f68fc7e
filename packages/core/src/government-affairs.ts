/**
 * What residents ask a community site for that no social organization does: the government's
 * own offices handle medical and social insurance, household registration, identity and
 * residence papers, the housing fund and pensions. A directory search for one of them finds no
 * organization, and "try other words" would send a resident round in circles; the directory
 * says where such matters are handled instead.
 */

/**
 * Words for such matters, as residents type them: simplified, traditional and English. A word
 * after `!` is not one when these characters follow it: 身份证明 and 居住证明 are certificates a
 * residents' committee issues, 养老金融 is finance, 落户外 is 户外 (outdoors).
 */
const AFFAIRS: readonly string[] = [
  '医保',
  '医疗保险',
  '醫保',
  '醫療保險',
  '社保',
  '社会保险',
  '社會保險',
  '户口',
  '户籍',
  '落户!外',
  '戶口',
  '戶籍',
  '落戶!外',
  '居住证!明',
  '居住證!明',
  '身份证!明',
  '身份證!明',
  '身分證!明',
  '公积金',
  '公積金',
  '养老金!融',
  '養老金!融',
  '退休金',
  '结婚登记',
  '結婚登記',
  '婚姻登记',
  '婚姻登記',
  '出生证明',
  '出生證明',
  'medical insurance',
  'health insurance',
  'social security',
  'social insurance',
  'hukou',
  'household registration',
  'residence permit',
  'id card',
  'housing fund',
  'pension',
  'passport',
];

/**
 * A dispute over such a matter is legal aid's work, which organizations do (社保纠纷, 工伤维权):
 * with these words the search's own answer stands.
 */
const DISPUTE = /纠纷|糾紛|维权|維權|法律|律师|律師|援助|仲裁|投诉|投訴|诈骗|詐騙|\b(?:legal|lawyer|dispute|scam)/u;

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const affairs = AFFAIRS.map((entry) => {
  const [word = '', notFollowedBy] = entry.split('!');
  const folded = fold(word);
  const pattern = /^[a-z ]+$/u.test(folded)
    ? `\\b${escape(folded)}\\b`
    : `${escape(folded)}${notFollowedBy ? `(?![${escape(notFollowedBy)}])` : ''}`;
  return { word, pattern: new RegExp(pattern, 'u') };
});

/**
 * The first word in `query` for a matter the government handles itself (医保, 户口, pension…),
 * as it is listed, or null. 护照 (passport) is left out: 看护照顾 and 监护照料 hold it.
 */
export function governmentAffairIn(query: string): string | null {
  const text = fold(query).replace(/\s+/gu, ' ');
  if (DISPUTE.test(text)) return null;
  for (const { word, pattern } of affairs) if (pattern.test(text)) return word;
  return null;
}

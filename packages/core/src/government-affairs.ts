/**
 * What residents ask a community site for that no social organization does: the government's
 * own offices handle medical and social insurance, household registration, identity and
 * residence papers, the housing fund and pensions. A directory search for one of them finds no
 * organization, and "try other words" would send a resident round in circles; the directory
 * says where such matters are handled instead.
 */

/** Words for such matters, as residents type them: simplified, traditional and English. */
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
  '落户',
  '戶口',
  '戶籍',
  '落戶',
  '居住证',
  '居住證',
  '身份证',
  '身份證',
  '身分證',
  '公积金',
  '公積金',
  '养老金',
  '養老金',
  '退休金',
  '结婚登记',
  '結婚登記',
  '婚姻登记',
  '婚姻登記',
  '出生证明',
  '出生證明',
  '护照',
  '護照',
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

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();
const LATIN = /^[a-z ]+$/u;
const affairs = AFFAIRS.map((word) => ({ word, folded: fold(word), pattern: LATIN.test(word) ? new RegExp(`\\b${word}\\b`, 'u') : null }));

/**
 * The first word in `query` for a matter the government handles itself (医保, 户口, pension…),
 * as it is listed, or null.
 */
export function governmentAffairIn(query: string): string | null {
  const text = fold(query).replace(/\s+/gu, ' ');
  for (const { word, folded, pattern } of affairs) if (pattern ? pattern.test(text) : text.includes(folded)) return word;
  return null;
}

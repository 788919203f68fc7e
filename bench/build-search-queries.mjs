// Writes bench/search-queries.json: the labelled query set for bench/search.bench.mjs.
//
//   npm run build -w @renling/core -w @renling/mocks && node bench/build-search-queries.mjs
//
// Labels come from construction, never from the search engine: a query made
// from an organization's name is labelled with that organization, plus every
// other organization whose name contains the same text (or, for pinyin and
// initials, whose name's pinyin by pinyin-pro contains the same letters), so
// an ambiguous query is a hit when any of them is in the top 5. Hand-made
// records are injected into the generated dataset for the kinds generated
// names cannot show (traditional script, English, sound-alike typos).
import { writeFileSync } from 'node:fs';
import { generateDataset } from '@renling/mocks';
import { pinyin } from 'pinyin-pro';

const SEED = 20261101;
const ORGS = 35_000;
const out = new URL('./search-queries.json', import.meta.url);

const full = (s) => pinyin(s, { toneType: 'none', type: 'array', v: true }).join('');
const initials = (s) => pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' }).join('');

const base = {
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
};
const offer = (id, organizationId, title, categoryCode) => ({
  id,
  organizationId,
  categoryCode,
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
});
const record = (id, name, extra = {}, offers = []) => ({ organization: { ...base, id, name, ...extra }, offers });

const records = [
  record('h-leling', '长宁区乐龄社工服务中心', { categoryCodes: ['elderly.home-care'], rating: '5A', description: '为老年人提供居家养老上门服务。' }, [
    offer('h-leling-1', 'h-leling', '乐龄助餐点送餐', 'elderly.meals'),
  ]),
  record('h-xinli', '华阳路街道心理咨询工作室', { categoryCodes: ['mental-health.counselling'], type: 'volunteer-studio' }, [
    offer('h-xinli-1', 'h-xinli', '青少年心理疏导热线', 'mental-health.counselling'),
  ]),
  record('h-yihuan', '醫患糾紛調解工作室', { categoryCodes: ['mediation.doctor-patient'], description: '調解醫療糾紛。' }),
  record('h-sunshine', 'Sunshine Elderly Care Center', { categoryCodes: ['elderly.day-care'], type: 'stationed-unit', description: 'Day care and lunch for seniors.' }),
  record('h-legal', 'Changning Legal Aid Workstation', { categoryCodes: ['legal-aid.consultation'] }),
  record('h-chongyang', '重阳节敬老志愿服务队', { type: 'community-team', categoryCodes: ['volunteering.recruitment'] }),
  record('h-zhangzhe', '天山路长者照护之家', { categoryCodes: ['elderly.long-term-care'] }),
  record('h-bank', '中国银行长宁支行志愿者服务队', { type: 'stationed-unit', categoryCodes: ['volunteering'] }),
  record('h-abc', 'ＡＢＣ社区书屋', { categoryCodes: ['education.reading'] }),
  record('h-hongqiao', '虹桥街道古北睦邻中心', { categoryCodes: ['self-governance.neighbourhood-events'], description: '睦邻点活动与邻里节。' }),
  record('h-tianshan', '天山路街道阳光之家', { categoryCodes: ['disability.sheltered-work'] }),
  record('h-jingju', '仙霞新村街道京剧沙龙', { type: 'community-team', categoryCodes: ['culture-sports.peking-opera'] }),
  record('h-lvshi', '仙霞路绿地律师工作站', { type: 'volunteer-studio', categoryCodes: ['legal-aid.consultation'] }),
];

const data = generateDataset({ seed: SEED, organizations: ORGS });
const all = [...data.organizations, ...records.map((r) => r.organization)];
const pyNames = new Map(all.map((o) => [o.id, { full: full(o.name), initials: initials(o.name) }]));

/** The target, and everyone the query fits as well by construction. */
function label(kind, q, target, how) {
  const fits = all.filter((o) => {
    if (how === 'text') return o.name.includes(q);
    if (how === 'pinyin') return pyNames.get(o.id).full.includes(q.replace(/\s+/gu, ''));
    if (how === 'initials') return pyNames.get(o.id).initials.includes(q);
    if (how === 'words') return q.split(' ').every((w) => o.name.includes(w));
    return o.id === target;
  });
  const ids = [...new Set([target, ...fits.map((o) => o.id)])];
  return { q, kind, ids };
}

const queries = [];
// generated organizations: every ~2,900th, by name text, pinyin, initials and a mix
const districtPrefix = /^(?:上海市)?(?:[\u4e00-\u9fff]{1,3}?(?:新区|区))?/u;
for (let i = 17; i < ORGS; i += 2917) {
  const o = data.organizations[i];
  const rest = o.name.replace(districtPrefix, '');
  const core = rest.length > 6 ? rest.slice(0, 6) : rest;
  queries.push(label('chinese-substring', core, o.id, 'text'));
  queries.push(label('pinyin', full(core), o.id, 'pinyin'));
  queries.push(label('initials', initials(o.name), o.id, 'initials'));
}
const hand = [
  ['chinese-substring', '乐龄社工', 'h-leling', 'text'],
  ['chinese-word', '长宁区乐龄', 'h-leling', 'text'],
  ['pinyin', 'changning leling', 'h-leling', 'exact'],
  ['polyphone', 'changningqu', 'h-leling', 'pinyin'],
  ['initials', 'cnqllsg', 'h-leling', 'initials'],
  ['mixed', 'leling社工', 'h-leling', 'exact'],
  ['multi-word', '乐龄 助餐', 'h-leling', 'exact'],
  ['pinyin', 'huayanglu xinlizixun', 'h-xinli', 'exact'],
  ['initials', 'hyljdxlzx', 'h-xinli', 'initials'],
  ['homophone', '华阳路 心里咨询', 'h-xinli', 'exact'],
  ['homophone', '华阳路街道心里资询', 'h-xinli', 'exact'],
  ['mixed', 'huayang路', 'h-xinli', 'exact'],
  ['multi-word', '华阳路 心理 工作室', 'h-xinli', 'exact'],
  ['fuzzy', '华阳路街道心理咨问工作室', 'h-xinli', 'exact'],
  ['traditional', '醫患糾紛', 'h-yihuan', 'exact'],
  ['traditional', '医患纠纷调解工作室', 'h-yihuan', 'exact'],
  ['traditional', 'yihuan jiufen', 'h-yihuan', 'exact'],
  ['english', 'sunshine', 'h-sunshine', 'exact'],
  ['english', 'Sunshine Elderly', 'h-sunshine', 'exact'],
  ['fullwidth-case', 'ＳＵＮＳＨＩＮＥ', 'h-sunshine', 'exact'],
  ['english', 'legal aid changning', 'h-legal', 'exact'],
  ['english', 'workstation', 'h-legal', 'exact'],
  ['fuzzy', 'sunshnie', 'h-sunshine', 'exact'],
  ['polyphone', 'chongyangjie', 'h-chongyang', 'pinyin'],
  ['polyphone', 'chongyang jinglao', 'h-chongyang', 'exact'],
  ['polyphone', 'tianshanlu zhangzhe', 'h-zhangzhe', 'exact'],
  ['polyphone', 'zhongguo yinhang', 'h-bank', 'exact'],
  ['fullwidth-case', 'abc书屋', 'h-abc', 'exact'],
  ['fullwidth-case', 'ＡＢＣ', 'h-abc', 'exact'],
  ['chinese-word', '古北睦邻', 'h-hongqiao', 'text'],
  ['initials', 'hqjdgbml', 'h-hongqiao', 'initials'],
  ['mixed', 'gubei睦邻', 'h-hongqiao', 'exact'],
  ['chinese-word', '天山路街道阳光之家', 'h-tianshan', 'text'],
  ['pinyin', 'tianshanlu yangguangzhijia', 'h-tianshan', 'exact'],
  ['chinese-word', '仙霞新村 京剧', 'h-jingju', 'exact'],
  ['pinyin', 'xianxia jingju', 'h-jingju', 'exact'],
  ['homophone', '仙霞新村 经剧', 'h-jingju', 'exact'],
  // words run together, as residents type them: no document holds the whole phrase
  ['phrase', '天山路阳光之家', 'h-tianshan', 'exact'],
  ['phrase', '长宁乐龄助餐', 'h-leling', 'exact'],
  ['phrase', '仙霞新村京剧', 'h-jingju', 'exact'],
  ['phrase', '华阳路心理热线', 'h-xinli', 'exact'],
  // pinyin as written (tone marks, ü) and ü typed as u, as people without a v key do
  ['pinyin-marks', 'xiānxiálù lǜshī', 'h-lvshi', 'exact'],
  ['pinyin-marks', 'huáyánglù xīnlǐ', 'h-xinli', 'exact'],
  ['pinyin-marks', 'lüdi lüshi', 'h-lvshi', 'exact'],
  ['pinyin-marks', 'ludi lushi gongzuozhan', 'h-lvshi', 'exact'],
  // pinyin with a slip of the keys: two letters swapped, a key beside the right one, one left out
  ['pinyin-slip', 'tianshanlu yangguangzhijai', 'h-tianshan', 'exact'],
  ['pinyin-slip', 'xianxia jignju', 'h-jingju', 'exact'],
  ['pinyin-slip', 'changning lelnig', 'h-leling', 'exact'],
  ['pinyin-slip', 'huayanglu xinlizixum', 'h-xinli', 'exact'],
  ['pinyin-slip', 'chongyang jignlao', 'h-chongyang', 'exact'],
  // sounds many speakers spell alike: z/zh, c/ch, s/sh, n/ng, l/n
  ['pinyin-sound', 'congyang jinglao', 'h-chongyang', 'exact'],
  ['pinyin-sound', 'tiansanlu zhangzhe', 'h-zhangzhe', 'exact'],
  ['pinyin-sound', 'changning neling', 'h-leling', 'exact'],
  ['pinyin-sound', 'xianxia jinju', 'h-jingju', 'exact'],
  // initials first, then whole syllables
  ['initials-first', 'hyljdxinlizixun', 'h-xinli', 'exact'],
  ['initials-first', 'cnqleling', 'h-leling', 'exact'],
  ['initials-first', 'xxxcjdjingju', 'h-jingju', 'exact'],
  ['initials-first', 'tsljdyangguangzhijia', 'h-tianshan', 'exact'],
  // a sentence, as a resident says it: no organization holds it whole
  ['sentence', '我想找华阳路的心理咨询工作室', 'h-xinli', 'exact'],
  ['sentence', '家里老人想找乐龄助餐点送餐', 'h-leling', 'exact'],
  ['sentence', '天山路有没有长者照护之家', 'h-zhangzhe', 'exact'],
  // the same, in letters, as a resident types without spaces
  ['sentence', 'tianshanluzhangzhezhaohu', 'h-zhangzhe', 'exact'],
  ['sentence', 'woxiangzhaoleling zhucan', 'h-leling', 'exact'],
];
for (const [kind, q, target, how] of hand) queries.push(label(kind, q, target, how));
// generated organizations by kinds that need a second word or a sound-alike
for (const [kind, make] of [
  ['multi-word', (o) => `${o.name.replace(districtPrefix, '').slice(0, 3)} ${o.name.slice(-3)}`],
  ['homophone', (o) => o.name.replace(/服务/u, '服物').replace(/志愿/u, '志原').replace(/调解/u, '调节')],
]) {
  for (let i = 401; i < ORGS; i += 4999) {
    const o = data.organizations[i];
    const q = make(o);
    if (kind === 'multi-word') {
      queries.push(label(kind, q, o.id, 'words'));
      // the same words typed without the space
      queries.push({ ...label('phrase', q, o.id, 'words'), q: q.replace(' ', '') });
    }
    else if (q !== o.name) queries.push(label(kind, q, o.id, 'exact'));
  }
}

// generated names' pinyin with two letters swapped in the middle, labelled by the pinyin meant
for (let i = 1201; i < ORGS; i += 5003) {
  const o = data.organizations[i];
  const right = full(o.name.replace(districtPrefix, '').slice(0, 4));
  const at = Math.floor(right.length / 2);
  const slipped = right.slice(0, at) + right.charAt(at + 1) + right.charAt(at) + right.slice(at + 2);
  if (slipped !== right) queries.push({ ...label('pinyin-slip', right, o.id, 'pinyin'), q: slipped });
}

const kinds = {};
for (const q of queries) kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
writeFileSync(
  out,
  `${JSON.stringify(
    {
      about: 'Labelled queries for bench/search.bench.mjs; written by bench/build-search-queries.mjs. A query is a hit when one of its ids is in the top 5.',
      seed: SEED,
      organizations: ORGS,
      records,
      queries,
    },
    null,
    1,
  )}\n`,
);
console.log(`${queries.length} queries`, kinds);

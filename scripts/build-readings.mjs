// Builds packages/core/src/search/readings.generated.ts: the pinyin and
// traditional→simplified data the search index needs, compact enough for the
// page bundle, so that pinyin-pro (147 KB gzipped) never ships to the page.
//
//   node scripts/build-readings.mjs            (writes the file, prints sizes)
//   node scripts/build-readings.mjs --check    (fails if the committed file is stale)
//
// Sources, all read at build time only:
// - pinyin-pro (a dependency of @renling/core): each character's default
//   reading, and its frequency-ordered word dictionaries for the words whose
//   reading in context differs (长宁 chang ning, 长者 zhang zhe, 银行 yin hang).
// - OpenCC's traditional→simplified character table, taken from the opencc-js
//   package with `npm pack` into a temporary folder (it is not a dependency:
//   only this script reads it, and only when the table is regenerated).
// - The kit's own text (taxonomy, areas, the mocks' vocabulary), so every
//   character and polyphonic word the kit itself uses is covered.
//
// Encoding (decoded by packages/core/src/search/readings.ts). Numbers are
// base-32 varints in a 64-letter alphabet (0-9a-v end a number, w-zA-Z_$
// continue it), signed ones zigzag-coded:
// - Syllables: every toneless syllable is an initial (or none) and a final,
//   so the inventory is a grid of initials × finals with one bit per pair
//   (six bits a letter): about 400 syllables in some 160 letters. A syllable
//   is then its index in alphabetical order.
// - GB2312 level-1 holds the 3,755 most common characters *in pinyin order*,
//   and every browser ships a GBK decoder (the Encoding Standard requires
//   it). So the table lists only runs over that order: pairs of (change of
//   syllable index, count); the characters themselves come from
//   `new TextDecoder('gbk')` at run time.
// - Other characters: a syllable index followed by its characters.
// - Traditional→simplified: pairs sorted by the simplified character, as two
//   streams of code-point deltas.
// - Words: `word`, then (position, syllable index) for each character whose
//   reading in the word differs from its default; words separated by `|`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { pinyin } from 'pinyin-pro';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'packages/core/src/search/readings.generated.ts');
const OPENCC = 'opencc-js@1.4.2';
/** How many of pinyin-pro's frequency-ordered two-character words whose reading differs to keep. */
const COMMON_WORDS = 200;
const THREE_CHAR_WORDS = 30;

const HAN = /\p{Script=Han}/u;
const toneless = (text) =>
  pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }).map((s) => s.toLowerCase());
const defaultReading = new Map();
function readingOf(char) {
  let r = defaultReading.get(char);
  if (r === undefined) {
    r = toneless(char)[0] ?? '';
    defaultReading.set(char, r);
  }
  return r;
}
const SYLLABLE = /^[a-z]{1,6}$/u;

// --- character sets from the legacy encodings -------------------------------
function decodeRange(encoding, rows, cells) {
  const decoder = new TextDecoder(encoding);
  const chars = [];
  for (const hi of rows) {
    for (const lo of cells) {
      const c = decoder.decode(new Uint8Array([hi, lo]));
      if (c.length === 1 && c !== '\uFFFD' && HAN.test(c)) chars.push(c);
    }
  }
  return chars;
}
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
// GB2312 rows 16–55: level 1, in pinyin order; 56–87: level 2, by radical.
const level1 = decodeRange('gbk', range(0xb0, 0xd7), range(0xa1, 0xfe));
const level2 = decodeRange('gbk', range(0xd8, 0xf7), range(0xa1, 0xfe));
if (level1.length !== 3755) throw new Error(`GB2312 level 1 has ${level1.length} characters, expected 3755`);
const gb2312 = new Set([...level1, ...level2]);
// Big5 rows A4–C6: the 5,401 common traditional characters.
const big5 = new Set(decodeRange('big5', range(0xa4, 0xc6), [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]));

// --- the kit's own vocabulary ------------------------------------------------
function sourceTexts() {
  const files = [
    'packages/core/src/taxonomy.ts',
    'packages/core/src/areas.ts',
    ...readdirSync(join(root, 'packages/mocks/src'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `packages/mocks/src/${f}`),
  ];
  const phrases = new Set();
  for (const file of files) {
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(/\p{Script=Han}+/gu)) phrases.add(m[0]);
  }
  return [...phrases];
}
/**
 * Real places and names residents type that the kit's own text does not hold,
 * each with its local reading where that differs from pinyin-pro's: 莘庄
 * (Xinzhuang, Minhang) is not shen zhuang, 殷行 (Yinhang, Yangpu) not yin xing.
 * Their characters join the table too (耆 of 乐耆, 颛 of 颛桥).
 */
const LOCAL_READINGS = new Map([
  ['莘庄', ['xin', 'zhuang']],
  ['殷行', ['yin', 'hang']],
  ['颛桥', null],
  ['乐耆', null],
  ['耆老', null],
]);
/**
 * Characters outside GB2312 level 1 that organizations' names often hold (given
 * names, brands, rivers and hills: 晟, 皓, 萱, 麒麟, 瀚, 溧), so that their names
 * are found by pinyin and initials too. Each costs about three bytes of table.
 */
const NAME_CHARS =
  '晟皓昕瑾萱琦麒麟岚菁娅筱芮恺芊炜烨馥泓昊淼祺钰蓓翊煜骞弈懿璐珂玮琛瑛璇珏琰琨瑭璞璋桦楠槿苡茗荟萃薇茜菡蕙芸苓晔昱晞晏煦熠炫焱熹奕骁鹭鹂鸾嵘崧岑峥岱淇涓沐漪潼瀚濮洵潇灏溧濠粼赟懋攸翎羿镕眸聆颀韬黛璨瑜珈珞珺玥璟彧暄濛渲珉隽茉岷汶浔沅滢垚犇骅骐翀宸宥寰煊炀昶晁晗曜旻昀祯禧笃芃蓁葳蕤苒榕楸柚莓';
const phrases = [...sourceTexts(), ...LOCAL_READINGS.keys(), ...NAME_CHARS];

// --- traditional → simplified --------------------------------------------------
function openccTable() {
  const dir = mkdtempSync(join(tmpdir(), 'renling-opencc-'));
  try {
    execFileSync('npm', ['pack', OPENCC, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack ${OPENCC} produced no tarball`);
    execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir, 'package/dist/esm-lib/dict/TSCharacters.js']);
    const text = readFileSync(join(dir, 'package/dist/esm-lib/dict/TSCharacters.js'), 'utf8');
    const body = /"([^"]*)"/u.exec(text)?.[1];
    if (!body) throw new Error('Unexpected TSCharacters.js format');
    return body.split('|').map((pair) => pair.split(' '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- build --------------------------------------------------------------------
const level1Set = new Set(level1);
const phraseChars = new Set(phrases.flatMap((p) => [...p]));

const t2s = new Map();
const wantedTraditional = (t) => big5.has(t) || phraseChars.has(t);
for (const [trad, simps] of openccTable()) {
  const simp = simps ? [...simps][0] : undefined;
  if (!simp || [...trad].length !== 1 || trad === simp) continue;
  // A character that is itself valid simplified text (乾, 著) keeps its own reading.
  if (gb2312.has(trad) || !wantedTraditional(trad)) continue;
  if (trad.codePointAt(0) > 0xffff || simp.codePointAt(0) > 0xffff) continue;
  t2s.set(trad, simp);
}

// Characters outside level 1 that the kit's text, or traditional text folded to simplified, needs.
const extraChars = new Set();
for (const c of phraseChars) {
  const s = t2s.get(c) ?? c;
  if (!level1Set.has(s) && s.codePointAt(0) <= 0xffff) extraChars.add(s);
}
// A traditional character folds only to one we can read: the rarer pairs cost bundle bytes for little.
for (const [t, s] of t2s) if (!level1Set.has(s) && !extraChars.has(s)) t2s.delete(t);

// base-32 varint: digits 0-9a-v end a number, w-zA-Z_$ (the upper 32) continue it
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
function varint(n) {
  let z = n < 0 ? -2 * n - 1 : 2 * n;
  let s = DIGITS[z % 32];
  z = Math.floor(z / 32);
  while (z > 0) {
    s = DIGITS[32 + (z % 32)] + s;
    z = Math.floor(z / 32);
  }
  return s;
}

// --- the syllable inventory, as a grid of initials × finals -----------------------
const INITIALS = ['', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'zh', 'ch', 'sh', 'r', 'z', 'c', 's', 'y', 'w'];
const initialOf = (syllable) => INITIALS.filter((i) => syllable.startsWith(i)).sort((a, b) => b.length - a.length)[0] ?? '';

function inventory(used) {
  const finals = [...new Set([...used].map((s) => s.slice(initialOf(s).length)))].sort();
  const bits = [];
  // each syllable once, under its longest initial (ng is n + g, not none + ng)
  for (const i of INITIALS) for (const f of finals) bits.push(used.has(i + f) && initialOf(i + f) === i ? 1 : 0);
  let grid = '';
  for (let at = 0; at < bits.length; at += 6) grid += DIGITS[bits.slice(at, at + 6).reduce((n, b, k) => n | (b << k), 0)];
  const syllables = [];
  INITIALS.forEach((i, ii) => finals.forEach((f, fi) => bits[ii * finals.length + fi] && syllables.push(i + f)));
  syllables.sort();
  if (syllables.length !== used.size) throw new Error('The syllable grid does not give back the syllables');
  return { finals, grid, index: new Map(syllables.map((s, k) => [s, k])) };
}

function runs(index) {
  let out = '';
  let previous = 0;
  let current = '';
  let count = 0;
  const flush = () => {
    const at = index.get(current);
    out += varint(at - previous) + varint(count);
    previous = at;
  };
  for (const c of level1) {
    const r = readingOf(c);
    if (!SYLLABLE.test(r)) throw new Error(`No reading for ${c}`);
    if (r === current) count++;
    else {
      if (count) flush();
      current = r;
      count = 1;
    }
  }
  flush();
  return out;
}

function extras() {
  const groups = new Map();
  for (const c of [...extraChars].sort()) {
    const r = readingOf(c);
    if (!SYLLABLE.test(r)) continue;
    groups.set(r, (groups.get(r) ?? '') + c);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : 1));
}
function traditional() {
  const pairs = [...t2s].map(([t, s]) => [t.codePointAt(0), s.codePointAt(0)]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  let pt = 0x4e00;
  let ps = 0x4e00;
  let trad = '';
  let simp = '';
  for (const [t, s] of pairs) {
    trad += varint(t - pt);
    simp += varint(s - ps);
    pt = t;
    ps = s;
  }
  return { trad, simp, count: pairs.length };
}

// Words whose reading in context differs from the characters' defaults.
const knownChar = (c) => level1Set.has(c) || extraChars.has(c);
function differences(word, readings) {
  const chars = [...word];
  if (readings.length !== chars.length) return null;
  const diffs = [];
  chars.forEach((c, i) => {
    const r = readings[i];
    if (r !== readOrNull(c) && SYLLABLE.test(r)) diffs.push([i, r]);
  });
  return diffs;
}
const readOrNull = (c) => (knownChar(c) ? readingOf(c) : null);
async function pinyinProWords(file, limit) {
  const url = pathToFileURL(join(root, 'node_modules/pinyin-pro/dist/esm/data', file));
  const dict = (await import(url.href)).default;
  const words = new Map();
  for (const [word, reading] of Object.entries(dict)) {
    if (words.size >= limit) break;
    if (![...word].every(knownChar)) continue;
    const readings = reading
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/gu, (m) => (m === '\u0308' ? '\u0308' : ''))
      .replace(/u\u0308/gu, 'v')
      .split(' ');
    const diffs = differences(word, readings);
    if (diffs && diffs.length > 0) words.set(word, diffs);
  }
  return words;
}
const words = new Map([...(await pinyinProWords('dict2.mjs', COMMON_WORDS)), ...(await pinyinProWords('dict3.mjs', THREE_CHAR_WORDS))]);
// The kit's own phrases, read whole: a polyphone read differently in context
// is recorded with its neighbour (长宁, 重阳), or the whole short phrase.
for (const phrase of phrases) {
  const chars = [...phrase];
  if (chars.length < 2 || !chars.every(knownChar)) continue;
  const whole = toneless(phrase);
  const diffs = differences(phrase, whole);
  if (!diffs) continue;
  for (const [i, r] of diffs) {
    let recorded = false;
    for (const [from, to] of [
      [i, i + 2],
      [i - 1, i + 1],
      [i - 1, i + 2],
      [i, i + 3],
      [i - 2, i + 1],
    ]) {
      if (from < 0 || to > chars.length) continue;
      const word = chars.slice(from, to).join('');
      if (toneless(word)[i - from] === r) {
        const d = differences(word, toneless(word));
        if (d && d.length) words.set(word, d);
        recorded = true;
        break;
      }
    }
    if (!recorded && chars.length <= 6) words.set(phrase, diffs);
  }
}
// A title ending in 长 (区长, 市长, 会长, 站长) is left out: in organizations' names a 长 after a
// district, a city or an organization begins a place (普陀区长征镇, 上海市长宁区, 慈善基金会长宁
//分会), which the title would read as zhang. Words that are not titles stay.
const NOT_TITLES = new Set(['家长', '成长', '增长', '生长']);
for (const w of [...words.keys()]) if ([...w].length === 2 && w.endsWith('长') && !NOT_TITLES.has(w)) words.delete(w);
// Words the issue names explicitly, whatever the sources above say.
for (const w of ['长宁', '重庆', '银行', '重阳', '长者', '长春', '乐龄', '音乐', '快乐', '调解', '行政', '银行', '单元长', '楼栋长', '网格长', '楼组长']) {
  const d = differences(w, toneless(w));
  if (d && d.length) words.set(w, d);
}
for (const [w, readings] of LOCAL_READINGS) {
  const d = readings ? differences(w, readings) : null;
  if (d && d.length) words.set(w, d);
}
const extraGroups = extras();
const used = new Set([...level1.map(readingOf), ...extraGroups.map(([r]) => r), ...[...words.values()].flatMap((diffs) => diffs.map(([, r]) => r))]);
const syllableGrid = inventory(used);
const wordText = [...words]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([w, diffs]) => w + diffs.map(([i, r]) => varint(i) + varint(syllableGrid.index.get(r))).join(''))
  .join('|');

const trad = traditional();
const data = {
  FINALS: syllableGrid.finals.join(' '),
  SYLLABLE_GRID: syllableGrid.grid,
  LEVEL1_RUNS: runs(syllableGrid.index),
  EXTRA_CHARS: extraGroups.map(([r, cs]) => varint(syllableGrid.index.get(r)) + cs).join(''),
  T2S_TRAD: trad.trad,
  T2S_SIMP: trad.simp,
  WORDS: wordText,
};
const file = `// Generated by scripts/build-readings.mjs from pinyin-pro and OpenCC (${OPENCC}); do not edit.
// ${used.size} syllables; ${level1.length} GB2312 level-1 characters (read in GB2312 order), ${extraChars.size} others,
// ${trad.count} traditional→simplified pairs, ${words.size} words read differently in context.
${Object.entries(data)
  .map(([k, v]) => `export const ${k} =\n  ${JSON.stringify(v)};`)
  .join('\n')}
`;

if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8');
  if (current !== file) {
    console.error('readings.generated.ts is stale: run node scripts/build-readings.mjs');
    process.exit(1);
  }
  console.log('readings.generated.ts is up to date');
} else {
  writeFileSync(out, file);
  for (const [k, v] of Object.entries(data)) console.log(`${k.padEnd(12)} ${String(v.length).padStart(6)} chars, ${gzipSync(v).length} B gzip`);
  console.log(`total ${gzipSync(file).length} B gzip → ${out}`);
}

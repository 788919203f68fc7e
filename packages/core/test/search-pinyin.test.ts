// Pinyin while it is being typed, and pinyin reaching every field Chinese text reaches.
import { expect } from '@open-wc/testing';
import { generateDataset } from '@renling/mocks';
import { createSearchIndex, defaultReadings, foldSearchText, groupForSearch, type SearchHit, type SearchIndex } from '../src/search/index.js';

const readings = defaultReadings();

/** The pinyin of a stretch of a text as read in its context: syllables and their initials. */
function pinyinOf(text: string, [start, end]: [number, number]): { full: string; initials: string } {
  const syllables = [...readings.read(foldSearchText(text, readings)).slice(start, end)].map((ch) => readings.syllables[ch.charCodeAt(0)] ?? '');
  return { full: syllables.join(''), initials: syllables.map((s) => s.charAt(0)).join('') };
}

/** The hit's name has a highlighted stretch that reads as the typed letters so far. */
function nameReads(hit: SearchHit, typed: string): boolean {
  const name = hit.matches.find((m) => m.field === 'name');
  return (name?.ranges ?? []).some((range) => {
    const { full, initials } = pinyinOf(name?.text ?? '', range);
    return full.startsWith(typed) || initials.startsWith(typed);
  });
}

const ids = (index: SearchIndex, query: string): Set<string> => new Set(index.search(query, { limit: Infinity }).hits.map((h) => h.id));

describe('search: pinyin as it is typed', () => {
  const data = generateDataset({ seed: 20261101, organizations: 1500 });
  const index = createSearchIndex(groupForSearch(data.organizations, data.offers));

  for (const [word, meant] of [
    ['yanglaofuwu', '养老服务'],
    ['xinlizixun', '心理咨询'],
    ['changning', '长宁'],
  ] as const) {
    it(`finds names reading so at every prefix of ${word}, and ${meant} at the end`, () => {
      for (let n = 1; n <= word.length; n++) {
        const typed = word.slice(0, n);
        const result = index.search(typed, { limit: 5 });
        expect(result.total, typed).to.be.greaterThan(0);
        expect(result.hits, typed).to.have.length(5);
        // names read as what was typed so far come first, never a weaker match above them
        for (const hit of result.hits) expect(nameReads(hit, typed), `${typed}: ${hit.organization.name}`).to.equal(true);
      }
      for (const hit of index.search(word, { limit: 5 }).hits) expect(hit.organization.name, word).to.contain(meant);
    });
  }

  it('reads a final syllable as the start of a longer one (yangla → 养老), ranking the syllable typed in full higher', () => {
    const typing = index.search('yangla', { limit: 20 });
    expect(typing.total).to.equal(index.search('yanglao', { limit: 0 }).total);
    expect(typing.hits[0]?.matches.find((m) => m.field === 'name')?.text).to.contain('养老');
    // xinli: 心理 (li, as typed) above 心灵 (ling, a syllable li begins)
    const small = createSearchIndex([
      { organization: { ...data.organizations[0]!, id: 'ling', name: '心灵驿站' }, offers: [] },
      { organization: { ...data.organizations[1]!, id: 'li', name: '心理驿站' }, offers: [] },
    ]);
    expect(small.search('xinli').hits.map((h) => h.id)).to.deep.equal(['li', 'ling']);
    // a word followed by a space is finished: la is la
    expect(index.search('yangla ', { limit: 0 }).total).to.be.lessThan(typing.total);
  });

  it('widens the last syllable in mixed input too (华yan → 华阳)', () => {
    const hits = index.search('华yan', { limit: 5 }).hits;
    expect(hits.length).to.equal(5);
    for (const hit of hits) expect(hit.matches.some((m) => m.ranges.some(([s, e]) => m.text.slice(s, e) === '华阳')), hit.organization.name).to.equal(true);
  });
});

describe('search: pinyin reaches what Chinese text reaches', () => {
  const queries: [string, string, string][] = [
    ['养老', 'yanglao', 'yl'],
    ['居家养老', 'jujiayanglao', 'jjyl'],
    ['心理咨询', 'xinlizixun', 'xlzx'],
    ['法律援助', 'falvyuanzhu', 'flyz'],
    ['志愿者', 'zhiyuanzhe', 'zyz'],
    ['老年人', 'laonianren', 'lnr'],
    ['青少年', 'qingshaonian', 'qsn'],
    ['残疾人', 'canjiren', 'cjr'],
    ['助餐', 'zhucan', 'zc'],
    ['垃圾分类', 'lajifenlei', 'ljfl'],
    ['社区', 'shequ', 'sq'],
  ];
  // a street's directory (about 60 organizations) and a district's
  for (const organizations of [60, 1500]) {
    it(`finds the same organizations by full pinyin, and at least them by initials (${organizations} organizations)`, () => {
      const data = generateDataset({ seed: 20261101, organizations });
      const index = createSearchIndex(groupForSearch(data.organizations, data.offers));
      let inDescriptions = 0;
      for (const [chinese, pinyin, initials] of queries) {
        const wanted = ids(index, chinese);
        expect([...ids(index, pinyin)].sort(), `${pinyin} as ${chinese}`).to.deep.equal([...wanted].sort());
        const byInitials = ids(index, initials);
        expect([...wanted].filter((id) => !byInitials.has(id)), `${initials} as ${chinese}`).to.deep.equal([]);
        // the description's own words are highlighted, as for Chinese text
        for (const hit of index.search(pinyin, { limit: Infinity }).hits) {
          for (const m of hit.matches) {
            if (m.field !== 'description') continue;
            inDescriptions++;
            for (const [s, e] of m.ranges) expect(foldSearchText(m.text.slice(s, e), readings), pinyin).to.equal(chinese);
          }
        }
      }
      expect(inDescriptions).to.be.greaterThan(0);
    });
  }

  it('ranks a description below a name for the same pinyin', () => {
    const data = generateDataset({ seed: 3, organizations: 2 });
    const [a, b] = data.organizations;
    const index = createSearchIndex([
      { organization: { ...a!, id: 'desc', name: '社区睦邻点', description: '为老年人提供居家养老服务。', tags: [] }, offers: [] },
      { organization: { ...b!, id: 'name', name: '居家养老服务社', description: '', tags: [], categoryCodes: [] }, offers: [] },
    ]);
    expect(index.search('jujiayanglao').hits.map((h) => h.id)).to.deep.equal(['name', 'desc']);
  });
});

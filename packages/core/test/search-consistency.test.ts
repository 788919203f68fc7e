// The same query must give the same total and order however many searches,
// and which others, ran before it, and whatever unrelated records changed.
import { expect } from '@open-wc/testing';
import { generateDataset } from '@renling/mocks';
import { createSearchIndex, groupForSearch, type SearchIndex, type SearchRecord } from '../src/search/index.js';
import { org, rec } from './search-fixtures.js';

interface Labelled {
  seed: number;
  records: SearchRecord[];
  queries: { q: string }[];
}

/** What a result is compared by: the total and the first page's order. */
const outcome = (index: SearchIndex, q: string): string => {
  const r = index.search(q, { limit: 20 });
  return `${r.total}: ${r.hits.map((h) => h.id).join(' ')}`;
};

// a name no query reads: Greek letters are a word none of them starts, and it has no reading
const unrelated = (id: string, name = 'ΩΩΩ'): SearchRecord => rec(org(id, name));

describe('search: the same query, the same answer', function () {
  this.timeout(120_000);
  let index: SearchIndex;
  let queries: string[];

  before(async () => {
    const labelled = (await (await fetch('/bench/search-queries.json')).json()) as Labelled;
    const data = generateDataset({ seed: labelled.seed, organizations: 3000 });
    index = createSearchIndex([...groupForSearch(data.organizations, data.offers), ...labelled.records]);
    // short prefixes, the broadest searches, beside every labelled query
    queries = ['y', 'ya', 'yan', 'yang', 'z', 'zh', 'zhong', '服', '服务', ...labelled.queries.map((l) => l.q)];
  });

  it('answers every query the same twice, in another order and between other queries', () => {
    const first = new Map(queries.map((q) => [q, outcome(index, q)]));
    for (const q of [...queries].reverse()) expect(outcome(index, q), q).to.equal(first.get(q));
    queries.forEach((q, i) => {
      // another query, with other options, in between each time
      const other = queries[(i * 7 + 3) % queries.length] ?? '';
      index.search(other, { limit: Infinity, sort: i % 2 ? 'name' : 'relevance' });
      index.suggest(other);
      expect(outcome(index, q), `${q} after ${other}`).to.equal(first.get(q));
    });
  });

  it('answers the same after unrelated records are added, updated and removed', () => {
    const first = new Map(queries.map((q) => [q, outcome(index, q)]));
    const check = (when: string): void => {
      for (const q of queries) expect(outcome(index, q), `${q} ${when}`).to.equal(first.get(q));
    };
    for (let i = 0; i < 40; i++) index.add(unrelated(`u-${i}`));
    check('after adding');
    for (let i = 0; i < 40; i += 2) index.update(unrelated(`u-${i}`, 'ΨΨΨ'));
    check('after updating');
    for (let i = 0; i < 40; i++) index.remove(`u-${i}`);
    check('after removing');
    queries.forEach((q, i) => {
      index.add(unrelated(`v-${i}`));
      expect(outcome(index, q), `${q} between changes`).to.equal(first.get(q));
      index.remove(`v-${i}`);
    });
  });
});

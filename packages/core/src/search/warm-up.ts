/**
 * Searches of every kind run once before the first real one. The engine's
 * code is compiled and optimized as it first runs, path by path (Latin words,
 * initials, long Chinese text, typos…); a resident's first letters should not
 * pay for that. A worker keeping its index (createSearchWorker) runs these
 * after building it; the directory runs them in the page, one per task.
 */
import type { SearchIndex } from './types.js';

/** About the rows a list shows at first. */
const WARM_UP_ROWS = 8;

export const SEARCH_WARM_UP_QUERIES: readonly string[] = [
  // letters: one, a syllable being typed, whole syllables, initials
  ...['f', 'fu', 'fuw', 'fuwu', 'fuwuzhongxin', 'fw', 'fwz', 'fwzx', 'sh', 'she'],
  // Chinese text: one character to a phrase, traditional, full-width
  ...['服', '服务', '服务中', '服务中心', '社区服务中心', '服務', 'ＦＵＷＵ'],
  // mixed, English, typos, several words, browsing
  ...['fu务', '服务zhongxin', 'service', 'servise', 'center', '服务中兴', '社区 服务', 'shequ fuwu', '服务 ser', ''],
  // tone marks and ü, syllables typed apart, words run together, a sentence, a slip of the keys, initials first
  ...['fúwù', 'lüshi', 'fu wu', '中心社区服务', '我想找社区服务中心帮忙', 'fuwuzhonxgin', 'fwzhongxin'],
];

export function warmUp(index: SearchIndex): void {
  for (const query of SEARCH_WARM_UP_QUERIES) warmUpOne(index, query);
}

/** One warm-up query: its search, the matches of the hits a list first shows, and its suggestions. */
export function warmUpOne(index: SearchIndex, query: string): void {
  for (const hit of index.search(query, { limit: 20 }).hits.slice(0, WARM_UP_ROWS)) void hit.matches;
  index.suggest(query);
}

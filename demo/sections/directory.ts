/**
 * The portal's directory section: `<rl-org-directory>` under the page's
 * provider, with its own URL prefix so its parameters (dir-q, dir-org…) sit
 * beside the portal's lang and theme. Its texts are the section heading and
 * a line under it; the component translates itself.
 */
import type { Locale } from '@renling/core';
import type { RlOrgDirectory, RlSearchCompletedEvent } from '@renling/elements';

export const DIRECTORY_TEXT: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    directory: '社会组织名录 · 找服务',
    'directory-text': '搜索街道里的社会组织和它们提供的服务，可以输入汉字、拼音或首字母，比如“养老”“yanglao”“ylfw”。',
  },
  'zh-TW': {
    directory: '社會組織名錄 · 找服務',
    'directory-text': '搜尋街道裡的社會組織和它們提供的服務，可以輸入中文、拼音或首字母，例如「養老」「yanglao」「ylfw」。',
  },
  en: {
    directory: 'Directory of organizations',
    'directory-text':
      'Search the subdistrict’s organizations and their services, in Chinese characters, pinyin or initials, e.g. 养老, yanglao or ylfw.',
  },
};

/** Puts the directory into `container`; searches nobody could answer are kept for the street's staff to see. */
export function mountDirectory(container: HTMLElement): RlOrgDirectory {
  const directory = document.createElement('rl-org-directory');
  directory.urlPrefix = 'dir-';
  directory.headingLevel = 3;
  directory.addEventListener('rl-search-completed', (event: RlSearchCompletedEvent) => {
    const { query, total, partial, corrected } = event.detail;
    // a real portal would send these to its statistics: demand that no organization meets yet
    if (total === 0 && query) console.info(`[portal] no organization found for “${query}”`);
    else if (partial) console.info(`[portal] only some words of “${query}” found`);
    else if (corrected !== null) console.info(`[portal] “${query}” found nothing as typed; shown as “${corrected}”`);
  });
  container.append(directory);
  return directory;
}

import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import { CategoryCode, LOCALES } from '../src/model.js';
import type { Category, CategoryItem } from '../src/model.js';
import { categoryItems, categoryLabel, findCategory, isCategoryCode, taxonomy, topLevelCode } from '../src/taxonomy.js';

const TOP_LEVEL_CODES = [
  'elderly',
  'disability',
  'children-youth',
  'family-women',
  'health',
  'mental-health',
  'legal-aid',
  'mediation',
  'employment',
  'culture-sports',
  'environment',
  'housing-property',
  'safety',
  'special-groups',
  'poverty-relief',
  'convenience',
  'volunteering',
  'enterprise',
  'self-governance',
  'education',
];

// Simplified characters that never appear in correct traditional text
// (ambiguous ones such as 后、干、里、党、术 are left out on purpose).
const SIMPLIFIED_ONLY = [
  ...'为务残儿与妇医疗调业训体动环类设帮愿区养间关爱长护紧复练辅无碍课学导来沪员婴发维权签约诊询压绪预伤抚诉讼遗嘱继传邻纠纷劳争议荐职带货创剧戏书画极艺绿旧楼洁会装电逻抛诈骗矫严满释难临时结对缝补购办银专领联组队众团项节脑阅读',
];
const hasSimplifiedOnly = (s: string): boolean => [...s].some((ch) => SIMPLIFIED_ONLY.includes(ch));

const everything = (): CategoryItem[] => [...taxonomy, ...categoryItems()];
const synonymsUnder = (top: string): string[] =>
  everything()
    .filter((c) => topLevelCode(c.code) === top)
    .flatMap((c) => c.synonyms);

describe('taxonomy', () => {
  it('has the fixed top-level codes in order, each with 3–6 items', () => {
    expect(taxonomy.map((c) => c.code)).to.deep.equal(TOP_LEVEL_CODES);
    for (const c of taxonomy) {
      expect(c.children.length, c.code).to.be.within(3, 6);
    }
  });

  it('has at least 60 second-level items', () => {
    expect(categoryItems().length).to.be.at.least(60);
    expect(categoryItems().length).to.equal(taxonomy.reduce((n, c) => n + c.children.length, 0));
  });

  it('uses unique, well-formed codes that nest under their top level', () => {
    const codes = everything().map((c) => c.code);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const top of taxonomy) {
      expect(top.code).to.match(/^[a-z][a-z-]*$/);
      for (const child of top.children) {
        expect(child.code).to.match(/^[a-z][a-z-]*\.[a-z][a-z-]*$/);
        expect(child.code.startsWith(`${top.code}.`), child.code).to.equal(true);
      }
    }
    for (const code of codes) expect(v.is(CategoryCode, code), code).to.equal(true);
    expect(isCategoryCode('elderly.home-care')).to.equal(true);
    expect(isCategoryCode('mediation.doctor-patient')).to.equal(true);
  });

  it('labels every entry in all three locales', () => {
    for (const c of everything()) {
      for (const locale of LOCALES) {
        expect(c.labels[locale].trim(), `${c.code} ${locale}`).to.not.equal('');
      }
      expect(/[\u4e00-\u9fff]/u.test(c.labels['zh-CN']), c.code).to.equal(true);
      expect(/[\u4e00-\u9fff]/u.test(c.labels['zh-TW']), c.code).to.equal(true);
      expect(/^[\x20-\x7e\u2019]+$/u.test(c.labels.en), c.code).to.equal(true);
    }
  });

  it('writes zh-TW in traditional characters, not as a copy of zh-CN', () => {
    for (const c of everything()) {
      const { 'zh-CN': cn, 'zh-TW': tw } = c.labels;
      if (hasSimplifiedOnly(cn)) expect(tw, c.code).to.not.equal(cn);
      expect(hasSimplifiedOnly(tw), `${c.code}: ${tw}`).to.equal(false);
    }
    expect(findCategory('elderly')?.labels['zh-CN']).to.contain('为老');
    expect(findCategory('elderly')?.labels['zh-TW']).to.contain('為老');
    expect(findCategory('volunteering')?.labels['zh-TW']).to.equal('志願服務');
    expect(findCategory('mediation.doctor-patient')?.labels['zh-TW']).to.contain('醫');
    expect(findCategory('family-women')?.labels['zh-TW']).to.equal('家庭與婦女');
  });

  it('keeps synonyms non-empty and unique per entry', () => {
    for (const c of everything()) {
      expect(c.synonyms.length, c.code).to.be.at.least(1);
      expect(new Set(c.synonyms).size, c.code).to.equal(c.synonyms.length);
      for (const s of c.synonyms) {
        expect(s.trim(), c.code).to.equal(s);
        expect(s, c.code).to.not.equal('');
      }
    }
  });

  it('carries the words residents type, in both scripts', () => {
    expect(synonymsUnder('elderly')).to.include.members(['养老', '養老', '老人', '老年人', '助老', '居家养老', '上门']);
    expect(findCategory('elderly.home-care')?.synonyms).to.include.members(['养老', '上门', '居家养老']);
    expect(synonymsUnder('mental-health')).to.include.members(['心理咨询', '心理辅导', '心里咨询', '心理諮商']);
    expect(synonymsUnder('mediation')).to.include.members(['调解', '調解', '吵架', '邻里纠纷']);
    expect(findCategory('mediation.doctor-patient')?.synonyms).to.include.members(['医患', '醫患']);
  });

  it('finds entries at both levels', () => {
    const meals = findCategory('elderly.meals');
    expect(meals?.labels.en).to.equal('Meals for elders');
    expect(findCategory('elderly')).to.equal(taxonomy[0]);
    expect((findCategory('elderly') as Category).children).to.have.length.within(3, 6);
    expect(findCategory('elderly.nothing')).to.equal(undefined);
    expect(findCategory('')).to.equal(undefined);
    for (const code of [
      'elderly.home-care',
      'elderly.day-care',
      'elderly.empty-nester',
      'mediation.neighbour',
      'mediation.labour',
      'employment.livestream-sales',
      'culture-sports.peking-opera',
      'housing-property.old-compound',
      'special-groups.community-correction',
      'poverty-relief.charity-supermarket',
      'convenience.haircut',
      'convenience.knife-sharpening',
      'enterprise.white-collar-lunch',
    ]) {
      expect(findCategory(code)?.code, code).to.equal(code);
    }
  });

  it('cuts a code to its top level', () => {
    expect(topLevelCode('elderly.meals')).to.equal('elderly');
    expect(topLevelCode('children-youth.tutoring')).to.equal('children-youth');
    expect(topLevelCode('elderly')).to.equal('elderly');
  });

  it('tells known codes from merely well-formed ones', () => {
    expect(isCategoryCode('elderly')).to.equal(true);
    expect(isCategoryCode('elderly.teleportation')).to.equal(false);
    expect(isCategoryCode('Elderly')).to.equal(false);
    expect(isCategoryCode('')).to.equal(false);
  });

  it('labels a code per locale and falls back to the code', () => {
    expect(categoryLabel('elderly', 'zh-CN')).to.equal('为老服务');
    expect(categoryLabel('elderly', 'zh-TW')).to.equal('為老服務');
    expect(categoryLabel('elderly', 'en')).to.equal('Elderly care');
    expect(categoryLabel('mediation.doctor-patient', 'zh-CN')).to.equal('医患纠纷调解');
    expect(categoryLabel('no.such-code', 'en')).to.equal('no.such-code');
  });

  it('cannot be changed by a consumer', () => {
    const items = categoryItems();
    items.length = 0;
    expect(categoryItems().length).to.be.at.least(60);
    const first = taxonomy[0];
    expect(first).to.not.equal(undefined);
    expect(() => {
      if (first) first.labels.en = 'changed';
    }).to.throw(TypeError);
    expect(() => first?.synonyms.push('x')).to.throw(TypeError);
    expect(categoryLabel('elderly', 'en')).to.equal('Elderly care');
  });
});

import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import { AreaSchema } from '../src/model.js';
import type { Area } from '../src/model.js';
import {
  CHANGNING_STREETS,
  REAL_DISTRICTS,
  areaLevel,
  coarsenArea,
  createAreaTree,
  demoStreetAreas,
  isWithinArea,
  parentAreaCode,
} from '../src/areas.js';

const GRID = '310105001001002';

describe('area codes', () => {
  it('reads the level from the length', () => {
    expect(areaLevel('310105')).to.equal('district');
    expect(areaLevel('310105001')).to.equal('street');
    expect(areaLevel('310105001001')).to.equal('community');
    expect(areaLevel(GRID)).to.equal('grid');
  });

  it('throws a TypeError for malformed codes', () => {
    for (const bad of ['', '31010', '3101050', '31010500', '3101050010011', '3101050010010020', '31o105', ' 310105', '310105-001']) {
      expect(() => areaLevel(bad), JSON.stringify(bad)).to.throw(TypeError);
      expect(() => parentAreaCode(bad), JSON.stringify(bad)).to.throw(TypeError);
      expect(() => coarsenArea(bad, 'district'), JSON.stringify(bad)).to.throw(TypeError);
    }
  });

  it('finds the parent by cutting three digits', () => {
    expect(parentAreaCode(GRID)).to.equal('310105001001');
    expect(parentAreaCode('310105001001')).to.equal('310105001');
    expect(parentAreaCode('310105001')).to.equal('310105');
    expect(parentAreaCode('310105')).to.equal(null);
  });

  it('tells whether a code lies within another', () => {
    expect(isWithinArea(GRID, '310105')).to.equal(true);
    expect(isWithinArea(GRID, '310105001')).to.equal(true);
    expect(isWithinArea(GRID, GRID)).to.equal(true);
    expect(isWithinArea('310105001', '310105001')).to.equal(true);
    expect(isWithinArea('310105001', GRID)).to.equal(false);
    expect(isWithinArea('310105002001', '310105001')).to.equal(false);
    expect(isWithinArea('310104001', '310105')).to.equal(false);
    // a non-aligned prefix is not an ancestor, and junk never matches
    expect(isWithinArea('310105001001', '3101050')).to.equal(false);
    expect(isWithinArea('oops', '310105')).to.equal(false);
    expect(isWithinArea('310105001', '')).to.equal(false);
  });

  it('coarsens to a level and leaves coarser codes alone', () => {
    expect(coarsenArea(GRID, 'district')).to.equal('310105');
    expect(coarsenArea(GRID, 'street')).to.equal('310105001');
    expect(coarsenArea(GRID, 'community')).to.equal('310105001001');
    expect(coarsenArea(GRID, 'grid')).to.equal(GRID);
    expect(coarsenArea('310105001', 'community')).to.equal('310105001');
    expect(coarsenArea('310105', 'grid')).to.equal('310105');
  });
});

describe('real districts and streets', () => {
  it('lists the 16 Shanghai districts and the other seed districts', () => {
    expect(REAL_DISTRICTS).to.have.length(18);
    const codes = REAL_DISTRICTS.map((d) => d.code);
    expect(new Set(codes).size).to.equal(18);
    expect(REAL_DISTRICTS.filter((d) => d.city === '上海市')).to.have.length(16);
    for (const d of REAL_DISTRICTS) {
      expect(areaLevel(d.code), d.code).to.equal('district');
      expect(d.name).to.match(/[区]$/u);
      expect(d.nameEn).to.match(/^[A-Z][A-Za-z' ]+$/u);
    }
    const byCode = new Map(REAL_DISTRICTS.map((d) => [d.code, d]));
    expect(byCode.get('310105')?.name).to.equal('长宁区');
    expect(byCode.get('310115')?.name).to.equal('浦东新区');
    expect(byCode.get('310151')?.name).to.equal('崇明区');
    expect(byCode.get('320612')).to.include({ name: '通州区', city: '南通市' });
    expect(byCode.get('220102')).to.include({ name: '南关区', city: '长春市' });
  });

  it('lists the ten streets of Changning under 310105', () => {
    expect(CHANGNING_STREETS).to.have.length(10);
    for (const s of CHANGNING_STREETS) {
      expect(v.is(AreaSchema, s), s.code).to.equal(true);
      expect(s.level).to.equal('street');
      expect(s.parentCode).to.equal('310105');
      expect(s.nameEn, s.code).to.match(/^[A-Z][a-z]+ (Subdistrict|Town)$/u);
    }
    const names = new Map(CHANGNING_STREETS.map((s) => [s.code, s.name]));
    expect(names.get('310105001')).to.equal('华阳路街道');
    expect(names.get('310105008')).to.equal('仙霞新村街道');
    expect(names.get('310105102')).to.equal('新泾镇');
  });
});

describe('demo street areas', () => {
  it('is a well-formed tree: district > street > committees > grids', () => {
    const areas = demoStreetAreas();
    expect(new Set(areas.map((a) => a.code)).size).to.equal(areas.length);
    const byCode = new Map(areas.map((a) => [a.code, a]));
    for (const a of areas) {
      expect(v.is(AreaSchema, a), a.code).to.equal(true);
      expect(areaLevel(a.code), a.code).to.equal(a.level);
      expect(a.nameEn, a.code).to.be.a('string').and.not.equal('');
      if (a.parentCode === null) {
        expect(a.level).to.equal('district');
      } else {
        expect(a.code.startsWith(a.parentCode), a.code).to.equal(true);
        expect(byCode.has(a.parentCode), a.code).to.equal(true);
      }
    }
    const communities = areas.filter((a) => a.level === 'community');
    expect(communities.length).to.be.within(8, 12);
    for (const c of communities) {
      expect(c.name).to.match(/居委会$/u);
      const grids = areas.filter((a) => a.parentCode === c.code);
      expect(grids.length, c.code).to.be.within(2, 4);
      for (const g of grids) expect(g.level).to.equal('grid');
    }
    expect(areas.filter((a) => a.level === 'street').map((a) => a.name)).to.deep.equal(['华阳路街道']);
  });

  it('hands out a fresh copy each time', () => {
    const first = demoStreetAreas();
    const area = first[0];
    if (area) area.name = 'changed';
    expect(demoStreetAreas()[0]?.name).to.equal('长宁区');
  });
});

describe('createAreaTree', () => {
  const tree = createAreaTree(demoStreetAreas());

  it('looks areas up and lists children in code order', () => {
    expect(tree.get('310105001')?.name).to.equal('华阳路街道');
    expect(tree.get('999999')).to.equal(undefined);
    expect(tree.children(null).map((a) => a.code)).to.deep.equal(['310105']);
    expect(tree.children('310105').map((a) => a.code)).to.deep.equal(['310105001']);
    const committees = tree.children('310105001').map((a) => a.code);
    expect(committees).to.deep.equal([...committees].sort());
    expect(committees[0]).to.equal('310105001001');
    expect(tree.children(GRID)).to.deep.equal([]);
    expect(tree.all).to.have.length(demoStreetAreas().length);
  });

  it('gives the path from the district down', () => {
    expect(tree.path(GRID).map((a) => a.level)).to.deep.equal(['district', 'street', 'community', 'grid']);
    expect(tree.path('310105').map((a) => a.code)).to.deep.equal(['310105']);
    expect(tree.path('310105999')).to.deep.equal([]);
  });

  it('labels an area by its path', () => {
    expect(tree.label(GRID, 'zh-CN')).to.equal('长宁区 华阳路街道 飞乐居委会 第二网格');
    expect(tree.label(GRID, 'zh-TW')).to.equal('长宁区 华阳路街道 飞乐居委会 第二网格');
    expect(tree.label(GRID, 'en')).to.equal("Changning District, Huayanglu Subdistrict, Feile Residents' Committee, Grid 2");
    expect(tree.label('310105999', 'zh-CN')).to.equal('310105999');
  });

  it('falls back to the Chinese name in en when nameEn is missing', () => {
    const t = createAreaTree([
      { code: '310105', level: 'district', name: '长宁区', parentCode: null },
      { code: '310105002', level: 'street', name: '江苏路街道', parentCode: '310105' },
    ]);
    expect(t.label('310105002', 'en')).to.equal('长宁区, 江苏路街道');
  });

  it('sorts input and treats areas with a missing parent as roots', () => {
    const slice = demoStreetAreas()
      .filter((a) => a.code.startsWith('310105001') && a.level !== 'street')
      .reverse();
    const t = createAreaTree(slice);
    const roots = t.children(null).map((a) => a.code);
    expect(roots).to.have.length.within(8, 12);
    expect(roots).to.deep.equal([...roots].sort());
    expect(t.path(GRID).map((a) => a.code)).to.deep.equal(['310105001001', GRID]);
  });

  it('combines with the real street list', () => {
    const changning: Area = { code: '310105', level: 'district', name: '长宁区', nameEn: 'Changning District', parentCode: null };
    const t = createAreaTree([changning, ...CHANGNING_STREETS]);
    expect(t.children('310105')).to.have.length(10);
    expect(t.label('310105102', 'zh-CN')).to.equal('长宁区 新泾镇');
  });

  it('rejects inconsistent data', () => {
    const district: Area = { code: '310105', level: 'district', name: '长宁区', parentCode: null };
    expect(() => createAreaTree([district, district])).to.throw(TypeError);
    expect(() => createAreaTree([{ ...district, level: 'street' }])).to.throw(TypeError);
    expect(() =>
      createAreaTree([{ code: '310105001', level: 'street', name: '华阳路街道', parentCode: '310104' }]),
    ).to.throw(TypeError);
    expect(() => createAreaTree([{ ...district, code: '31010' }])).to.throw(TypeError);
  });
});

import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { generateDataset } from '@renling/mocks';
import { createSearchIndex, createSmallPicker, groupForSearch, type SearchHit, type SearchIndex, type SearchRecord } from '../src/search/index.js';
import { taxonomy } from '../src/taxonomy.js';
import { handMade, offer, org, rec } from './search-fixtures.js';

// a generated street-to-district dataset with the hand-made organizations among it
const generated = generateDataset({ seed: 20261101, organizations: 1500 });
const records: SearchRecord[] = [...groupForSearch(generated.organizations, generated.offers), ...handMade()];
const index = createSearchIndex(records);

const ids = (query: string, idx: SearchIndex = index, limit = 20): string[] => idx.search(query, { limit }).hits.map((h) => h.id);
const top = (query: string, n = 5): string[] => ids(query).slice(0, n);

describe('search: query kinds', () => {
  it('finds Chinese substrings and words', () => {
    expect(top('乐龄')).to.include('t-leling');
    expect(top('乐龄社工')).to.include('t-leling');
    const elderly = index.search('养老', { limit: 50 });
    expect(elderly.total).to.be.greaterThan(20);
    for (const hit of elderly.hits) {
      const text = hit.matches.map((m) => m.text).join(' ');
      expect(text, hit.organization.name).to.match(/养老|為老|养|老/u);
    }
  });

  it('reads full pinyin, initials and mixed input', () => {
    expect(top('changning')).to.include('t-leling');
    expect(top('huayanglu xinlizixun')).to.include('t-xinli');
    expect(top('hyl xlzx')).to.include('t-xinli');
    expect(ids('xlzx', index, 200)).to.include('t-xinli');
    expect(top('hyljdxlzxgzs', 1)).to.deep.equal(['t-xinli']);
    expect(ids('xinli咨询', index, 200)).to.include('t-xinli');
    const yang = index.search('yang老', { limit: 10 });
    expect(yang.total).to.be.greaterThan(0);
    for (const hit of yang.hits) expect(hit.matches.some((m) => m.ranges.some(([s, e]) => /养老/u.test(m.text.slice(s, e)))), hit.organization.name).to.equal(true);
  });

  it('reads initials leading whole syllables (ylfuwu) when nothing matches otherwise', () => {
    expect(top('hyljdxinlizixun')).to.include('t-xinli');
    expect(ids('xlzixun', index, 200)).to.include('t-xinli');
    expect(ids('huayanglu xlzixun', index)).to.include('t-xinli');
    const spans = index.search('xlzixun', { limit: 200 }).hits.find((h) => h.id === 't-xinli')!.matches.flatMap((m) => m.ranges.map(([s, e]) => m.text.slice(s, e)));
    expect(spans).to.include('心理咨询');
    // English words are not bent into initials and syllables: they match as words, or not at all
    expect(index.search('strong').total).to.equal(0);
    expect(ids('eldercare')).to.deep.equal(['t-english']);
    expect(top('sunshine')).to.include('t-english');
  });

  it('reads a Chinese phrase typed without spaces as its words when no document holds it whole', () => {
    const phrase = [
      rec(org('p-both', '阳光儿童服务中心', { description: '' }), [offer('p-both', '课后托管', { description: '' })]),
      rec(org('p-kids', '儿童乐园', { description: '' })),
      rec(org('p-care', '老年托管中心', { description: '' })),
    ];
    const small = createSearchIndex(phrase);
    // 儿童 and 托管 together: the name and an offer, each highlighted
    const found = small.search('儿童托管');
    expect(found.hits.map((h) => h.id)).to.deep.equal(['p-both']);
    const spans = found.hits[0]!.matches.flatMap((m) => m.ranges.map(([s, e]) => `${m.field}:${m.text.slice(s, e)}`));
    expect(spans).to.include.members(['name:儿童', 'offer:托管']);
    // in traditional characters, or after other words, the same
    expect(ids('兒童託管', small)).to.deep.equal(['p-both']);
    expect(ids('阳光 儿童托管', small)).to.deep.equal(['p-both']);
    // a document holding the phrase whole is what it finds, and nothing is split
    const whole = createSearchIndex([...phrase, rec(org('p-whole', '儿童托管之家', { description: '' }))]);
    expect(ids('儿童托管', whole)).to.deep.equal(['p-whole']);
    // words never found together find nothing (the typo tolerance still may)
    expect(ids('乐园托管', small)).not.to.include('p-both');
  });

  it('reads whole pinyin found nowhere as two words found together, as its characters are read', () => {
    const small = createSearchIndex([
      rec(org('s-bath', '华阳为老服务社', { description: '' }), [offer('s-bath', '上门服务', { description: '' }), offer('s-bath-2', '老人助浴', { description: '' })]),
      rec(org('s-door', '天山上门维修队', { description: '' })),
      rec(org('s-bath-only', '仙霞助浴点', { description: '' })),
    ]);
    // 上门 and 助浴 are never side by side: like 上门助浴, shangmenzhuyu finds what holds both
    expect(ids('上门助浴', small)).to.deep.equal(['s-bath']);
    expect(ids('shangmenzhuyu', small)).to.deep.equal(['s-bath']);
    expect(ids('shangmenzhuyu ', small)).to.deep.equal(['s-bath']);
    const spans = small.search('shangmenzhuyu').hits[0]!.matches.flatMap((m) => m.ranges.map(([s, e]) => m.text.slice(s, e)));
    expect(spans).to.include.members(['上门', '助浴']);
    // words never found together are not read so (维修 and 助浴: only the typo tolerance's names sharing 维修)
    expect(ids('weixiuzhuyu', small)).not.to.include('s-bath-only');
    // a split is kept only until the index changes
    small.remove('s-bath');
    expect(ids('shangmenzhuyu', small)).not.to.include('s-bath');
    small.add(rec(org('s-both', '天山上门助浴队', { description: '' })));
    expect(ids('shangmenzhuyu', small)[0]).to.equal('s-both');
    // (two words, so that the typo tolerance, for one word only, stays out of it)
    const later = createSearchIndex([rec(org('s-door-2', '天山上门维修队', { description: '' }))]);
    expect(ids('shangmenzhuyu tianshan', later)).to.deep.equal([]);
    later.add(rec(org('s-new', '天山上门服务社', { description: '' }), [offer('s-new', '助浴', { description: '' })]));
    expect(ids('shangmenzhuyu tianshan', later)).to.deep.equal(['s-new']);
  });

  it('reads pinyin with tone marks or ü, and lu, nu for lü, nü as people type them', () => {
    const small = createSearchIndex([
      rec(org('u-lawyer', '华阳律师志愿服务队', { description: '' })),
      rec(org('u-road', '路石社区服务社', { description: '' })),
      rec(org('u-girls', '女儿家互助会', { description: '' })),
      rec(org('u-cafe', 'Café Müller Seniors Club', { description: '' })),
    ]);
    for (const q of ['lvshi', 'lüshi', 'lǜshī', 'lushi']) expect(ids(q, small), q).to.include('u-lawyer');
    // v is ü only: lvshi is not 路石, lushi may be either
    expect(ids('lvshi', small)).not.to.include('u-road');
    expect(ids('lushi', small)).to.include('u-road');
    for (const q of ['nver', 'nüer', 'nǚ\'ér', 'nu er']) expect(ids(q, small), q).to.include('u-girls');
    expect(ids('lüsh', small), 'typing').to.include('u-lawyer');
    // tone marks are dropped for pinyin; words written with them keep them
    expect(top('yǎnglǎo')).to.deep.equal(top('yanglao'));
    expect(top('yǎng老')).to.deep.equal(top('yang老'));
    expect(ids('Müller', small)).to.deep.equal(['u-cafe']);
    expect(ids('café', small)).to.deep.equal(['u-cafe']);
  });

  it('answers a sentence no organization matches whole with those holding most of its words, and says so', () => {
    const small = createSearchIndex([
      rec(org('s-bath', '华阳助浴服务社', { description: '' }), [offer('s-bath', '老人助浴', { description: '' })]),
      rec(org('s-meal', '睦邻家政服务中心', { type: 'community-team', description: '' }), [offer('s-meal', '上门做饭', { description: '' })]),
      rec(org('s-club', '华阳路老年协会', { description: '' }), [offer('s-club', '老人活动', { description: '' })]),
      rec(org('s-other', '青少年篮球队', { description: '' })),
    ]);
    const found = small.search('家里老人腿脚不便需要助浴');
    expect(found.partial).to.equal(true);
    // 老人 and 助浴 above 老人 alone (in a name, or the elderly category); nothing that holds none of the words
    expect(found.hits[0]?.id).to.equal('s-bath');
    expect(found.hits.map((h) => h.id)).to.include('s-club').and.not.include('s-other');
    const spans = found.hits[0]!.matches.flatMap((m) => m.ranges.map(([s, e]) => m.text.slice(s, e)));
    expect(spans.some((t) => t.includes('助浴'))).to.equal(true);
    // filters still hold
    expect(small.search('家里老人腿脚不便需要助浴', { filters: { type: ['community-team'] } }).hits.map((h) => h.id)).to.deep.equal(['s-meal']);
    // words typed apart are the person's own: they stay an AND
    expect(small.search('老人 需要 上门 做饭').total).to.equal(0);
    // a whole match is not partial, and words the directory does not hold find nothing
    expect(small.search('老人助浴').partial).to.equal(undefined);
    expect(small.search('咖啡豆烘焙课程').total).to.equal(0);
  });

  it('reads pinyin with a slip of the keys as the likeliest pinyin one slip away, and says so', () => {
    const small = createSearchIndex([
      rec(org('m-care', '华阳养老服务中心', { description: '' }), [offer('m-care', '老年人助餐', { description: '' })]),
      rec(org('m-vol', '长宁志愿者协会', { description: '' })),
      rec(org('m-clinic', '社区卫生服务中心', { description: '' })),
      rec(org('m-other', '青少年篮球队', { description: '' })),
      rec(org('m-opera', '仙霞京剧社', { description: '' })),
      rec(org('m-opera-2', '天山京剧沙龙', { description: '' })),
      rec(org('m-garden', '金菊花园居委会', { description: '' })),
    ]);
    // a neighbouring key, two letters swapped, one too many, one left out
    for (const [typed, read, id] of [
      ['yanglai', 'yanglao', 'm-care'],
      ['yangloa', 'yanglao', 'm-care'],
      ['yanglaoo', 'yanglao', 'm-care'],
      ['zhiyaunzhe', 'zhiyuanzhe', 'm-vol'],
      ['zhiyuanze', 'zhiyuanzhe', 'm-vol'],
      ['laonianrne', 'laonianren', 'm-care'],
      ['shequwiesheng', 'shequweisheng', 'm-clinic'],
      // sounds spelled alike (平翘舌, 前后鼻音, l and n), four letters too
      ['sequ', 'shequ', 'm-clinic'],
      ['naonianren', 'laonianren', 'm-care'],
      ['zhiyuanze', 'zhiyuanzhe', 'm-vol'],
    ] as const) {
      const found = small.search(typed);
      expect(found.corrected, typed).to.equal(read);
      expect(found.hits.map((h) => h.id), typed).to.deep.equal([id]);
    }
    // the matches are highlighted as read
    const spans = small.search('yanglai').hits[0]!.matches.flatMap((m) => m.ranges.map(([s, e]) => m.text.slice(s, e)));
    expect(spans).to.include('养老');
    // a word still being typed reads its last syllable begun; other words stay an AND
    expect(small.search('yanglaofuwi').corrected).to.equal('yanglaofuwu');
    expect(small.search('huayang yanglai').hits.map((h) => h.id)).to.deep.equal(['m-care']);
    expect(small.search('huayang yanglai').corrected).to.equal('huayang yanglao');
    expect(small.search('changning yanglai').total).to.equal(0);
    // words each found, but not together: one is read otherwise when that reads better than as typed
    expect(small.search('jinju').hits.map((h) => h.id)).to.deep.equal(['m-garden']);
    expect(small.search('xianxia jinju').corrected).to.equal('xianxia jingju');
    expect(small.search('xianxia jinju').hits.map((h) => h.id)).to.deep.equal(['m-opera']);
    expect(small.search('xianxia yanglao').total).to.equal(0);
    // what matches as typed is never read otherwise, nor is a short word or one with no pinyin near it
    expect(small.search('yanglao').corrected).to.equal(undefined);
    expect(small.search('yangl').corrected).to.equal(undefined);
    expect(small.search('ylao').corrected).to.equal(undefined);
    expect(small.search('lovely').total).to.equal(0);
    expect(small.search('qwxzv').total).to.equal(0);
    // four letters are read with sounds spelled alike only, never with a slip of the keys
    expect(small.search('wish').total).to.equal(0);
    // filters still hold
    expect(small.search('yanglai', { filters: { type: ['community-team'] } }).total).to.equal(0);
  });

  it('reads a slip only as pinyin that enough names hold, fewer in a small directory', () => {
    // in a directory of thousands, a name or two is a coincidence: yinyue (音乐, found nowhere) is not 殷宇
    const many = createSearchIndex([
      ...Array.from({ length: 3000 }, (_, i) => rec(org(`m-${i}`, `第${i}号邻里睦邻点`, { description: '' }))),
      rec(org('m-name', '殷宇婷为老服务工作室', { description: '' })),
    ]);
    expect(many.search('yinyue').total).to.equal(0);
    expect(many.search('yinyue').corrected).to.equal(undefined);
    expect(many.search('yinyu').hits.map((h) => h.id)).to.deep.equal(['m-name']);
    // three names read so are enough, two are not
    many.add(rec(org('m-music-1', '银杏合唱团', { description: '' }), [offer('m-music-1', '少儿音乐兴趣班', { description: '' })]));
    many.add(rec(org('m-music-2', '华阳音乐沙龙', { description: '' })));
    expect(many.search('yinyeu').total).to.equal(0);
    // read to be found with another word, being found together is enough
    expect(many.search('huayang yinyeu').corrected).to.equal('huayang yinyue');
    expect(many.search('huayang yinyeu').hits.map((h) => h.id)).to.deep.equal(['m-music-2']);
    many.add(rec(org('m-music-3', '天山音乐沙龙', { description: '' })));
    expect(many.search('yinyeu').corrected).to.equal('yinyue');
    expect(many.search('yinyeu').total).to.equal(3);
    // in a directory of a few, one name is enough
    const few = createSearchIndex([rec(org('f-1', '乐龄家园', { description: '' })), rec(org('f-2', '青少年篮球队', { description: '' }))]);
    expect(few.search('lelnig').corrected).to.equal('leling');
  });

  it('reads a word of the taxonomy typed as it is as itself, not by its sound', () => {
    const small = createSearchIndex([
      rec(org('w-place', '朱家角镇书画社', { description: '' })),
      rec(org('w-person', '施志华调解工作室', { description: '' })),
      rec(org('w-tutor', '华阳学业辅导社', { description: '', categoryCodes: ['children-youth.tutoring'] })),
      rec(org('w-care', '华阳长者照护中心', { description: '', categoryCodes: ['elderly.long-term-care'] })),
      rec(org('w-heart', '华阳心理咨询中心', { description: '', categoryCodes: ['mental-health.counselling'] })),
    ]);
    // 家教 and 失智 are words of the taxonomy: the tutoring and care organizations, not 朱家角 or 施志…
    expect(ids('家教', small)).to.deep.equal(['w-tutor']);
    expect(ids('失智', small)).to.deep.equal(['w-care']);
    expect(ids('老年痴呆', small)).to.deep.equal(['w-care']);
    // a slip the taxonomy keeps (心里咨询) and a word it does not hold (心里) are still read by sound
    expect(ids('心里咨询', small)).to.deep.equal(['w-heart']);
    expect(ids('心里', small)).to.deep.equal(['w-heart']);
  });

  it('finds the services residents name by the place or the job (养老院, 下水道, 开锁, 打疫苗)', () => {
    const small = createSearchIndex([
      rec(org('n-care', '华阳长者照护之家', { description: '', categoryCodes: ['elderly.long-term-care'] })),
      // a dance team that performs in nursing homes holds the word only in its description
      rec(org('n-dance', '华阳腰鼓队', { description: '每月去养老院为老人演出。' })),
      rec(org('n-repair', '华阳便民服务队', { description: '', categoryCodes: ['housing-property.repairs'] })),
      rec(org('n-doctor', '华阳家庭医生工作室', { description: '', categoryCodes: ['health.family-doctor'] })),
    ]);
    for (const q of ['养老院', '敬老院', 'yanglaoyuan']) expect(ids(q, small)[0], q).to.equal('n-care');
    expect(ids('养老院', small)).to.include('n-dance');
    for (const q of ['下水道', '开锁']) expect(ids(q, small), q).to.deep.equal(['n-repair']);
    expect(ids('打疫苗', small)).to.deep.equal(['n-doctor']);
  });

  it('finds the services behind everyday words that sound like names or hold another word (工伤, 违建, 孤独, 盲人, 搬家)', () => {
    const small = createSearchIndex([
      rec(org('e-labour', '华阳劳动争议调解工作室', { description: '', categoryCodes: ['mediation.labour'] })),
      // read by sound, 工伤 is 工商 and 违建 is 伟健: names a resident did not mean
      rec(org('e-bank', '中国工商银行华阳支行', { description: '' })),
      rec(org('e-person', '张伟健志愿者工作室', { description: '' })),
      rec(org('e-property', '华阳物业管理协会', { description: '', categoryCodes: ['housing-property.old-compound'] })),
      rec(org('e-lonely', '华阳睦邻互助会', { description: '', categoryCodes: ['elderly.empty-nester'] })),
      rec(org('e-rehab', '华阳残疾人康复中心', { description: '', categoryCodes: ['disability.rehabilitation'] })),
      rec(org('e-home', '华阳家政服务社', { description: '', categoryCodes: ['convenience.housekeeping'] })),
      rec(org('e-repair', '华阳便民维修队', { description: '', categoryCodes: ['housing-property.repairs'] })),
      // 住院 read by sound is 竹园, a place
      rec(org('e-place', '竹园居委会志愿者工作室', { description: '' })),
      rec(org('e-escort', '华阳陪诊服务社', { description: '', categoryCodes: ['health.escort'] })),
      rec(org('e-call', '华阳助老呼叫中心', { description: '', categoryCodes: ['elderly.emergency-call'] })),
      // 打架 read by sound is 达家 in this name
      rec(org('e-company', '上海宏达家政服务有限公司', { description: '' })),
      // holds 邻居 in its name: the words of a complaint about noise are the mediators'
      rec(org('e-name', '华阳好邻居读书会', { description: '' })),
      rec(org('e-neighbour', '华阳人民调解工作室', { description: '', categoryCodes: ['mediation.neighbour'] })),
      // 社福 read by sound is 设服 in this name
      rec(org('e-building', '华阳文明建设服务社', { description: '' })),
      rec(org('e-relief', '华阳帮困服务社', { description: '', categoryCodes: ['poverty-relief.low-income'] })),
    ]);
    expect(ids('社福', small)).to.deep.equal(['e-relief']);
    expect(ids('邻居装修太吵', small)).to.deep.equal(['e-neighbour']);
    expect(ids('老人一个人在家没人照顾', small)[0]).to.equal('e-lonely');
    expect(ids('打架', small)).to.have.members(['e-labour', 'e-neighbour']);
    expect(ids('住院', small)).to.deep.equal(['e-escort']);
    expect(ids('走失', small)).to.deep.equal(['e-call']);
    expect(ids('工伤', small)).to.deep.equal(['e-labour']);
    // a word of the whole field (物业与住房): every organization in it, and no 伟健
    expect(ids('违建', small)).to.have.members(['e-property', 'e-repair']);
    // 孤独 (lonely) is the companionship services first; 孤独症 (autism) is the rehabilitation centre only
    expect(ids('孤独', small)[0]).to.equal('e-lonely');
    expect(ids('孤独症', small)).to.deep.equal(['e-rehab']);
    for (const q of ['盲人', '聋哑', '自闭症']) expect(ids(q, small)[0], q).to.equal('e-rehab');
    for (const q of ['搬家', '洗衣']) expect(ids(q, small), q).to.deep.equal(['e-home']);
    for (const q of ['修空调', '家电', 'jiadianweixiu']) expect(ids(q, small), q).to.deep.equal(['e-repair']);
  });

  it('leaves out numbers when the words with them are found but nothing holds them all (长照2.0), and says so', () => {
    const small = createSearchIndex([
      rec(org('n-care', '华阳长者照护中心', { description: '', categoryCodes: ['elderly.long-term-care'] })),
      // 0 is in the taxonomy's 0-3岁: read alone, 长照 and 0 would find this one
      rec(org('n-baby', '华阳托育中心', { description: '', categoryCodes: ['family-women.infant-care', 'elderly.long-term-care'] })),
      rec(org('n-2024', '华阳2024读书会', { description: '' })),
    ]);
    const found = small.search('长照2.0');
    expect(found.hits.map((h) => h.id)).to.have.members(['n-care', 'n-baby']);
    expect(found.partial).to.equal(true);
    // found with the words, a number stays an AND
    expect(ids('读书会 2024', small)).to.deep.equal(['n-2024']);
    expect(small.search('读书会 2024').partial).to.equal(undefined);
  });

  it('reads initials as a letter a character too where a syllable is being typed (xch: 萱草花 as well as 小吃…)', () => {
    const small = createSearchIndex([
      rec(org('x-flower', '萱草花家庭关爱中心', { description: '' })),
      rec(org('x-snack', '小吃货美食志愿队', { description: '' })),
      rec(org('x-other', '华阳社区服务社', { description: '' })),
    ]);
    expect(ids('xch', small)).to.have.members(['x-flower', 'x-snack']);
    expect(ids('xchj', small)).to.deep.equal(['x-flower']);
    // whole syllables are not read as initials: she is 社, not s h e
    expect(ids('she', small)).to.deep.equal(['x-other']);
  });

  it('reads the rarer characters names are written with (晟, 萱, 麒麟, 瀚) by their pinyin and initials', () => {
    const small = createSearchIndex([
      rec(org('r-sheng', '上海晟阳社会工作服务社', { description: '' })),
      rec(org('r-xuan', '萱草花家庭关爱中心', { description: '' })),
      rec(org('r-qilin', '麒麟社区瀚海读书会', { description: '' })),
    ]);
    expect(ids('shengyang', small)).to.deep.equal(['r-sheng']);
    expect(ids('xuancaohua', small)).to.deep.equal(['r-xuan']);
    expect(ids('xc', small)).to.deep.equal(['r-xuan']);
    expect(ids('sy', small)).to.deep.equal(['r-sheng']);
    expect(ids('qilin', small)).to.deep.equal(['r-qilin']);
    expect(ids('hanhai', small)).to.deep.equal(['r-qilin']);
  });

  it('finds a name written with a short form by the long one and the other way round (启智社工, 新华居委会)', () => {
    const small = createSearchIndex([
      rec(org('f-long', '广州市启智社会工作服务中心', { description: '' })),
      rec(org('f-short', '上海市普陀区汇智社工服务中心', { description: '' })),
      rec(org('f-committee', '新华路街道新华居民委员会', { description: '' })),
      rec(org('f-women', '长宁区妇女联合会', { description: '' })),
    ]);
    // not the one-character slip 汇智社工 either
    expect(ids('启智社工', small)).to.deep.equal(['f-long']);
    expect(ids('汇智社会工作', small)).to.deep.equal(['f-short']);
    expect(ids('新华居委会', small)).to.deep.equal(['f-committee']);
    expect(ids('长宁妇联', small)).to.deep.equal(['f-women']);
    expect(ids('社工', small)).to.have.members(['f-long', 'f-short']);
    const spans = small.search('启智社工').hits[0]!.matches.flatMap((m) => m.ranges.map(([s, e]) => m.text.slice(s, e)));
    expect(spans).to.deep.equal(['启智社会工作']);
  });

  it('reads an English word as English, not as pinyin with initials (bank is not 半课, help is not 共和路派出所)', () => {
    const small = createSearchIndex([
      rec(org('n-time', '华阳时间银行', { description: '', categoryCodes: ['volunteering.time-bank'] })),
      rec(org('n-food', '华阳慈善超市', { description: '', categoryCodes: ['poverty-relief.charity-supermarket'] })),
      // ban k(e) and he l(u) p(aichusuo): pinyin readings of the English words
      rec(org('n-meals', '华阳长者食堂', { description: '', categoryCodes: ['elderly.meals'] }), [offer('n-meals', '四点半课堂')]),
      rec(org('n-police', '共和路派出所', { description: '' })),
      rec(org('n-crisis', '华阳心理援助中心', { description: '', categoryCodes: ['mental-health.crisis'] })),
      rec(org('n-devices', '华阳辅具租赁站', { description: '', categoryCodes: ['disability.assistive-devices'] })),
    ]);
    expect(ids('bank', small)).to.have.members(['n-time', 'n-food']);
    expect(ids('food bank', small)).to.deep.equal(['n-food']);
    expect(ids('help', small)).to.deep.equal([]);
    expect(ids('hotline', small)).to.deep.equal(['n-crisis']);
    for (const q of ['wheelchair', 'disabled']) expect(ids(q, small)[0], q).to.equal('n-devices');
    // letters that are no English word the directory knows are still pinyin
    expect(ids('banke', small)).to.deep.equal(['n-meals']);
    expect(ids('hlpcs', small)).to.deep.equal(['n-police']);
  });

  it('does not read a word inside another word of the taxonomy (护工 in 庇护工场, 医保 in 中医保健)', () => {
    const small = createSearchIndex([
      rec(org('x-care', '华阳长者照护中心', { description: '', categoryCodes: ['elderly.long-term-care'] })),
      rec(org('x-work', '华阳阳光之家', { description: '', categoryCodes: ['disability.sheltered-work'], tags: ['庇护工场'] }), [
        offer('x-work', '庇护工场手工课'),
      ]),
      rec(org('x-tcm', '华阳健康促进会', { description: '', categoryCodes: ['health.tcm'], tags: ['中医保健'] }), [offer('x-tcm', '中医保健大篷车')]),
      rec(org('x-tcm-name', '华阳中医保健服务社', { description: '' })),
      // said outright, the word is found wherever it stands
      rec(org('x-insurance', '华阳街道服务站', { description: '代办医保报销和社保转移' })),
    ]);
    for (const q of ['护工', 'hugong']) expect(ids(q, small), q).to.deep.equal(['x-care']);
    for (const q of ['医保', 'yibao']) expect(ids(q, small), q).to.deep.equal(['x-insurance']);
    // the words themselves still find them
    expect(ids('庇护工场', small)).to.deep.equal(['x-work']);
    expect(ids('中医保健', small)).to.have.members(['x-tcm', 'x-tcm-name']);
    expect(ids('保健', small)).to.include.members(['x-tcm', 'x-tcm-name']);
  });

  it('reads whole pinyin found nowhere as a sentence, for its words (xuetiaowu → 跳舞, zhaobaomu → 保姆)', () => {
    const small = createSearchIndex([
      rec(org('p-dance', '华阳广场舞队', { description: '', categoryCodes: ['culture-sports.dance-choir'] })),
      rec(org('p-home', '华阳家政服务社', { description: '', categoryCodes: ['convenience.housekeeping'] })),
      // names that read like the words a resident asks with (沃翔: woxiang, 我想) or like a piece across them (医学: yixue in keyi xue)
      rec(org('p-wo', '沃翔志愿者工作室', { description: '' })),
      rec(org('p-med', '华阳医学会', { description: '' })),
    ]);
    for (const [q, want] of [
      ['xuetiaowu', 'p-dance'],
      ['woxiangxuetiaowu', 'p-dance'],
      ['nalikeyixuetiaowu', 'p-dance'],
      ['zhaobaomu', 'p-home'],
      ['woxiangzhaobaomu', 'p-home'],
    ] as const) {
      const found = small.search(q);
      expect(found.hits.map((h) => h.id), q).to.deep.equal([want]);
      expect(found.partial, q).to.equal(true);
    }
    // while the last syllable is still being typed (fa may go on to fan, fang), and once it is done
    const arts = createSearchIndex([rec(org('p-shufa', '华阳书法社', { description: '' })), rec(org('p-dance2', '华阳广场舞队', { description: '' }))]);
    expect(ids('woxiangxueshufa', arts)).to.deep.equal(['p-shufa']);
    expect(ids('woxiangxueshufa ', arts)).to.deep.equal(['p-shufa']);
    // a word found whole is itself, and two syllables are no sentence
    expect(ids('woxiang', small)).to.deep.equal(['p-wo']);
    expect(ids('tiaowu', small)).to.deep.equal(['p-dance']);
    expect(small.search('wodexiang').total).to.equal(0);
  });

  it('reads a sentence or a phrase with a part found nowhere for its words, without the words a resident asks with', () => {
    const small = createSearchIndex([
      rec(org('h-dance', '华阳广场舞队', { description: '', categoryCodes: ['culture-sports.dance-choir'] })),
      rec(org('h-repair', '华阳便民服务队', { description: '', categoryCodes: ['housing-property.repairs'] })),
      rec(org('h-place', '陆家里居委会书画社', { description: '' })),
    ]);
    // 学 is no word, 跳舞 is one of the taxonomy's: the dance team, said to match in part
    const dance = small.search('学跳舞');
    expect(dance.hits.map((h) => h.id)).to.deep.equal(['h-dance']);
    expect(dance.partial).to.equal(true);
    expect(ids('哪里可以学跳舞', small)).to.deep.equal(['h-dance']);
    // 家里 is how a resident asks, not what for: 水管 and 漏水 find the repairers, not 陆家里
    expect(ids('家里水管漏水', small)).to.deep.equal(['h-repair']);
    // 钢琴 is nowhere: 维修 alone
    expect(small.search('钢琴维修').hits.map((h) => h.id)).to.deep.equal(['h-repair']);
    expect(small.search('钢琴维修').partial).to.equal(true);
    // words the texts hold come before a word only the taxonomy holds: 华阳 心理 热线, not 华阳 心理热线
    small.add(rec(org('h-heart', '华阳心理服务社', { description: '' }), [offer('h-heart', '心理疏导热线', { description: '' })]));
    // (with a second word, so that the typo tolerance, for one word only, cannot find it either way)
    const heart = small.search('华阳心理热线 服务社');
    expect(heart.hits.map((h) => h.id)).to.deep.equal(['h-heart']);
    expect(heart.partial).to.equal(undefined);
  });

  it('folds traditional characters both ways', () => {
    expect(top('医患纠纷')).to.include('t-yihuan');
    expect(top('醫患')).to.include('t-yihuan');
    expect(top('調解工作室')).to.include('t-yihuan');
  });

  it('matches same-sound typos by syllables', () => {
    expect(top('华阳路 心里咨询')).to.include('t-xinli');
    expect(ids('心里咨询', index, 200)).to.include('t-xinli');
  });

  it('tolerates a mistyped character through fuse.js on a short candidate list', () => {
    // 问 does not sound like 询: neither the characters nor their syllables match
    expect(index.search('心理咨问工作室').hits.map((h) => h.id)).to.include('t-xinli');
    // four characters with a slip are a typo before they are a sentence: 心理咨询 names, not 心理 and 咨 in part
    const slip = index.search('心理咨问', { limit: 50 });
    expect(slip.partial).to.equal(undefined);
    for (const h of slip.hits) expect(h.organization.name).to.match(/心理咨(?:询|詢)/u);
  });

  it('shows what a name found by typo tolerance shares with the query, and leaves out names that share nothing', () => {
    const spans = (q: string, id: string): string[] => {
      const name = index.search(q, { limit: 50 }).hits.find((h) => h.id === id)?.matches.find((m) => m.field === 'name');
      return name?.ranges.map(([s, e]) => name.text.slice(s, e)) ?? [];
    };
    expect(spans('心理咨问工作室', 't-xinli')).to.deep.equal(['心理咨', '工作室']);
    expect(spans('eldercare', 't-english')).to.deep.equal(['Elderly', 'Care']);
    // letters with a part found nowhere are a sentence, not a typo: gangqinweixiu finds what 钢琴维修 finds, in part
    // (the typo tolerance brought names sharing 维修 only)
    const repairs = index.search('gangqinweixiu', { limit: 50 });
    expect(repairs.partial).to.equal(true);
    expect(repairs.hits.map((h) => h.id)).to.deep.equal(ids('钢琴维修', index, 50));
    // names holding the word first: a rated organization holding it elsewhere does not pass them
    expect(repairs.hits[0]?.organization.name).to.include('维修');
    // fuse.js alone, comparing letters, brought five names sharing no syllable pair with linlihui (邻里汇);
    // read as a sentence now, it finds what 邻里汇 finds: the 邻里 names, in part
    const linli = index.search('linlihui', { limit: 50 });
    expect(linli.partial).to.equal(true);
    expect(linli.hits.map((h) => h.id)).to.deep.equal(ids('邻里汇', index, 50));
  });

  it('finds English names and labels, whatever the case or width', () => {
    expect(top('sunshine')).to.deep.include('t-english');
    expect(top('SUNSHINE care')).to.include('t-english');
    expect(top('ＳＵＮＳＨＩＮＥ')).to.include('t-english');
    expect(top('sunsh')).to.include('t-english');
    expect(top('ａｂｃ')).to.include('t-fullwidth');
    expect(top('ABC书屋')).to.include('t-fullwidth');
  });

  it('reads English asked as a question for the words it asks about (legal help, help with food near me)', () => {
    const small = createSearchIndex([
      rec(org('e-meals', '华阳长者食堂', { description: '', categoryCodes: ['elderly.meals'] })),
      rec(org('e-legal', '华阳法律服务站', { description: '', categoryCodes: ['legal-aid.consultation'] })),
      rec(org('e-an', '安宁志愿者工作室', { description: '' })),
    ]);
    expect(ids('food', small)).to.deep.equal(['e-meals']);
    for (const q of ['help with food near me', 'I need food']) expect(ids(q, small), q).to.deep.equal(['e-meals']);
    for (const q of ['legal help', 'i need a lawyer']) expect(ids(q, small), q).to.deep.equal(['e-legal']);
    expect(small.search('legal help').partial).to.equal(undefined);
    // only when the whole query finds nothing: an (安) and ning are pinyin here
    expect(ids('an ning', small)).to.deep.equal(['e-an']);
    // what an apostrophe leaves is asked with too; a letter being typed is not the question yet
    expect(ids("i'm looking for food", small)).to.deep.equal(['e-meals']);
    expect(ids('i need a l', small)).to.deep.equal([]);
    // asking words alone are still searched as typed
    expect(ids('help me', small)).to.deep.equal([]);
  });

  it('reads polyphonic characters in context', () => {
    expect(top('changning')).to.include('t-leling');
    expect(ids('zhangning')).not.to.include('t-leling');
    expect(top('chongyang')).to.include('t-chongyang');
    expect(ids('zhongyang')).not.to.include('t-chongyang');
    expect(top('zhangzhe')).to.include('t-zhangzhe');
    expect(top('yinhang zhiyuanzhe')).to.include('t-bank');
    // Shanghai's places as they are said there, and a rarer character of organizations' names
    const local = createSearchIndex([
      rec(org('l-xinzhuang', '闵行区莘庄镇社区事务受理服务中心', { description: '' })),
      rec(org('l-yinhang', '杨浦区殷行街道为老服务中心', { description: '' })),
      rec(org('l-leqi', '上海乐耆社会工作服务社', { description: '' })),
    ]);
    expect(ids('xinzhuang', local)).to.deep.equal(['l-xinzhuang']);
    expect(ids('shenzhuang', local)).to.deep.equal([]);
    expect(ids('yinhang', local)).to.deep.equal(['l-yinhang']);
    expect(ids('leqi', local)).to.deep.equal(['l-leqi']);
    expect(ids('lq', local)).to.deep.equal(['l-leqi']);
    // a place that begins with 长 after a district, a city or a society is read as the place, not a title (区长, 市长, 会长)
    const places = createSearchIndex([
      rec(org('p-changzheng', '普陀区长征镇为老服务中心', { description: '' })),
      rec(org('p-changning', '上海市长宁区乐群社工服务社', { description: '' })),
      rec(org('p-changqiao', '徐汇区长桥街道阳光之家', { description: '' })),
      rec(org('p-branch', '上海市慈善基金会长宁分会', { description: '' })),
      rec(org('p-elders', '徐汇区长者照护之家', { description: '' })),
    ]);
    expect(ids('putuoquchangzhengzhen', places)).to.deep.equal(['p-changzheng']);
    expect(ids('shanghaishichangning', places)).to.deep.equal(['p-changning']);
    expect(ids('changqiao', places)).to.deep.equal(['p-changqiao']);
    expect(ids('cishanjijinhuichangning', places)).to.deep.equal(['p-branch']);
    expect(ids('xuhuiquzhangzhe', places)).to.deep.equal(['p-elders']);
  });

  it('treats several words as AND across fields', () => {
    const both = index.search('长宁 助餐', { limit: 100 });
    expect(both.hits.map((h) => h.id)).to.include('t-leling');
    for (const hit of both.hits) {
      const all = hit.matches.map((m) => m.text.toLowerCase()).join('|');
      expect(all, hit.organization.name).to.match(/长宁|changning/u);
    }
    expect(ids('心理 sunshine')).to.deep.equal([]);
    expect(index.search('华阳路 心理').hits.map((h) => h.id)).to.include('t-xinli');
  });

  it('finds organizations through taxonomy synonyms', () => {
    const meals = index.search('吃饭', { limit: 200 }).hits;
    expect(meals.length).to.be.greaterThan(0);
    expect(meals.every((h) => h.matches.some((m) => m.field === 'category'))).to.equal(true);
  });
});

describe('search: ranking', () => {
  it('ranks organizations whose work a category is before those that only touch it, whatever their rating', () => {
    const small = createSearchIndex([
      rec(org('c-martial', '华阳武术协会', { description: '', rating: '5A', categoryCodes: ['culture-sports.martial-arts', 'culture-sports.dance-choir'] }), [
        offer('c-martial', '武术进社区', { categoryCode: 'culture-sports.martial-arts' }),
        offer('c-martial', '太极拳晨练', { categoryCode: 'culture-sports.martial-arts' }),
        offer('c-martial', '文化节演出', { categoryCode: 'culture-sports.dance-choir' }),
      ]),
      rec(org('c-choir', '华阳银铃队', { description: '', categoryCodes: ['culture-sports.dance-choir'] }), [
        offer('c-choir', '每周排练', { categoryCode: 'culture-sports.dance-choir' }),
        offer('c-choir', '新人招募', { categoryCode: 'culture-sports.dance-choir' }),
      ]),
    ]);
    for (const q of ['唱歌', '合唱', 'music']) expect(ids(q, small), q).to.deep.equal(['c-choir', 'c-martial']);
    // the martial arts are the association's work
    expect(ids('武术', small)).to.deep.equal(['c-martial']);
    expect(ids('文体', small)).to.have.members(['c-choir', 'c-martial']);
  });

  it('ranks a last syllable typed whole above one it only begins, even at the start of a name', () => {
    const small = createSearchIndex([
      rec(org('w-begun', '张珍法律志愿者工作室', { description: '' })),
      rec(org('w-whole', '马桥镇长者照护之家', { description: '' })),
    ]);
    // zhe is typed whole: 长者 (zhang zhe) before 张珍 (zhang zhen), which zhe only begins
    expect(ids('zhangzhe', small)).to.deep.equal(['w-whole', 'w-begun']);
    // while it is only begun, both read it so, and the start of a name counts
    expect(ids('zhangzh', small)[0]).to.equal('w-begun');
  });

  it('ranks syllables or characters typed apart higher where they stand together (yang lao → 养老)', () => {
    const small = createSearchIndex([
      rec(org('a-apart', '杨浦区老年协会', { description: '' })),
      rec(org('a-together', '齐家养老服务社', { description: '' })),
      rec(org('a-chars', '养心堂老年活动室', { description: '' })),
    ]);
    // every word is still required; the one reading them as one word comes first
    expect(ids('yang lao', small)[0]).to.equal('a-together');
    expect(ids('yang lao', small)).to.have.members(['a-apart', 'a-together', 'a-chars']);
    expect(ids('养 老', small)).to.deep.equal(['a-together', 'a-chars']);
    expect(ids('xin li', small)).to.deep.equal([]);
  });

  const idx = createSearchIndex([
    rec(org('desc', '长宁区邻里中心', { description: '开展心理疏导活动。' })),
    rec(org('name', '心理疏导工作室')),
    rec(org('offer', '华阳路睦邻点'), [offer('offer', '心理疏导小组')]),
    rec(org('plain', '社区服务社甲', { description: '开展书法活动。' })),
    rec(org('rated', '社区服务社乙', { description: '开展书法活动。', rating: '5A' })),
  ]);

  it('puts a name hit above an offer title above a description', () => {
    expect(ids('心理疏导', idx)).to.deep.equal(['name', 'offer', 'desc']);
  });

  it('does not rank a name holding the query only across two words as a name match (老人 in 敬老|人民调解)', () => {
    const small = createSearchIndex([
      rec(org('s-seam', '闵行区敬老人民调解服务中心', { description: '' })),
      rec(org('s-seam2', '松江区居家养老人才培训中心', { description: '' })),
      rec(org('s-offer', '华阳路睦邻点', { description: '' }), [offer('s-offer', '独居老人周末陪伴')]),
      // 为老 is a word too, but 老人 here is one: only a word running two characters past the query makes a seam
      rec(org('s-name', '长宁区为老人服务中心', { description: '' })),
    ]);
    for (const q of ['老人', 'laoren']) {
      const found = ids(q, small);
      expect(found.slice(0, 2), q).to.deep.equal(['s-name', 's-offer']);
      // still found, below the ones that mean it
      expect(found.slice(2), q).to.have.members(['s-seam', 's-seam2']);
      // and still highlighted where it stands
      const seam = small.search(q).hits.find((h) => h.id === 's-seam');
      expect(seam?.matches.find((m) => m.field === 'name')?.ranges, q).to.deep.equal([[4, 6]]);
    }
    // a seam's name added after a search is read so too (what the directory holds decides a seam)
    const later = createSearchIndex([rec(org('l-offer', '华阳路睦邻点', { description: '' }), [offer('l-offer', '独居老人周末陪伴')])]);
    expect(ids('老人', later)).to.deep.equal(['l-offer']);
    later.add(rec(org('l-seam', '闵行区敬老人民调解服务中心', { description: '' })));
    expect(ids('老人', later)).to.deep.equal(['l-offer', 'l-seam']);
    // a seam in the name leaves the rest of the organization's matches as they are
    const both = createSearchIndex([
      rec(org('b-seam', '闵行区独居老人民调解中心', { description: '' }), [offer('b-seam', '独居老人周末陪伴')]),
      rec(org('b-offer', '华阳路睦邻点', { description: '' }), [offer('b-offer', '独居老人周末陪伴')]),
    ]);
    const scores = both.search('独居老人').hits.map((h) => h.score);
    expect(scores[0]).to.be.closeTo(scores[1] ?? 0, 0.01);
    // typed as the words themselves, the names are name matches as before
    expect(ids('人民调解', small)).to.deep.equal(['s-seam']);
    expect(ids('居家养老', small)[0]).to.equal('s-seam2');
    // a longer word holding the whole query is no seam: 医患纠纷 in 医患纠纷调解
    const whole = createSearchIndex([
      rec(org('w-name', '医患纠纷调解工作室', { description: '' })),
      rec(org('w-offer', '华阳路睦邻点', { description: '' }), [offer('w-offer', '医患纠纷人民调解')]),
    ]);
    expect(ids('医患纠纷', whole)).to.deep.equal(['w-name', 'w-offer']);
  });

  it('puts a 5A organization above an unrated one at equal text score', () => {
    expect(ids('书法', idx)).to.deep.equal(['rated', 'plain']);
  });

  it('ranks a name starting with the query first on realistic data', () => {
    const hit = index.search('长宁区乐龄').hits[0];
    expect(hit?.id).to.equal('t-leling');
  });
});

describe('search: letters read as common words first', () => {
  it('ranks the word two or three initials most often stand for above names that merely start so', () => {
    const nameSpans = (q: string): string[] =>
      index.search(q, { limit: 5 }).hits.map((h) => {
        const m = h.matches.find((x) => x.field === 'name');
        return m ? m.ranges.map(([s, e]) => m.text.slice(s, e)).join('/') : '';
      });
    // people's names (徐兰…工作室) and places (石泉镇…) start their names with these letters; the words are what is meant
    for (const [q, word] of [
      ['xl', '心理'],
      ['sg', '社工'],
      ['ty', '体育'],
      ['sq', '社区'],
    ] as const) {
      expect(nameSpans(q), q).to.deep.equal(Array(5).fill(word));
    }
    // the rarer reading is still found, and comes first when the initials go on to say so
    const small = createSearchIndex([
      rec(org('i-xu', '徐兰老娘舅工作室', { description: '' })),
      ...['华阳', '天山', '仙霞', '虹桥', '江苏', '周桥'].map((place, i) => rec(org(`i-${i}`, `${place}心理咨询中心`, { description: '' }))),
    ]);
    expect(ids('xl', small)).to.have.length(7);
    expect(ids('xl', small).at(-1)).to.equal('i-xu');
    expect(ids('xllnj', small)).to.deep.equal(['i-xu']);
  });

  it('reads letters that spell a word of the taxonomy as that word before a rarer name (zhuyu: 助浴 before 朱雨兰)', () => {
    const small = createSearchIndex([
      rec(org('z-person', '朱雨兰调解工作室', { description: '' })),
      // a word offered across a directory, a name held once
      ...Array.from({ length: 12 }, (_, i) => rec(org(`z-${i}`, `华阳第${'一二三四五六七八九十'[i % 10]}居家养老服务社`, { description: '' }), [offer(`z-${i}`, '高龄老人助浴服务')])),
    ]);
    expect(ids('zhuyu', small)[0]).to.match(/^z-\d$/u);
    expect(ids('zhuyu', small)).to.include('z-person');
    // said in full, the name is what is meant
    expect(ids('zhuyulan', small)).to.deep.equal(['z-person']);
  });

  it('reads whole pinyin as its commonest characters first too', () => {
    const small = createSearchIndex([
      rec(org('j-person', '贾婷党员志愿者工作室', { description: '' })),
      ...['华阳', '天山', '仙霞', '虹桥', '江苏', '周桥'].map((place, i) => rec(org(`j-${i}`, `${place}和睦家庭服务社`, { description: '' }))),
    ]);
    // 贾婷 starts a name, 家庭 is in six: a family service first, the person's studio still found
    expect(ids('jiating', small)[0]).to.match(/^j-\d$/u);
    expect(ids('jiating', small)).to.include('j-person');
    expect(ids('贾婷', small)[0]).to.equal('j-person');
  });
});

describe('search: filters, sorts and browsing', () => {
  it('browses everything on an empty query, filtered', () => {
    expect(index.search('', { limit: 0 }).total).to.equal(records.length);
    const filtered = index.search('  ', { filters: { type: ['volunteer-studio'] }, limit: Infinity });
    expect(filtered.total).to.equal(records.filter((r) => r.organization.type === 'volunteer-studio').length);
  });

  it('filters by category, top level or item, from the organization or its offers', () => {
    const top = index.search('', { filters: { categoryCode: 'elderly' }, limit: Infinity });
    expect(top.hits.map((h) => h.id)).to.include.members(['t-leling', 't-english', 't-zhangzhe']);
    const item = index.search('', { filters: { categoryCode: 'elderly.meals' }, limit: Infinity }).hits.map((h) => h.id);
    expect(item).to.include('t-leling'); // through its offer
    expect(item).not.to.include('t-zhangzhe');
  });

  it('filters by area within or containing', () => {
    const street = index.search('', { filters: { areaCode: '310105001' }, limit: Infinity }).hits.map((h) => h.id);
    expect(street).to.include.members(['t-leling', 't-xinli']);
    expect(street).not.to.include('t-yihuan');
    const community = index.search('', { filters: { areaCode: '310105001001' }, limit: Infinity }).hits.map((h) => h.id);
    expect(community).to.include('t-xinli'); // serves the community itself
    expect(community).to.include('t-leling'); // serves the street that contains it
    const district = index.search('', { filters: { areaCode: '310104' }, limit: Infinity }).hits.map((h) => h.id);
    expect(district).to.include('t-yihuan');
  });

  it('filters by type, registration, rating, audience and free capacity', () => {
    const by = (filters: Parameters<SearchIndex['search']>[1]) => index.search('', { ...filters, limit: Infinity }).hits;
    expect(by({ filters: { type: ['stationed-unit'] } }).every((h) => h.organization.type === 'stationed-unit')).to.equal(true);
    expect(by({ filters: { registration: ['filed'] } }).map((h) => h.id)).to.include('t-xinli');
    const rated = by({ filters: { minRating: '3A' } });
    expect(rated.map((h) => h.id)).to.include.members(['t-leling', 't-zhangzhe']);
    expect(rated.every((h) => ['3A', '4A', '5A'].includes(h.organization.rating ?? ''))).to.equal(true);
    const youth = by({ filters: { audience: ['youth'] } }).map((h) => h.id);
    expect(youth).to.include('t-xinli');
    expect(youth).not.to.include('t-leling');
    const free = by({ filters: { hasCapacity: true } }).map((h) => h.id);
    expect(free).to.include('t-leling');
    expect(free).not.to.include('t-english'); // its only offer is paused
    expect(free).not.to.include('t-yihuan'); // no offers
  });

  it('combines a query with filters', () => {
    const hits = index.search('养老', { filters: { minRating: '5A', categoryCode: 'elderly' }, limit: Infinity }).hits;
    expect(hits.map((h) => h.id)).to.include('t-leling');
    expect(hits.every((h) => h.organization.rating === '5A')).to.equal(true);
  });

  it('sorts by name in pinyin order, by rating and by last update', () => {
    const collator = new Intl.Collator('zh-CN');
    const names = index.search('', { sort: 'name', limit: Infinity }).hits.map((h) => h.organization.name);
    expect(names).to.deep.equal([...names].sort((a, b) => collator.compare(a, b)));
    const page2 = index.search('', { sort: 'name', offset: 10, limit: 5 }).hits.map((h) => h.organization.name);
    expect(page2).to.deep.equal(names.slice(10, 15));
    const levels = index.search('服务', { sort: 'rating', limit: 200 }).hits.map((h) => (h.organization.rating ? 6 - Number(h.organization.rating[0]) : 9));
    expect(levels).to.deep.equal([...levels].sort((a, b) => a - b));
    const updated = index.search('', { sort: 'updated', limit: 50 }).hits;
    const times = updated.map((h) => records.find((r) => r.organization.id === h.id)!).map((r) => Math.max(Date.parse(r.organization.updatedAt), ...r.offers.map((o) => Date.parse(o.updatedAt))));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
  });

  it('pages without overlap', () => {
    const all = index.search('服务', { limit: 60 }).hits.map((h) => h.id);
    const paged = [0, 20, 40].flatMap((offset) => index.search('服务', { limit: 20, offset }).hits.map((h) => h.id));
    expect(paged).to.deep.equal(all);
  });
});

describe('search: highlighting', () => {
  it('gives a hit the matches of its own search, read later, copied or cloned', () => {
    const small = createSearchIndex([
      rec(org('h-a', '华阳养老服务中心', { description: '提供心理咨询' })),
      rec(org('h-b', '华阳心理咨询中心', { description: '' })),
    ]);
    const first = small.search('养老').hits[0]!;
    // another search in between: the first hit still shows what 养老 matched
    small.search('心理');
    const spans = (hit: SearchHit) => hit.matches.flatMap((m) => m.ranges.map(([s, e]) => `${m.field}:${m.text.slice(s, e)}`));
    expect(spans(first)).to.deep.equal(['name:养老']);
    expect(Object.keys(first)).to.include('matches');
    expect(spans(structuredClone(first))).to.deep.equal(['name:养老']);
    expect(spans({ ...first })).to.deep.equal(['name:养老']);
    // read twice: the same list
    expect(first.matches).to.equal(first.matches);
  });

  it('points ranges at the matched characters', () => {
    for (const q of ['乐龄', 'changning', 'xlzx', '心里咨询', '醫患', 'sunshine', 'ＡＢＣ']) {
      const hits = index.search(q, { limit: 5 }).hits;
      expect(hits.length, q).to.be.greaterThan(0);
      for (const hit of hits) {
        expect(hit.matches.length, `${q} ${hit.organization.name}`).to.be.greaterThan(0);
        for (const m of hit.matches) {
          for (const [s, e] of m.ranges) {
            expect(s, q).to.be.lessThan(e);
            expect(e, q).to.be.at.most(m.text.length);
          }
        }
      }
    }
    const name = (q: string, id: string): string[] => {
      const hit = index.search(q, { limit: 50 }).hits.find((h) => h.id === id);
      const m = hit?.matches.find((x) => x.field === 'name');
      return (m?.ranges ?? []).map(([s, e]) => m!.text.slice(s, e));
    };
    expect(name('乐龄', 't-leling')).to.deep.equal(['乐龄']);
    expect(name('changning', 't-leling')).to.deep.equal(['长宁']);
    expect(name('xlzx', 't-xinli')).to.deep.equal(['心理咨询']);
    expect(name('心里咨询', 't-xinli')).to.deep.equal(['心理咨询']);
    expect(name('医患', 't-yihuan')).to.deep.equal(['醫患']);
    expect(name('Sunshine', 't-english')).to.deep.equal(['Sunshine']);
    expect(name('abc', 't-fullwidth')).to.deep.equal(['ＡＢＣ']);
    expect(name('长宁 服务', 't-leling')).to.deep.equal(['长宁', '服务']);
  });

  it('names the offer and the category that matched', () => {
    const hit = index.search('送餐', { limit: 50 }).hits.find((h) => h.id === 't-leling');
    const m = hit?.matches.find((x) => x.field === 'offer');
    expect(m?.offerId).to.be.a('string');
    expect(m?.text).to.equal('老年助餐点送餐');
    const cat = index.search('吃饭', { limit: 200 }).hits[0]?.matches.find((x) => x.field === 'category');
    expect(cat?.categoryCode).to.equal('elderly.meals');
    expect(cat && cat.text.slice(...(cat.ranges[0] ?? [0, 0]))).to.equal('吃饭');
  });
  it("names a category found through its label in the other script in the page's script", () => {
    // 婚姻與家庭 is in the zh-TW label 婚姻與家庭諮商 only; a zh-CN page names it 婚姻家庭辅导
    const hit = index.search('婚姻與家庭', { limit: 1 }).hits[0]!;
    expect(hit.matches.find((m) => m.field === 'category')).to.deep.include({ text: '婚姻家庭辅导', ranges: [] });
    const taiwan = createSearchIndex(records, { locale: 'zh-TW' });
    const named = taiwan.search('婚姻与家庭', { limit: 1 }).hits[0]!.matches.find((m) => m.field === 'category');
    expect(named?.text).to.equal('婚姻與家庭諮商');
    expect(named?.ranges).to.deep.equal([[0, 5]]);
  });
});

describe('search: changes without a rebuild', () => {
  it('adds, updates and removes records', () => {
    const idx = createSearchIndex(handMade());
    expect(idx.size).to.equal(handMade().length);
    idx.add(rec(org('t-new', '新泾镇法律援助工作站', { categoryCodes: ['legal-aid.consultation'] })));
    expect(idx.size).to.equal(handMade().length + 1);
    expect(ids('falv', idx)).to.include('t-new');
    idx.update(rec(org('t-new', '新泾镇人民调解工作站')));
    expect(ids('falv', idx)).not.to.include('t-new');
    // the mediation category's synonyms bring the other mediator too, below the name hit
    expect(ids('人民调解', idx)[0]).to.equal('t-new');
    idx.remove('t-new');
    expect(ids('人民调解', idx)).not.to.include('t-new');
    expect(idx.size).to.equal(handMade().length);
    idx.remove('nobody');
    expect(idx.size).to.equal(handMade().length);
  });

  it('keeps results right through many changes (sealing the backlog)', () => {
    const idx = createSearchIndex([]);
    for (let i = 0; i < 3000; i++) idx.add(rec(org(`o${i}`, `第${i}号社区睦邻点`, { description: '开展邻里互助活动，服务社区居民。' })));
    for (let i = 0; i < 3000; i += 2) idx.remove(`o${i}`);
    expect(idx.size).to.equal(1500);
    expect(idx.search('睦邻点', { limit: 0 }).total).to.equal(1500);
    expect(ids('第11号', idx)[0]).to.equal('o11');
    expect(ids('第12号', idx)).not.to.include('o12');
  });
});

describe('search: suggest', () => {
  it('completes with category labels, names and offer titles', () => {
    const s = index.suggest('乐龄');
    expect(s).to.include('长宁区乐龄社工服务中心');
    const labels = index.suggest('助餐');
    expect(labels).to.include('老年助餐');
    expect(index.suggest('yanglao').length).to.be.greaterThan(0);
    expect(index.suggest('')).to.deep.equal([]);
    expect(index.suggest('养老', 3)).to.have.length.at.most(3);
  });

  it('offers only what shows the typed text, what begins with it first', () => {
    // 养老 is a synonym of 为老服务: offered itself, where the label would show nothing of yang
    const yang = index.suggest('yang');
    expect(yang[0]).to.equal('养老');
    for (const s of yang) expect(index.search(s, { limit: 0 }).total, s).to.be.greaterThan(0);
    for (const unrelated of ['为老服务', '消防安全', '家庭纠纷调解', '职业技能培训', '健康宣教']) expect(yang).not.to.include(unrelated);
    // pinyin begun: every suggestion's reading starts with it, and a label matched through a synonym waits
    expect(index.suggest('shequ').slice(0, 4).every((s) => s.startsWith('社区'))).to.equal(true);
  });

  it('puts what was typed before what only sounds so, and never offers a slip kept for finding', () => {
    const meals = index.suggest('助餐');
    expect(meals[0]).to.equal('助餐');
    expect(meals.indexOf('老年助餐')).to.be.lessThan(meals.indexOf('助残服务'));
    // 心里咨询 is a synonym so that the slip finds 心理咨询; it is not offered as a word to search
    const heart = index.suggest('心里');
    expect(heart).to.include('心理咨询');
    expect(heart.filter((s) => s.includes('心里'))).to.deep.equal([]);
  });

  it('offers no category that none of the directory\'s organizations is in', () => {
    const small = createSearchIndex([rec(org('c-1', '华阳养老服务中心', { description: '', categoryCodes: ['elderly.home-care'] }))]);
    // 阳光之家 is a synonym of the sheltered workshops for the disabled, which this directory has none of
    expect(small.suggest('yang')).to.include('养老');
    expect(small.suggest('yang')).not.to.include('阳光之家');
    expect(small.suggest('xiaofang')).to.deep.equal([]);
    small.add(rec(org('c-2', '华阳助残服务社', { description: '', categoryCodes: ['disability.sheltered-work'] })));
    expect(small.suggest('yang')).to.include('阳光之家');
  });

  it('orders completions of letters by how well they read, then by the commonest reading', () => {
    // xl: 心理 is in hundreds of organizations' texts, 心灵 and 夏令营 in fewer; ty: 体育 before 托养
    expect(index.suggest('xl').slice(0, 4).every((s) => s.startsWith('心理'))).to.equal(true);
    expect(index.suggest('xl')).not.to.include('夏令营');
    expect(index.suggest('ty')[0]).to.equal('体育');
    // yang read whole (养, 阳) before yan and an initial g (烟感)
    const yang = index.suggest('yang', 20);
    const smoke = yang.indexOf('烟感');
    expect(smoke === -1 || smoke > yang.indexOf('养老')).to.equal(true);
  });

  it('offers a synonym in letters for a word, not for a letter', () => {
    expect(index.suggest('y')).not.to.include('youth');
    expect(index.suggest('eld')).to.include('elderly');
  });
});

describe('search: robustness', () => {
  it('answers a search asked again (Backspace, a filter toggled back) exactly as the first time', () => {
    // one index answers in the order a person types; the other forgets between searches
    const other = createSearchIndex(records);
    const forget = (): void => {
      for (let i = 0; i < 10; i++) other.search(`x${i}`);
    };
    const typed = ['y', 'ya', 'yan', 'yang', 'yanglao', 'yang', 'ya', 'y', '', '家里老人需要助餐', '家里', '儿童托管', '儿童', '儿童托管'];
    const filters = [undefined, { categoryCode: 'elderly' }, undefined, {}];
    for (const f of filters) {
      for (const q of typed) {
        const options = { limit: 10, offset: 2, ...(f ? { filters: f } : {}) };
        forget();
        expect(index.search(q, options), `${q} ${JSON.stringify(f)}`).to.deep.equal(other.search(q, options));
      }
    }
    // a change is seen at once
    const before = index.search('完全新的名字').total;
    index.add(rec(org('r-new', '完全新的名字服务社')));
    expect(index.search('完全新的名字').total).to.equal(before + 1);
    index.remove('r-new');
    expect(index.search('完全新的名字').total).to.equal(before);
  });

  it('never throws on arbitrary Unicode queries', () => {
    const small = createSearchIndex(handMade());
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (q) => {
        const r = small.search(q, { limit: 5 });
        expect(r.total).to.be.at.least(r.hits.length);
        small.suggest(q);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'长宁乐龄心理咨询醫患yanglaoxlzx ABC，（）'.split('')), maxLength: 20 }), (q) => {
        small.search(q);
      }),
      { numRuns: 300 },
    );
    expect(() => small.search('\u0000\uD800\uFFFF[(*+?'.repeat(50))).not.to.throw();
  });
});

describe('createSmallPicker', () => {
  it('finds categories by label, pinyin, initials, traditional and typo', () => {
    const items = taxonomy.flatMap((t) => [t, ...t.children]).map((c) => ({ code: c.code, label: c.labels['zh-CN'], en: c.labels.en }));
    const picker = createSmallPicker(items, ['label', 'en']);
    expect(picker.search('医疗')[0]?.code).to.equal('health');
    expect(picker.search('yiliao').map((c) => c.code)).to.include('health');
    expect(picker.search('醫療').map((c) => c.code)).to.include('health');
    expect(picker.search('Legal aid')[0]?.code).to.equal('legal-aid');
    expect(picker.search('').length).to.equal(items.length);
    expect(picker.search('养老', 2)).to.have.length.at.most(2);
  });
});

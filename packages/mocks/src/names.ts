/**
 * Name parts: people, roads, streets, communities and brand words, composed
 * by the generator into names that read like a Shanghai directory.
 */
import type { Rng } from './random.js';

/** Common surnames, the most common ones (and Shanghai's 沈 陆 顾 钱) listed twice. */
export const SURNAMES = [
  '王', '王', '李', '李', '张', '张', '刘', '陈', '陈', '杨', '黄', '赵', '吴', '吴', '周', '周', '徐', '徐', '孙',
  '马', '朱', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '邓', '韩', '冯', '曹',
  '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任',
  '沈', '沈', '姚', '卢', '傅', '钟', '姜', '崔', '谭', '陆', '陆', '范', '汪', '金', '石', '戴', '贾', '夏', '邱',
  '方', '侯', '邹', '熊', '孟', '秦', '白', '顾', '顾', '毛', '龚', '邵', '钱', '钱', '严', '汤', '殷', '倪', '施',
] as const;

const GIVEN_FIRST = [
  '建', '国', '志', '秀', '桂', '玉', '美', '丽', '文', '海', '红', '晓', '春', '雪', '明', '永', '德', '金', '佩',
  '慧', '家', '佳', '子', '梓', '思', '雨', '欣', '俊', '浩', '宇', '嘉', '静', '凤', '淑', '惠', '立', '振', '伟',
] as const;
const GIVEN_SECOND = [
  '华', '英', '兰', '芳', '珍', '明', '强', '平', '军', '伟', '敏', '琴', '萍', '娟', '清', '林', '祥', '荣', '根',
  '宝', '妹', '凤', '霞', '勇', '杰', '涛', '轩', '涵', '怡', '琪', '宁', '辰', '彬', '颖', '婷', '磊', '斌', '燕',
] as const;

/** A Chinese full name: surname plus a one- or two-character given name. */
export function personName(rng: Rng): string {
  const surname = rng.pick(SURNAMES);
  if (rng.chance(0.22)) return surname + rng.pick(GIVEN_SECOND);
  return surname + rng.pick(GIVEN_FIRST) + rng.pick(GIVEN_SECOND);
}

/** How grid workers and neighbours refer to older residents: 王阿姨, 陈老伯. */
export function familiarName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(['阿姨', '阿婆', '老伯', '师傅', '老师', '奶奶', '爷爷'] as const);
}

/** Mobile 1[3-9]x…: 11 digits. */
export function mobile(rng: Rng): string {
  return '1' + rng.pick(['3', '3', '5', '5', '7', '8', '8', '9'] as const) + rng.digits(9, true);
}

/** Shanghai landline 021-xxxxxxxx (local numbers start 3–6). */
export function landline(rng: Rng): string {
  return '021-' + String(rng.int(3, 6)) + rng.digits(7, true);
}

/**
 * Two-character roots that read like Shanghai place names, for streets,
 * towns and roads. Generated streets use each root at most once per city.
 */
export const PLACE_ROOTS = [
  '江宁', '曹杨', '长风', '宜川', '甘泉', '石泉', '真如', '万里', '彭浦', '临汾', '大宁', '共和', '芷江', '天目', '宝昌',
  '殷行', '延吉', '长白', '控江', '平凉', '大桥', '定海', '四平', '江浦', '凉城', '曲阳', '广中', '嘉兴', '欧阳', '提篮',
  '川沙', '花木', '洋泾', '塘桥', '上钢', '南码', '潍坊', '金杨', '浦兴', '东明', '三林', '北蔡', '张江', '高行', '高桥',
  '曹路', '惠南', '周浦', '航头', '新场', '康桥', '祝桥', '泥城', '书院', '万祥', '老港', '大团', '宣桥', '合庆',
  '七宝', '莘庄', '颛桥', '梅陇', '华漕', '马桥', '吴泾', '浦江', '古美', '江川', '新虹', '友谊', '吴淞', '张庙', '罗店',
  '大场', '杨行', '月浦', '罗泾', '顾村', '高境', '庙行', '淞南', '嘉定', '新成', '菊园', '南翔', '安亭', '马陆', '徐行',
  '华亭', '外冈', '江桥', '朱家', '松江', '岳阳', '永丰', '方松', '中山', '广富', '泗泾', '佘山', '车墩', '新桥', '洞泾',
  '九亭', '泖港', '石湖', '叶榭', '小昆', '新浜', '夏阳', '盈浦', '香花', '赵巷', '徐泾', '华新', '重固', '白鹤', '练塘',
  '金泽', '朱家角', '南桥', '奉城', '庄行', '金汇', '四团', '青村', '柘林', '海湾', '西渡', '奉浦', '金山', '朱泾', '枫泾',
  '张堰', '亭林', '吕巷', '廊下', '漕泾', '山阳', '石化', '城桥', '新河', '竖新', '向化', '三星', '港西',
  '建设', '新海', '陈家', '绿华', '外滩', '南京', '瑞金', '半淞', '小东', '豫园', '老西', '五里', '淮海', '打浦', '天平',
  '湖南', '斜土', '枫林', '长桥', '田林', '康健', '凌云', '漕河', '虹梅', '华泾', '徐家', '龙华', '静安', '曹家', '江宁北',
  '石门', '南西', '天目东', '彭浦西', '临汾北', '共和新', '宝山', '北站', '芷江西', '新江', '五角', '新江湾', '长海', '翔殷',
  '国和', '政立', '民星', '黄兴', '营口', '隆昌', '水丰', '周家', '泰和', '兰溪', '梅园', '丰庄', '泗塘', '通河', '乐都',
  '锦秋', '金桥', '银都', '春申', '景谷', '莲花', '古北', '水城', '蒲汇', '龙吴', '华石', '桂林', '虹漕', '钦州', '罗秀',
] as const;

/** Roots for residents' committees and villages. */
export const COMMUNITY_ROOTS = [
  '飞乐', '金谷', '华院', '长新', '幸福', '团结', '向阳', '红旗', '光明', '和平', '友谊', '兴旺', '东风', '新华', '安居',
  '乐业', '锦绣', '阳光', '绿苑', '梅林', '桂林', '兰馨', '松涛', '翠竹', '柳营', '枫桥', '荷花', '樱园', '芙蓉', '紫藤',
  '香樟', '玉兰', '银杏', '海棠', '丁香', '华阳', '安西', '陶家', '秀水', '古北', '新泾', '天山', '仙霞', '虹储', '茅台',
  '遵义', '威宁', '延西', '武夷', '愚园', '番禺', '定西', '镇宁', '法华', '平武', '安顺', '北新', '剑河', '哈密', '金钟',
  '协和', '泉口', '双流', '宋园', '虹古', '玉屏', '长顺', '广顺', '兴义', '茶陵', '新渔', '福泉', '淞虹', '通协', '怡景',
  '春晖', '晨曦', '明珠', '嘉和', '康城', '望园', '景秀', '丽都', '宝华', '金色', '上南', '凌兆', '杨思', '永泰', '德州',
  '昌里', '齐河', '南码', '浦东', '泾南', '沪东', '民府', '雪野', '梅园', '崂山', '东方', '崮山', '源深', '陆家', '竹园',
  '张杨', '栖山', '罗山', '金桥', '博山', '巨野', '浦电', '泰东', '长岛', '华林', '三门', '富锦', '共富', '庙行', '场北',
  '宝林', '泗塘', '泗东', '通河', '吴淞', '淞滨', '海滨', '友谊', '牡丹', '石化', '卫零', '山龙', '合生', '建设', '永胜',
] as const;

/** Suffixes after a community root: 居委会 and its common forms; 村 for villages. */
export const URBAN_COMMUNITY_SUFFIXES = [
  '居委会', '居委会', '新村居委会', '一村居委会', '二村居委会', '三村居委会', '苑居委会', '花园居委会', '路居委会',
  '小区居委会', '公寓居委会', '里居委会', '坊居委会', '城居委会',
] as const;
export const VILLAGE_SUFFIXES = ['村', '村', '村', '新村'] as const;

export const STREET_PATTERNS = [
  (root: string) => `${root}路街道`,
  (root: string) => `${root}路街道`,
  (root: string) => `${root}街道`,
  (root: string) => `${root}新村街道`,
] as const;
export const TOWN_PATTERN = (root: string) => `${root}镇`;

/** Road roots for private addresses (never published). */
export const ROAD_ROOTS = [
  '华阳', '长宁', '愚园', '江苏', '定西', '安化', '镇宁', '武夷', '番禺', '凯旋', '宣化', '法华镇', '天山', '仙霞',
  '虹桥', '古北', '新华', '延安西', '淮海西', '中山西', '遵义', '娄山关', '剑河', '哈密', '茅台', '水城', '威宁',
  '安顺', '双流', '金钟', '北渔', '协和', '泉口', '兴义', '玉屏', '紫云', '平塘', '长顺', '昭化', '万航渡', '江宁',
  '曹杨', '兰溪', '梅岭', '金沙江', '大渡河', '枣阳', '光复西', '甘泉', '志丹', '宜川', '延长', '共和新', '场中',
] as const;

/** A private address: 华阳路128弄5号402室. */
export function streetAddress(rng: Rng, roots: readonly string[] = ROAD_ROOTS): string {
  const road = rng.pick(roots) + rng.pick(['路', '路', '路', '支路'] as const);
  const lane = rng.chance(0.75) ? `${rng.int(1, 60) * 10 + rng.int(0, 9)}弄` : '';
  const no = `${rng.int(1, 48)}号`;
  const room = rng.chance(0.85) ? `${rng.int(1, 7)}0${rng.int(1, 6)}室` : '';
  return road + lane + no + room;
}

/** Brand words of social organizations and community funds. */
export const BRANDS = [
  '乐龄', '阳光', '同心', '馨家园', '益家', '心悦', '启明', '彩虹', '暖阳', '邻里', '善行', '悦享', '乐群', '青之翼',
  '屋里厢', '中致', '爱心', '绿洲', '向日葵', '康乐', '颐和', '福寿', '慧灵', '春晖', '晨曦', '知行', '同行', '携手',
  '和美', '安心', '好邻居', '心连心', '夕阳红', '银龄', '星光', '蒲公英', '小橘灯', '手拉手', '青苗', '雏鹰', '春芽',
  '绿叶', '睦邻', '同创', '仁德', '博爱', '惠民', '安康', '乐活', '创益', '共享', '汇智', '聚力', '众心', '馨园',
  '和谐', '友善', '微光', '萤火', '乐善', '敬老', '长青', '常青藤', '百合', '海棠', '玉兰', '益友', '恒爱', '齐家',
  '德馨', '明德', '厚德', '乐助', '久久', '家和', '乐融', '善缘', '益路', '新起点', '心翼', '筑梦', '益心', '融爱',
  '睿智', '思源', '启航', '凝聚', '朝阳', '天使', '暖心', '欣悦', '合力', '共建', '同舟', '光华', '耕心', '致远',
] as const;

/** Chinese ordinal numerals for 第一…第十二. */
export const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'] as const;

/** 2 → 二, for 第二网格 and the like (1–99). */
export function chineseNumber(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return digits[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : (digits[tens] ?? '')) + '十' + (ones === 0 ? '' : (digits[ones] ?? ''));
}

/** Romanization of common place-name characters, enough for nameEn of generated areas. */
const PINYIN: Readonly<Record<string, string>> = {
  江: 'jiang', 宁: 'ning', 曹: 'cao', 杨: 'yang', 长: 'chang', 风: 'feng', 宜: 'yi', 川: 'chuan', 甘: 'gan', 泉: 'quan',
  石: 'shi', 真: 'zhen', 如: 'ru', 万: 'wan', 里: 'li', 彭: 'peng', 浦: 'pu', 临: 'lin', 汾: 'fen', 大: 'da', 共: 'gong',
  和: 'he', 芷: 'zhi', 天: 'tian', 目: 'mu', 宝: 'bao', 昌: 'chang', 殷: 'yin', 行: 'hang', 延: 'yan', 吉: 'ji',
  白: 'bai', 控: 'kong', 平: 'ping', 凉: 'liang', 桥: 'qiao', 定: 'ding', 海: 'hai', 四: 'si', 城: 'cheng', 曲: 'qu',
  阳: 'yang', 广: 'guang', 中: 'zhong', 嘉: 'jia', 兴: 'xing', 欧: 'ou', 提: 'ti', 篮: 'lan', 沙: 'sha', 花: 'hua',
  木: 'mu', 洋: 'yang', 泾: 'jing', 塘: 'tang', 上: 'shang', 钢: 'gang', 南: 'nan', 码: 'ma', 潍: 'wei', 坊: 'fang',
  金: 'jin', 东: 'dong', 明: 'ming', 三: 'san', 林: 'lin', 北: 'bei', 蔡: 'cai', 张: 'zhang', 高: 'gao', 路: 'lu',
  唐: 'tang', 镇: 'zhen', 惠: 'hui', 周: 'zhou', 航: 'hang', 头: 'tou', 新: 'xin', 场: 'chang', 康: 'kang', 祝: 'zhu',
  泥: 'ni', 书: 'shu', 院: 'yuan', 祥: 'xiang', 老: 'lao', 港: 'gang', 团: 'tuan', 宣: 'xuan', 合: 'he', 庆: 'qing',
  七: 'qi', 莘: 'xin', 庄: 'zhuang', 颛: 'zhuan', 梅: 'mei', 陇: 'long', 华: 'hua', 漕: 'cao', 马: 'ma', 吴: 'wu',
  古: 'gu', 美: 'mei', 虹: 'hong', 友: 'you', 谊: 'yi', 淞: 'song', 庙: 'miao', 罗: 'luo', 店: 'dian',
  月: 'yue', 顾: 'gu', 村: 'cun', 境: 'jing', 成: 'cheng', 菊: 'ju', 园: 'yuan', 翔: 'xiang', 安: 'an', 亭: 'ting',
  陆: 'lu', 徐: 'xu', 外: 'wai', 冈: 'gang', 朱: 'zhu', 家: 'jia', 松: 'song', 岳: 'yue', 永: 'yong', 丰: 'feng',
  方: 'fang', 山: 'shan', 富: 'fu', 泗: 'si', 佘: 'she', 车: 'che', 墩: 'dun', 洞: 'dong', 九: 'jiu', 泖: 'mao',
  湖: 'hu', 叶: 'ye', 榭: 'xie', 小: 'xiao', 昆: 'kun', 浜: 'bang', 夏: 'xia', 盈: 'ying', 香: 'xiang', 赵: 'zhao',
  巷: 'xiang', 重: 'chong', 固: 'gu', 鹤: 'he', 练: 'lian', 泽: 'ze', 角: 'jiao', 奉: 'feng', 汇: 'hui',
  青: 'qing', 柘: 'zhe', 湾: 'wan', 西: 'xi', 渡: 'du', 枫: 'feng', 堰: 'yan', 吕: 'lv', 廊: 'lang',
  下: 'xia', 化: 'hua', 堡: 'bao', 河: 'he', 竖: 'shu', 向: 'xiang', 星: 'xing', 建: 'jian',
  设: 'she', 陈: 'chen', 绿: 'lv', 滩: 'tan', 京: 'jing', 瑞: 'rui', 半: 'ban', 豫: 'yu', 五: 'wu', 淮: 'huai',
  打: 'da', 斜: 'xie', 土: 'tu', 田: 'tian', 健: 'jian', 凌: 'ling', 云: 'yun', 龙: 'long', 静: 'jing',
  门: 'men', 站: 'zhan', 国: 'guo', 政: 'zheng', 立: 'li', 民: 'min', 黄: 'huang', 营: 'ying', 口: 'kou', 隆: 'long',
  水: 'shui', 泰: 'tai', 兰: 'lan', 溪: 'xi', 通: 'tong', 乐: 'le', 都: 'du', 锦: 'jin', 秋: 'qiu', 银: 'yin', 春: 'chun',
  申: 'shen', 景: 'jing', 谷: 'gu', 莲: 'lian', 蒲: 'pu', 桂: 'gui', 钦: 'qin', 州: 'zhou', 秀: 'xiu', 街: 'jie',
  飞: 'fei', 幸: 'xing', 福: 'fu', 结: 'jie', 红: 'hong', 旗: 'qi', 光: 'guang', 旺: 'wang', 业: 'ye', 绣: 'xiu',
  馨: 'xin', 涛: 'tao', 翠: 'cui', 竹: 'zhu', 柳: 'liu', 荷: 'he', 樱: 'ying', 芙: 'fu', 蓉: 'rong', 紫: 'zi',
  藤: 'teng', 樟: 'zhang', 玉: 'yu', 杏: 'xing', 棠: 'tang', 丁: 'ding', 陶: 'tao', 仙: 'xian', 霞: 'xia', 储: 'chu',
  茅: 'mao', 台: 'tai', 遵: 'zun', 义: 'yi', 威: 'wei', 武: 'wu', 夷: 'yi', 愚: 'yu', 番: 'pan', 禺: 'yu',
  法: 'fa', 顺: 'shun', 剑: 'jian', 哈: 'ha', 密: 'mi', 钟: 'zhong', 协: 'xie', 双: 'shuang', 流: 'liu', 宋: 'song',
  屏: 'ping', 茶: 'cha', 陵: 'ling', 渔: 'yu', 怡: 'yi', 晖: 'hui', 晨: 'chen', 曦: 'xi', 珠: 'zhu', 望: 'wang',
  丽: 'li', 色: 'se', 兆: 'zhao', 思: 'si', 德: 'de', 齐: 'qi', 沪: 'hu', 府: 'fu', 雪: 'xue', 野: 'ye',
  崂: 'lao', 崮: 'gu', 源: 'yuan', 深: 'shen', 栖: 'qi', 博: 'bo', 巨: 'ju', 电: 'dian', 岛: 'dao', 滨: 'bin',
  牡: 'mu', 丹: 'dan', 卫: 'wei', 零: 'ling', 生: 'sheng', 胜: 'sheng',
  道: 'dao', 居: 'ju', 委: 'wei', 会: 'hui', 苑: 'yuan', 一: 'yi', 二: 'er', 寓: 'yu', 公: 'gong', 区: 'qu',
};

/** Pinyin of a place name, capitalized (Caoyang Road Subdistrict is not attempted: the root only). */
export function romanize(name: string): string {
  let out = '';
  for (const ch of name) out += PINYIN[ch] ?? '';
  return out.length > 0 ? out.charAt(0).toUpperCase() + out.slice(1) : '';
}

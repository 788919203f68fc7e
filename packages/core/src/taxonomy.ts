/**
 * The two-level service taxonomy shared by needs, offers, organizations and
 * projects.
 *
 * Codes are the stable API: they are stored in data, URLs and filters, so
 * they are written out literally here and never computed from a label.
 * Labels and synonyms may be reworded freely; renaming a code is a data
 * migration.
 *
 * The top level follows the service fields named in the seed reports
 * (为老、助残、青少年、矛盾调解、物业、平安、特殊人群、便民 …). zh-TW labels use
 * Taiwan wording where it differs (長照、志工、法律扶助、職訓 …) rather than
 * a character-by-character conversion, because a Taiwan or Hong Kong reader
 * would not search for the mainland term. Synonyms hold what residents
 * actually type, in either script and with common typos (心里咨询), so a
 * search for 吵架 or 醫患 still lands in the right category.
 */
import type { Category, CategoryItem, Locale } from './model.js';
import { deepFreeze } from './freeze.js';

type Labels = readonly [zhCN: string, zhTW: string, en: string];

function item(code: string, [zhCN, zhTW, en]: Labels, synonyms: readonly string[]): CategoryItem {
  return { code, labels: { 'zh-CN': zhCN, 'zh-TW': zhTW, en }, synonyms: [...synonyms] };
}

function top(code: string, labels: Labels, synonyms: readonly string[], children: readonly CategoryItem[]): Category {
  return { ...item(code, labels, synonyms), children: [...children] };
}

// Frozen because the same objects are handed to every widget on the page; a
// consumer that mutated a label would change it for all of them.
export const taxonomy: readonly Category[] = deepFreeze([
  top(
    'elderly',
    ['为老服务', '為老服務', 'Elderly care'],
    ['为老', '养老', '養老', '老人', '老年人', '助老', '长者', '長者', '长照', '長照', '银发', '銀髮', 'elderly', 'senior', 'seniors', 'aged'],
    [
      item(
        'elderly.home-care',
        ['居家养老', '居家照顧', 'Home care'],
        ['养老', '老人', '老年人', '助老', '居家养老', '上门', '上门服务', '上门照护', '照顾', '照料', '照顾老人', '没人照顾', '助浴', '洗澡', '洗浴', '洗头', '剪指甲', '助洁', '助行', '居家養老', '居家服務', '到宅服務', 'home care', 'nurse'],
      ),
      item(
        'elderly.day-care',
        ['老年日间照料', '長者日間照顧', 'Day care for elders'],
        ['日间照料', '日间照料中心', '日托', '托老所', '老年日托', '日照中心', '日間照顧', '日照', 'day care'],
      ),
      item(
        'elderly.meals',
        ['老年助餐', '長者送餐與共餐', 'Meals for elders'],
        ['助餐', '助餐点', '送餐', '送饭', '老年食堂', '长者食堂', '社区食堂', '吃饭', '共餐', '送餐服務', '長者食堂', 'meals on wheels', 'food', 'lunch', 'canteen'],
      ),
      item(
        'elderly.empty-nester',
        ['空巢老人关爱', '獨居長者關懷', 'Companionship for empty-nesters'],
        ['空巢', '空巢老人', '独居', '独居老人', '一个人住', '一个人在家', '孤老', '孤寡老人', '陪伴', '陪聊', '孤独', '孤单', '寂寞', '没人说话', '探访', '心灵慰藉', '獨居老人', '關懷訪視', '電話問安', 'lonely', 'loneliness', 'companionship'],
      ),
      item(
        'elderly.long-term-care',
        ['长期护理', '長期照顧', 'Long-term care'],
        ['长护险', '长期护理保险', '失能', '失智', '认知症', '老年痴呆', '阿尔茨海默', '卧床', '护理', '护工', '养老院', '敬老院', '护理院', '养老机构', '照护之家', '长者照护之家', '長照', '失能照顧', '看護', '安養院', '護理之家', 'nursing home', 'nursing', 'caregiver', 'carer'],
      ),
      item(
        'elderly.emergency-call',
        ['助老呼叫与紧急救援', '長者緊急救援', 'Emergency call for elders'],
        [
          '一键呼叫', '紧急呼叫', '呼叫器', '摔倒', '跌倒', '助老呼叫', '救援', '走失', '防走失', '老人走失', '定位手环',
          '緊急救援', '一鍵通', '跌倒通報', 'alarm button', 'emergency button',
        ],
      ),
    ],
  ),
  top(
    'disability',
    ['助残服务', '身心障礙服務', 'Disability support'],
    [
      '助残', '助殘', '残疾人', '殘疾人', '残疾', '残障', '残联', '身障', '身心障礙', '身心障碍',
      '盲人', '视障', '視障', '聋人', '聋哑', '聋哑人', '听障', '聽障', '智障', '智力障碍', '肢体残疾',
      'disability', 'blind', 'deaf', 'disabled', 'handicapped',
    ],
    [
      item(
        'disability.rehabilitation',
        ['康复训练', '復健訓練', 'Rehabilitation'],
        ['康复', '康復', '复健', '復健', '理疗', '康复训练', '残疾人康复', '自闭症', '孤独症', '脑瘫', '物理治療', '職能治療', '自閉症', 'autism'],
      ),
      item(
        'disability.sheltered-work',
        ['残疾人庇护就业', '身障庇護就業', 'Sheltered work'],
        ['庇护', '庇护工场', '阳光之家', '阳光基地', '辅助性就业', '手工坊', '残疾人就业', '庇護工場', '陽光之家'],
      ),
      item(
        'disability.assistive-devices',
        ['辅具适配', '輔具服務', 'Assistive devices'],
        ['辅具', '輔具', '轮椅', '輪椅', '助听器', '助聽器', '拐杖', '助行器', '假肢', '辅具租借', 'wheelchair', 'hearing aid', 'walker'],
      ),
      item(
        'disability.accessibility',
        ['无障碍改造', '無障礙環境改善', 'Accessibility improvements'],
        ['无障碍', '無障礙', '扶手', '加装扶手', '坡道', '适老化改造', '居家改造', '無障礙坡道'],
      ),
      item(
        'disability.family-respite',
        ['残疾人家庭支持与喘息', '身障家庭喘息服務', 'Family support and respite'],
        ['喘息', '喘息服务', '喘息服務', '照护者', '照顧者', '家属支持', '残疾人家属', '托养'],
      ),
    ],
  ),
  top(
    'children-youth',
    ['青少年儿童', '兒童及青少年', 'Children and youth'],
    ['儿童', '兒童', '孩子', '小孩', '青少年', '学生', '學生', '兒少', '未成年人', 'youth', 'children'],
    [
      item(
        'children-youth.after-school',
        ['课后托管', '課後照顧', 'After-school care'],
        ['托管', '课后托管', '放学', '放学后', '接送', '四点半课堂', '小学生托管', '安親班', '課後照顧', '課輔班'],
      ),
      item(
        'children-youth.tutoring',
        ['学业辅导', '課業輔導', 'Tutoring'],
        ['补课', '补习', '作业辅导', '辅导作业', '写作业', '家教', '功课', '補習', '課輔', '功課', 'homework', 'tutor'],
      ),
      item(
        'children-youth.migrant-children',
        ['来沪人员子女关爱', '外來人口子女關懷', 'Migrant children'],
        ['外来人口子女', '外来务工子女', '随迁子女', '流动儿童', '农民工子女', '外地孩子', '新上海人', '流動兒童', '外來人口'],
      ),
      item(
        'children-youth.youth-affairs',
        ['青少年事务社工', '少年輔導', 'Youth social work'],
        ['青少年事务', '闲散青少年', '不良行为', '辍学', '逃学', '网瘾', '沉迷手机', '沉迷游戏', '玩手机', '游戏成瘾', '叛逆', '少年輔導', '中輟', '偏差行為'],
      ),
      item(
        'children-youth.holiday-programmes',
        ['寒暑假活动', '寒暑假營隊', 'Holiday programmes'],
        ['暑假', '寒假', '暑托班', '夏令营', '冬令营', '暑期班', '假期活动', '夏令營', '營隊'],
      ),
      item(
        'children-youth.child-protection',
        ['儿童保护', '兒童保護', 'Child protection'],
        ['留守儿童', '困境儿童', '事实孤儿', '防性侵', '虐待儿童', '儿童权益', '兒保', '兒虐', '兒童權益'],
      ),
    ],
  ),
  top(
    'family-women',
    ['家庭与妇女', '家庭與婦女', 'Families and women'],
    ['家庭', '妇女', '婦女', '女性', '妇联', '婦聯', 'family', 'women'],
    [
      item(
        'family-women.parenting',
        ['家庭教育指导', '親職教育', 'Parenting guidance'],
        ['家庭教育', '家教指导', '育儿', '亲子', '家长课堂', '家长学校', '親職', '親子', '育兒'],
      ),
      item(
        'family-women.domestic-violence',
        ['反家暴援助', '家暴防治', 'Domestic violence support'],
        ['家暴', '家庭暴力', '打老婆', '被打', '人身安全保护令', '保護令', '家庭暴力防治', 'abuse'],
      ),
      item(
        'family-women.marriage',
        ['婚姻家庭辅导', '婚姻與家庭諮商', 'Marriage and family counselling'],
        ['婚姻', '离婚', '夫妻吵架', '婆媳', '婚恋', '婚前辅导', '離婚', '婚姻諮商', '家庭諮商'],
      ),
      item(
        'family-women.infant-care',
        ['婴幼儿照护', '嬰幼兒托育', 'Infant and toddler care'],
        ['托育', '托班', '托儿', '托儿所', '早教', '带娃', '带孩子', '母婴', '0-3岁', '嬰幼兒', '托嬰', '保母', 'baby', 'babysitter', 'nursery'],
      ),
      item(
        'family-women.women-development',
        ['妇女发展与维权', '婦女培力與權益', 'Women’s development and rights'],
        ['妇女维权', '巾帼', '女性创业', '妇女之家', '姐妹', '婦女權益', '女性培力'],
      ),
    ],
  ),
  top(
    'health',
    ['医疗健康', '醫療保健', 'Health'],
    ['医疗', '醫療', '健康', '看病', '医生', '醫生', '卫生', '衛生', '看牙', '牙齿', '口腔', '假牙', '眼睛', '眼科', '白内障', '老花镜', '配眼镜', 'health', 'dentist', 'eyes'],
    [
      item(
        'health.tcm',
        ['中医保健', '中醫保健', 'Traditional Chinese medicine'],
        ['中医', '中醫', '推拿', '针灸', '針灸', '拔罐', '艾灸', '刮痧', '按摩', '足疗', '理疗', '中医保健大篷车', 'TCM'],
      ),
      item(
        'health.chronic-disease',
        ['慢病管理', '慢性病管理', 'Chronic disease management'],
        ['慢病', '慢性病', '高血压', '糖尿病', '量血压', '测血糖', '血壓', '血糖', '高血壓'],
      ),
      item(
        'health.health-promotion',
        ['健康宣教', '健康促進', 'Health promotion'],
        ['健康讲座', '健康教育', '义诊', '義診', '养生', '体检', '献血', '无偿献血', '體檢', '衛教', '健康講座', '捐血', 'blood donation'],
      ),
      item(
        'health.family-doctor',
        ['家庭医生签约', '家庭醫師', 'Family doctor'],
        ['家庭医生', '家庭醫生', '签约医生', '上门看病', '配药', '开药', '社区医院', '疫苗', '打疫苗', '接种', '家醫', '家庭醫師', '疫苗接種', 'clinic', 'vaccine', 'vaccination'],
      ),
      item(
        'health.escort',
        ['陪诊服务', '陪診服務', 'Hospital escort'],
        ['陪诊', '陪診', '陪看病', '陪同就医', '陪去医院', '陪老人看病', '陪护', '住院', '陪床', '陪診師', '挂号', '掛號', '陪同就醫'],
      ),
    ],
  ),
  top(
    'mental-health',
    ['心理健康', '心理健康', 'Mental health'],
    ['心理', '心理咨询', '心理辅导', '心里咨询', '心理諮詢', '心理諮商', '心理輔導', '心理医生', 'mental health', 'depression', 'anxiety', 'psychologist', 'therapy'],
    [
      item(
        'mental-health.counselling',
        ['心理咨询', '心理諮商', 'Counselling'],
        ['心理咨询', '心理辅导', '心里咨询', '心里辅导', '心理疏导', '谈心', '心理医生', '心理諮詢', '心理諮商', '心理輔導', 'counseling'],
      ),
      item(
        'mental-health.stress',
        ['压力与情绪管理', '壓力與情緒管理', 'Stress and emotions'],
        ['压力大', '失眠', '焦虑', '抑郁', '情绪', '郁闷', '焦慮', '憂鬱', '情緒', '紓壓'],
      ),
      item(
        'mental-health.crisis',
        ['心理危机干预', '心理危機處理', 'Crisis intervention'],
        ['危机干预', '心理干预', '轻生', '自杀', '想不开', '心理热线', '自殺防治', '危機處理', '心理干預', 'hotline', 'suicide', 'crisis'],
      ),
      item(
        'mental-health.bereavement',
        ['哀伤抚慰', '悲傷輔導', 'Bereavement support'],
        ['哀伤', '丧亲', '失独', '失独家庭', '悲傷', '喪親', '失獨'],
      ),
    ],
  ),
  top(
    'legal-aid',
    ['法律援助', '法律扶助', 'Legal aid'],
    ['法律', '律师', '律師', '法援', '法律援助', '法律扶助', '打官司', 'legal aid', 'lawyer'],
    [
      item(
        'legal-aid.consultation',
        ['法律咨询', '法律諮詢', 'Legal advice'],
        ['法律咨询', '律师咨询', '免费律师', '社区律师', '问律师', '法律问题', '法律諮詢', '問律師', '免費律師'],
      ),
      item(
        'legal-aid.representation',
        ['诉讼代理援助', '訴訟代理扶助', 'Court representation'],
        ['打官司', '起诉', '诉讼', '代理', '告人', '法援', '訴訟', '起訴'],
      ),
      item(
        'legal-aid.wills-inheritance',
        ['遗嘱与继承', '遺囑與繼承', 'Wills and inheritance'],
        ['遗嘱', '继承', '遗产', '房产过户', '公证', '意定监护', '遺囑', '繼承', '遺產'],
      ),
      item(
        'legal-aid.legal-education',
        ['普法宣传', '法治宣導', 'Legal education'],
        ['普法', '法律讲座', '法律知识', '宪法', '民法典', '法律講座', '法治教育'],
      ),
    ],
  ),
  top(
    'mediation',
    ['矛盾调解', '糾紛調解', 'Dispute mediation'],
    ['调解', '調解', '吵架', '打架', '纠纷', '糾紛', '矛盾', '邻里纠纷', '人民调解', '劝和', '老娘舅', 'mediation'],
    [
      item(
        'mediation.neighbour',
        ['邻里纠纷调解', '鄰里糾紛調解', 'Neighbour disputes'],
        [
          '邻里纠纷', '邻居', '吵架', '邻居吵架', '噪音', '装修', '装修噪音', '装修扰民', '扰民', '太吵', '吵闹', '楼上漏水', '占道', '宠物', '养狗', '养犬', '文明养犬', '狗叫', '流浪猫', '流浪狗',
          '鄰里糾紛', '鄰居', '老娘舅', '寵物', 'noise', 'pets', 'dog',
        ],
      ),
      item(
        'mediation.family',
        ['家庭纠纷调解', '家庭糾紛調解', 'Family disputes'],
        ['家庭纠纷', '家务事', '赡养', '婆媳矛盾', '分家', '房子纠纷', '贍養', '家庭糾紛'],
      ),
      item(
        'mediation.doctor-patient',
        ['医患纠纷调解', '醫療糾紛調解', 'Doctor-patient disputes'],
        ['医患', '醫患', '医患纠纷', '医疗纠纷', '医疗事故', '医闹', '醫療糾紛', '醫糾'],
      ),
      item(
        'mediation.labour',
        ['劳动争议调解', '勞資爭議調解', 'Labour disputes'],
        ['劳动争议', '劳动纠纷', '劳资纠纷', '欠薪', '拖欠工资', '讨薪', '工资', '工伤', '劳动仲裁', '工傷', '勞資糾紛', '勞資爭議'],
      ),
      item(
        'mediation.property',
        ['物业纠纷调解', '物業糾紛調解', 'Property-management disputes'],
        ['物业纠纷', '物业费', '停车纠纷', '业委会矛盾', '物業糾紛', '管理費'],
      ),
    ],
  ),
  top(
    'employment',
    ['就业与培训', '就業與職訓', 'Employment and training'],
    ['就业', '就業', '工作', '培训', '培訓', '职训', '職訓', '找工作', '就业服务', '就業服務', 'jobs'],
    [
      item(
        'employment.job-matching',
        ['就业推荐', '就業媒合', 'Job matching'],
        ['找工作', '招聘', '求职', '失业', '再就业', '职介', '就业援助', '求職', '失業', '媒合'],
      ),
      item(
        'employment.skills-training',
        ['职业技能培训', '職業訓練', 'Vocational training'],
        ['技能培训', '学技术', '职业培训', '育婴师', '养老护理员', '考证', '職訓', '職業訓練', '證照'],
      ),
      item(
        'employment.livestream-sales',
        ['直播带货培训', '直播電商培訓', 'Live-stream sales training'],
        ['直播', '带货', '直播带货', '电商', '网店', '抖音', '快手', '直播帶貨', '電商', '網拍'],
      ),
      item(
        'employment.entrepreneurship',
        ['创业指导', '創業輔導', 'Start-up support'],
        ['创业', '開店', '开店', '创业贷款', '个体户', '創業', '微型創業'],
      ),
    ],
  ),
  top(
    'culture-sports',
    ['文体活动', '藝文與運動', 'Culture and sports'],
    [
      '文体', '文體', '文化', '体育', '體育', '运动', '運動', '娱乐', '兴趣', '棋牌', '下棋', '象棋', '围棋', '麻将', '打牌', '旅游', '钓鱼',
      '圍棋', '麻將', 'culture', 'sports',
    ],
    [
      item(
        'culture-sports.peking-opera',
        ['京剧戏曲', '京劇戲曲', 'Peking opera'],
        ['京剧', '京劇', '国剧', '國劇', '戏曲', '戲曲', '票友', '越剧', '沪剧', '评剧', '评弹', '唱戏', '昆曲', '評彈'],
      ),
      item(
        'culture-sports.calligraphy',
        ['书画', '書畫', 'Calligraphy and painting'],
        ['书法', '書法', '国画', '國畫', '画画', '毛笔字', '写字', '书画协会', '水墨'],
      ),
      item(
        'culture-sports.martial-arts',
        ['武术太极', '武術太極', 'Martial arts and tai chi'],
        ['武术', '武術', '太极', '太极拳', '太極拳', '八段锦', '八段錦', '气功', '氣功', '功夫'],
      ),
      item(
        'culture-sports.dance-choir',
        ['舞蹈合唱', '舞蹈與合唱', 'Dance and choir'],
        ['广场舞', '廣場舞', '跳舞', '合唱', '合唱团', '唱歌', '腰鼓', '音乐', '乐器', '乐队', '口琴', '葫芦丝', '合唱團', '土風舞', '音樂', 'music', 'singing', 'choir'],
      ),
      item(
        'culture-sports.fitness',
        ['全民健身', '全民運動', 'Fitness'],
        ['健身', '健身房', '百姓健身房', '跑步', '乒乓', '羽毛球', '篮球', '足球', '游泳', '健步走', '桌球', '籃球', '運動', 'yoga', 'gym', 'basketball', 'football', 'swimming', 'badminton'],
      ),
      item(
        'culture-sports.handicraft',
        ['手工艺', '手作工藝', 'Handicrafts'],
        ['手工', '编织', '剪纸', '十字绣', '织毛衣', '手作', '編織', '剪紙', '刺繡'],
      ),
    ],
  ),
  top(
    'environment',
    ['环境与垃圾分类', '環境與資源回收', 'Environment and waste sorting'],
    ['环境', '環境', '环保', '環保', '垃圾分类', '垃圾分類', '资源回收', '資源回收', 'environment'],
    [
      item(
        'environment.waste-sorting',
        ['垃圾分类', '垃圾分類', 'Waste sorting'],
        ['垃圾', '扔垃圾', '垃圾分类', '干垃圾', '湿垃圾', '可回收物', '有害垃圾', '厨余', '垃圾分類', '廚餘', '資源回收'],
      ),
      item(
        'environment.greening',
        ['社区绿化', '社區綠美化', 'Community greening'],
        ['绿化', '綠化', '种花', '种菜', '社区花园', '口袋公园', '一平米花园', '綠美化', '社區花園'],
      ),
      item(
        'environment.clean-up',
        ['环境整治', '環境清潔', 'Clean-up campaigns'],
        ['环境卫生', '牛皮癣', '小广告', '乱堆物', '大扫除', '卫生死角', '環境衛生', '大掃除', '清潔'],
      ),
      item(
        'environment.reuse',
        ['旧物回收再利用', '舊物回收再利用', 'Reuse and recycling'],
        ['旧衣', '旧衣服', '回收', '废品', '跳蚤市场', '二手', '以物换物', '舊衣', '二手物', '跳蚤市場'],
      ),
    ],
  ),
  top(
    'housing-property',
    ['物业与住房', '物業與住宅', 'Property and housing'],
    ['物业', '物業', '住房', '住宅', '小区', '小區', '房子', '违建', '违章搭建', '違建', 'property'],
    [
      item(
        'housing-property.old-compound',
        ['老旧小区托管', '老舊社區物業代管', 'Old compounds without management'],
        ['老旧小区', '老小区', '没有物业', '无物业', '弃管小区', '功能型物业', '托管', '老舊社區', '老公寓', '無物業'],
      ),
      item(
        'housing-property.repairs',
        ['便民维修', '居家修繕', 'Home repairs'],
        ['维修', '修理', '修水管', '漏水', '下水道', '通下水道', '管道疏通', '水电', '修马桶', '换灯泡', '电路', '修电器', '家电维修', '修空调', '空调维修', '修冰箱', '修热水器', '修手机', '手机维修', '开锁', '换锁', '修锁', '装修', '修繕', '水電', '維修', '家電維修', '裝修', 'repair', 'plumber', 'plumbing', 'electrician', 'locksmith'],
      ),
      item(
        'housing-property.stairwell-cleaning',
        ['楼道保洁', '樓梯間清潔', 'Stairwell cleaning'],
        ['楼道', '樓道', '打扫楼道', '楼道堆物', '保洁', '樓梯間', '清潔'],
      ),
      item(
        'housing-property.owners-committee',
        ['业委会建设', '管理委員會輔導', 'Owners’ committee support'],
        ['业委会', '業委會', '业主大会', '业主委员会', '业委会选举', '管委會', '區權會', '物业费'],
      ),
      item(
        'housing-property.lift-installation',
        ['加装电梯', '老屋增設電梯', 'Adding lifts to old blocks'],
        ['加梯', '加装电梯', '装电梯', '电梯', '爬楼', '增設電梯', '電梯'],
      ),
      item(
        'housing-property.group-rental',
        ['群租整治', '違規分租整治', 'Illegal subletting'],
        ['群租', '二房东', '隔断', '隔断间', '群租房', '分租', '違規隔間', '雅房'],
      ),
    ],
  ),
  top(
    'safety',
    ['平安建设', '社區安全', 'Community safety'],
    ['平安', '安全', '治安', '平安建设', '社區安全', 'safety'],
    [
      item(
        'safety.patrol',
        ['治安巡逻', '守望相助巡守', 'Neighbourhood patrols'],
        ['巡逻', '巡邏', '银盾巡逻', '平安志愿者', '治安', '小偷', '防盗', '巡守', '守望相助', '防竊'],
      ),
      item(
        'safety.anti-drug',
        ['禁毒宣传', '反毒宣導', 'Anti-drug outreach'],
        ['禁毒', '毒品', '吸毒', '禁毒妈妈', '拒毒', '反毒', '毒品防制'],
      ),
      item(
        'safety.falling-objects',
        ['高空抛物治理', '高空拋物防治', 'Objects thrown from height'],
        ['高空抛物', '高空坠物', '楼上扔东西', '扔东西', '坠物', '高空拋物', '高空墜物'],
      ),
      item(
        'safety.anti-fraud',
        ['反诈骗宣传', '防詐騙宣導', 'Anti-fraud'],
        ['诈骗', '骗子', '防骗', '反诈', '电信诈骗', '保健品骗局', '被骗', '詐騙', '防詐', '騙子', 'scam', 'fraud'],
      ),
      item(
        'safety.fire',
        ['消防安全', '消防安全', 'Fire safety'],
        ['消防', '火灾', '灭火器', '电动车充电', '飞线充电', '烟感', '燃气', '火災', '滅火器', '瓦斯'],
      ),
    ],
  ),
  top(
    'special-groups',
    ['特殊人群服务', '特定族群服務', 'Special groups'],
    ['特殊人群', '特定族群', '司法社工', 'special groups'],
    [
      item(
        'special-groups.community-correction',
        ['社区矫正', '社區矯正', 'Community correction'],
        ['矫正', '社区矫正', '社矫', '缓刑', '假释', '矯正', '緩刑', '假釋', '觀護'],
      ),
      item(
        'special-groups.drug-rehabilitation',
        ['社区戒毒康复', '社區戒癮', 'Drug rehabilitation'],
        ['戒毒', '戒毒康复', '社区康复', '禁毒社工', '药物滥用', '戒癮', '藥癮'],
      ),
      item(
        'special-groups.severe-mental-illness',
        ['严重精神障碍患者服务', '精神疾病患者社區關懷', 'Severe mental illness'],
        ['精神病', '重性精神病', '精神障碍', '精神卫生', '精神康复', '阳光心园', '精神疾病', '精神衛生', '精神障礙'],
      ),
      item(
        'special-groups.released-persons',
        ['刑满释放人员帮教', '更生保護', 'Support after release from prison'],
        ['刑满释放', '刑释', '安置帮教', '出狱', '更生人', '更生保護', '出獄'],
      ),
    ],
  ),
  top(
    'poverty-relief',
    ['帮困救助', '弱勢扶助', 'Poverty relief'],
    ['帮困', '幫困', '救助', '困难', '困難', '扶贫', '弱势', '弱勢', '社会福利', '社福', '社會福利', 'poverty', 'welfare'],
    [
      item(
        'poverty-relief.charity-supermarket',
        ['慈善超市', '愛心物資站', 'Charity supermarket'],
        ['慈善超市', '爱心超市', '物资', '领物资', '捐物', '食物银行', '物資', '食物銀行', '實物銀行', 'food bank', 'donation', 'donate'],
      ),
      item(
        'poverty-relief.low-income',
        ['低保与困难家庭帮扶', '低收入戶扶助', 'Low-income support'],
        ['低保', '低收入', '困难家庭', '困难补助', '补助', '补贴', '低收入戶', '中低收入戶', '補助'],
      ),
      item(
        'poverty-relief.emergency-aid',
        ['临时救助', '急難救助', 'Emergency aid'],
        ['临时救助', '急难', '救急', '大病', '突发困难', '急難', '急難救助'],
      ),
      item(
        'poverty-relief.pairing',
        ['结对帮扶', '一對一關懷扶助', 'One-to-one support'],
        ['结对', '结对子', '一帮一', '送温暖', '慰问', '帮扶', '結對', '送溫暖'],
      ),
      item(
        'poverty-relief.student-aid',
        ['助学帮困', '助學扶助', 'Student aid'],
        ['助学', '助学金', '学费', '贫困学生', '奖学金', '助學', '獎助學金', '學費'],
      ),
    ],
  ),
  top(
    'convenience',
    ['便民服务', '便民服務', 'Everyday services'],
    ['便民', '便民服务', '便民服務', '生活服务', '生活服務', 'everyday services'],
    [
      item(
        'convenience.haircut',
        ['公益理发', '愛心義剪', 'Free haircuts'],
        ['理发', '剪头发', '剪头', '上门理发', '义剪', '剃头', '理髮', '剪髮', '義剪', 'haircut'],
      ),
      item(
        'convenience.knife-sharpening',
        ['磨刀磨剪', '磨刀磨剪', 'Knife sharpening'],
        ['磨刀', '磨剪刀', '菜刀', '磨菜刀'],
      ),
      item(
        'convenience.mending',
        ['缝补修鞋', '縫補修鞋', 'Mending'],
        ['修鞋', '修伞', '缝补', '改裤脚', '修拉链', '配钥匙', '修雨傘', '縫補', '改褲腳', '打鑰匙'],
      ),
      item(
        'convenience.housekeeping',
        ['家政服务', '家事服務', 'Housekeeping'],
        ['家政', '保洁', '钟点工', '阿姨', '保姆', '月嫂', '育儿嫂', '打扫卫生', '洗衣', '搬家', '家事服務', '清潔', '鐘點工', 'cleaning', 'cleaner', 'nanny', 'maid', 'moving'],
      ),
      item(
        'convenience.errands',
        ['代购代办', '代購代辦', 'Errands'],
        ['代购', '买菜', '代办', '跑腿', '取药', '买药', '代配药', '快递', '代收快递', '取快递', '代購', '代辦', '買菜', '買藥'],
      ),
    ],
  ),
  top(
    'volunteering',
    ['志愿服务', '志願服務', 'Volunteering'],
    ['志愿者', '志願者', '志工', '义工', '義工', '志愿服务', '志願服務', 'volunteer'],
    [
      item(
        'volunteering.recruitment',
        ['志愿者招募', '志工招募', 'Volunteer recruitment'],
        ['志愿者', '当志愿者', '报名志愿者', '义工', '招募', '志工', '義工', '志願者'],
      ),
      item(
        'volunteering.time-bank',
        ['时间银行', '時間銀行', 'Time bank'],
        ['时间银行', '志愿积分', '积分', '互助养老', '時間銀行', '時間貨幣'],
      ),
      item(
        'volunteering.party-member',
        ['党员志愿服务', '黨員志願服務', 'Party-member volunteering'],
        ['党员志愿者', '党员', '志愿者工作室', '党员工作室', '黨員', '黨員志工'],
      ),
      item(
        'volunteering.skilled',
        ['专业志愿服务', '專業志工服務', 'Skilled volunteering'],
        ['专业志愿者', '技能志愿', '义工基地', '一技之长', '律师志愿者', '医生志愿者', '專業志工'],
      ),
    ],
  ),
  top(
    'enterprise',
    ['企业服务', '企業服務', 'Enterprise services'],
    ['企业', '企業', '公司', '白领', '白領', '上班族', '驻区单位', 'business'],
    [
      item(
        'enterprise.white-collar-lunch',
        ['白领午餐', '上班族午餐', 'White-collar lunch'],
        ['白领午餐', '午餐', '工作餐', '楼宇午餐', '吃饭', '便当', '便當', '上班族', '白領'],
      ),
      item(
        'enterprise.mutual-aid',
        ['企业互助联盟', '企業互助聯盟', 'Business mutual aid'],
        ['企业互助', '联盟', '驻区单位', '共建', '双向认领', '资源共享', '聯盟', '資源共享'],
      ),
      item(
        'enterprise.workplace-care',
        ['楼宇员工关爱', '商辦大樓員工關懷', 'Office-worker services'],
        ['楼宇', '商务楼', '园区', '交友', '联谊', '相亲', '找对象', '婚介', '员工关爱', '聯誼', '商辦'],
      ),
      item(
        'enterprise.small-business',
        ['小微企业帮扶', '小微企業輔導', 'Small-business support'],
        ['小微企业', '小店', '纾困', '个体工商户', '中小企业', '小微企業', '中小企業', '紓困'],
      ),
    ],
  ),
  top(
    'self-governance',
    ['社区自治', '社區自治', 'Community self-governance'],
    ['自治', '社区自治', '社區自治', '居民自治', '共治', '居委会', '居委會', 'self-governance'],
    [
      item(
        'self-governance.deliberation',
        ['自治议事', '社區議事', 'Residents’ deliberation'],
        ['议事', '议事会', '居民议事', '协商', '听证会', '三会', '民主协商', '議事', '協商', '公聽會'],
      ),
      item(
        'self-governance.building-leaders',
        ['楼组长队伍建设', '樓長與樓組培力', 'Building and unit leaders'],
        ['楼组长', '楼栋长', '单元长', '三长', '网格长', '楼长', '樓長', '樓組長'],
      ),
      item(
        'self-governance.resident-groups',
        ['群众团队培育', '社區團隊培力', 'Resident groups'],
        ['群众团队', '社区团队', '睦邻点', '兴趣小组', '自组织', '孵化', '社區團隊', '睦鄰'],
      ),
      item(
        'self-governance.micro-projects',
        ['社区基金与微项目', '社區基金與微型計畫', 'Community funds and micro-projects'],
        ['社区基金', '微项目', '微心愿', '微更新', '公益创投', '社區基金', '微型計畫', '社區營造'],
      ),
      item(
        'self-governance.neighbourhood-events',
        ['邻里节与睦邻活动', '鄰里節與睦鄰活動', 'Neighbourhood festivals'],
        ['邻里节', '睦邻', '百家宴', '公益春晚', '社区活动', '重阳节', '中秋', '春节', '包饺子', '鄰里節', '社區活動'],
      ),
    ],
  ),
  top(
    'education',
    ['社区教育', '社區教育', 'Community education'],
    ['教育', '学习', '學習', '课程', '課程', '讲座', '講座', '社区学校', 'learning'],
    [
      item(
        'education.seniors-university',
        ['老年大学', '長青學苑', 'Seniors’ university'],
        ['老年大学', '老年学校', '社区学校', '长者学堂', '老年大學', '長青', '樂齡', '樂齡學習'],
      ),
      item(
        'education.digital-skills',
        ['智能手机与电脑课堂', '手機與電腦課程', 'Phone and computer classes'],
        ['手机', '智能手机', '教老人用手机', '健康码', '扫码', '微信', '支付宝', '上网', '网购', '电脑', '数字助老', '手機', '電腦', '數位學習', 'smartphone', 'computer', 'internet'],
      ),
      item(
        'education.reading',
        ['社区阅读', '社區閱讀推廣', 'Community reading'],
        ['读书会', '阅读', '图书馆', '绘本', '书屋', '讀書會', '繪本', '圖書館', 'library', 'books'],
      ),
      item(
        'education.life-skills',
        ['生活技能课堂', '生活技能課程', 'Life-skills classes'],
        ['烹饪', '烘焙', '插花', '茶艺', '养花', '兴趣班', '烹飪', '茶藝', '才藝班'],
      ),
      item(
        'education.science',
        ['科普活动', '科普活動', 'Popular science'],
        ['科普', '科学', '科普讲座', '科技', '科學', '科普講座'],
      ),
    ],
  ),
]);

// Built once at load: lookups run per row when tables and filters render.
const index: ReadonlyMap<string, CategoryItem> = new Map(
  taxonomy.flatMap((category): [string, CategoryItem][] => [
    [category.code, category],
    ...category.children.map((child): [string, CategoryItem] => [child.code, child]),
  ]),
);

/** A top-level category or a second-level item by its code. */
export function findCategory(code: string): CategoryItem | undefined {
  return index.get(code);
}

/** The top-level part of a code: `elderly.meals` → `elderly`; a top-level code returns itself. */
export function topLevelCode(code: string): string {
  const dot = code.indexOf('.');
  return dot === -1 ? code : code.slice(0, dot);
}

/** True only for codes that exist in the taxonomy, not for any well-formed code. */
export function isCategoryCode(code: string): boolean {
  return index.has(code);
}

/**
 * The label in `locale`. An unknown code (e.g. from data written by a newer
 * taxonomy) shows as itself rather than as an empty cell.
 */
export function categoryLabel(code: string, locale: Locale): string {
  return index.get(code)?.labels[locale] ?? code;
}

/** All second-level items, in taxonomy order. */
export function categoryItems(): CategoryItem[] {
  return taxonomy.flatMap((category) => category.children);
}

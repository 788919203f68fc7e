/**
 * What organizations offer and residents ask for, per top-level category:
 * titles, descriptions, audiences and name parts, written from the seed
 * reports' examples. Each template names the taxonomy item it belongs to by
 * the part after the dot; `resolveItem` checks it against the taxonomy.
 */
import { findCategory } from '@renling/core';
import type { Audience, CapacityPeriod, ServiceMode } from '@renling/core';

export type TopCode =
  | 'elderly'
  | 'disability'
  | 'children-youth'
  | 'family-women'
  | 'health'
  | 'mental-health'
  | 'legal-aid'
  | 'mediation'
  | 'employment'
  | 'culture-sports'
  | 'environment'
  | 'housing-property'
  | 'safety'
  | 'special-groups'
  | 'poverty-relief'
  | 'convenience'
  | 'volunteering'
  | 'enterprise'
  | 'self-governance'
  | 'education';

/** [title, taxonomy item, one sentence on what happens] */
export type OfferTemplate = readonly [title: string, item: string, detail: string];
/** [title, taxonomy item, what the resident or grid worker wrote] */
export type NeedTemplate = readonly [title: string, item: string, description: string];
/** [project title, taxonomy item] */
export type ProjectTemplate = readonly [title: string, item: string];

export interface CategorySpec {
  readonly top: TopCode;
  /** The field as it appears in organization names: 为老服务, 人民调解. */
  readonly orgTopics: readonly string[];
  /** Community activity teams of this field: 太极拳队 (with their taxonomy item). */
  readonly teams: readonly (readonly [name: string, item: string])[];
  readonly audiences: readonly Audience[];
  readonly modes: readonly ServiceMode[];
  readonly period: CapacityPeriod;
  /** Typical places per period [min, max]. */
  readonly capacity: readonly [number, number];
  readonly tags: readonly string[];
  readonly offers: readonly OfferTemplate[];
  readonly needs: readonly NeedTemplate[];
  readonly projects: readonly ProjectTemplate[];
  /** May a need of this field carry health information (with its own consent)? */
  readonly healthRelated: boolean;
}

export const CATALOG: readonly CategorySpec[] = [
  {
    top: 'elderly',
    orgTopics: ['为老服务', '居家养老服务', '养老服务', '乐龄服务'],
    teams: [['老伙伴互助小组', 'empty-nester'], ['睦邻点', 'empty-nester'], ['助老志愿服务队', 'home-care']],
    audiences: ['elderly', 'families'],
    modes: ['home-visit', 'on-site'],
    period: 'week',
    capacity: [10, 60],
    tags: ['为老服务', '居家养老', '助餐', '日间照料', '老伙伴计划', '长者照护'],
    offers: [
      ['助餐送餐上门', 'meals', '为行动不便的老人配送午餐，荤素搭配、少油少盐，可按需定制软食。'],
      ['长者食堂优惠午餐', 'meals', '社区长者食堂每天供应两荤两素，七十岁以上老人凭卡享受补贴价。'],
      ['独居老人周末陪伴', 'empty-nester', '志愿者每周末上门陪聊、读报，帮忙整理房间，留意老人身体和情绪变化。'],
      ['老伙伴结对关爱', 'empty-nester', '低龄老人与高龄独居老人结对，每天电话问候，每周至少上门一次。'],
      ['长者日间照料', 'day-care', '白天托养，提供午餐、午休、康复操和兴趣活动，傍晚由家属接回。'],
      ['居家养老上门服务', 'home-care', '护理员上门助洁、助浴、助行，按照护评估等级安排服务时长。'],
      ['高龄老人助浴服务', 'home-care', '两名护理员携带助浴设备上门，为失能、半失能老人安全洗浴。'],
      ['失能老人长护险护理', 'long-term-care', '持证护理员按长护险评估结果上门提供生活照料和基础护理。'],
      ['独居老人紧急呼叫安装', 'emergency-call', '为独居老人免费安装一键呼叫设备和烟感报警器，接入街道平台。'],
    ],
    needs: [
      ['独居老人希望每周有人上门陪聊', 'empty-nester', '老人八十多岁，子女在外地工作，白天一个人在家，希望每周有志愿者上门说说话。'],
      ['高龄老人需要助餐送餐', 'meals', '老人腿脚不便，下楼买菜做饭困难，希望社区食堂每天中午送餐上门。'],
      ['失能老人家庭需要喘息服务', 'home-care', '家属长期照护卧床老人，身心疲惫，希望每月有几天专业护理员上门替班。'],
      ['老人白天无人照看希望日托', 'day-care', '子女上班，老人有轻度认知障碍，白天独自在家不放心，希望就近入托。'],
      ['独居老人想装紧急呼叫器', 'emergency-call', '老人独居且有心脏病史，夜里发病怕无人知道，希望安装一键呼叫设备。'],
      ['老人洗澡困难需要助浴', 'home-care', '老人中风后行动不便，家中卫生间狭小，家属无法协助洗澡，希望上门助浴。'],
    ],
    projects: [['乐龄守护计划', 'home-care'], ['长者食堂暖心工程', 'meals'], ['老伙伴计划', 'empty-nester'], ['银龄互助家园', 'day-care']],
    healthRelated: true,
  },
  {
    top: 'disability',
    orgTopics: ['助残服务', '残疾人服务', '阳光助残'],
    teams: [['助残志愿服务队', 'family-respite']],
    audiences: ['disabled', 'families'],
    modes: ['on-site', 'home-visit'],
    period: 'week',
    capacity: [6, 30],
    tags: ['助残', '阳光之家', '康复训练', '无障碍'],
    offers: [
      ['阳光之家日间照料', 'sheltered-work', '为智力残疾人士提供白天照料、简单劳作和生活技能训练。'],
      ['残疾人康复训练上门', 'rehabilitation', '康复师上门指导肢体功能训练，教家属正确的护理和搬运方法。'],
      ['辅具租借与适配', 'assistive-devices', '轮椅、助行器、坐便椅等辅具免费租借，康复师上门评估适配。'],
      ['残疾人家庭无障碍改造', 'accessibility', '上门评估后为残疾人家庭加装扶手、坡道，改造卫生间。'],
      ['残障家庭喘息服务', 'family-respite', '为长期照护重度残疾人的家庭提供短期托养，让家属休息。'],
      ['阳光工场手工劳作', 'sheltered-work', '组织残疾人从事串珠、包装等简单劳作，按件计酬，增加收入。'],
    ],
    needs: [
      ['肢体残疾居民需要上门康复指导', 'rehabilitation', '居民车祸后下肢残疾，出门不便，希望康复师定期上门指导训练。'],
      ['智障青年白天无人照看', 'sheltered-work', '孩子二十岁，智力残疾，父母都要上班，希望白天有地方照看并学点技能。'],
      ['轮椅老人需要借用轮椅', 'assistive-devices', '老人术后暂时不能行走，家里没有轮椅，希望借用三个月。'],
      ['残疾人家中需要加装扶手', 'accessibility', '居民双腿残疾，卫生间和床边没有扶手，多次摔倒，希望帮忙改造。'],
    ],
    projects: [['阳光助残行动', 'rehabilitation'], ['无障碍家园改造项目', 'accessibility'], ['阳光工场扶持项目', 'sheltered-work']],
    healthRelated: true,
  },
  {
    top: 'children-youth',
    orgTopics: ['青少年服务', '青少年事务', '儿童发展'],
    teams: [['青少年志愿服务队', 'youth-affairs'], ['小小志愿者队', 'youth-affairs']],
    audiences: ['children', 'youth', 'families', 'migrants'],
    modes: ['on-site'],
    period: 'week',
    capacity: [15, 40],
    tags: ['四点半课堂', '青少年', '课后看护', '随迁子女', '暑期托管'],
    offers: [
      ['四点半课堂', 'after-school', '放学后在社区活动室看护孩子，大学生志愿者辅导作业，家长下班后来接。'],
      ['暑期爱心托管班', 'holiday-programmes', '暑假期间工作日全天托管，安排作业辅导、阅读、体育和手工课程。'],
      ['随迁子女学业辅导', 'migrant-children', '为外来务工人员子女提供一对一学业辅导和城市融入活动。'],
      ['初中数学英语公益辅导', 'tutoring', '退休教师和大学生志愿者每周两次辅导初中数学和英语。'],
      ['青少年成长小组', 'youth-affairs', '青少年事务社工带领小组活动，提升沟通能力和自我管理能力。'],
      ['儿童安全自护课堂', 'child-protection', '通过情景演练教孩子防拐骗、防性侵、防溺水等自我保护知识。'],
    ],
    needs: [
      ['孩子放学后无人看护', 'after-school', '双职工家庭，孩子读小学二年级，下午三点半放学后没人接，希望社区能帮忙看护。'],
      ['暑假孩子无人照看', 'holiday-programmes', '父母都在上班，孩子暑假整天一个人在家玩手机，希望有托管班。'],
      ['随迁子女需要作业辅导', 'migrant-children', '家长在附近菜场做生意，文化程度不高，孩子作业没人辅导。'],
      ['初三学生需要数学辅导', 'tutoring', '家庭经济困难，请不起家教，孩子数学成绩下滑，希望有志愿者辅导。'],
      ['青少年辍学在家需要帮助', 'youth-affairs', '孩子十六岁，初中毕业后没有继续上学，整天在家，家长希望社工介入。'],
    ],
    projects: [['四点半课堂公益项目', 'after-school'], ['新市民子女关爱计划', 'migrant-children'], ['青苗成长营', 'youth-affairs'], ['暑托班公益项目', 'holiday-programmes']],
    healthRelated: false,
  },
  {
    top: 'family-women',
    orgTopics: ['家庭服务', '妇女儿童服务', '家庭文明建设'],
    teams: [['巾帼志愿者服务队', 'women-development'], ['妈妈沙龙', 'parenting']],
    audiences: ['women', 'families', 'children'],
    modes: ['on-site', 'online'],
    period: 'month',
    capacity: [10, 40],
    tags: ['家庭教育', '妇女儿童', '婚姻家庭', '巾帼'],
    offers: [
      ['家庭教育指导讲座', 'parenting', '邀请家庭教育指导师讲授亲子沟通、习惯培养和青春期教育。'],
      ['婚姻家庭辅导', 'marriage', '婚姻家庭咨询师提供一对一辅导，帮助夫妻化解矛盾、改善沟通。'],
      ['反家暴咨询与庇护转介', 'domestic-violence', '为遭受家庭暴力的妇女提供咨询、陪同报警和庇护转介。'],
      ['新手妈妈育婴课堂', 'infant-care', '育婴师讲授喂养、抚触和常见病护理，现场答疑。'],
      ['巾帼创业沙龙', 'women-development', '为创业女性提供经验分享、政策解读和资源对接。'],
    ],
    needs: [
      ['二孩妈妈希望学习育儿知识', 'infant-care', '刚生二胎，老人不在身边，对新生儿喂养和护理没有把握。'],
      ['夫妻经常争吵希望有人辅导', 'marriage', '结婚五年，因为孩子教育经常争吵，双方都愿意接受婚姻辅导。'],
      ['家长想学习如何与青春期孩子沟通', 'parenting', '孩子上初中后不愿和父母说话，家长希望参加家庭教育课程。'],
      ['全职妈妈希望重返职场', 'women-development', '孩子上幼儿园后想找份工作，但离开职场多年，缺乏信心和技能。'],
    ],
    projects: [['和美家庭建设项目', 'parenting'], ['巾帼家园计划', 'women-development'], ['家庭教育指导站', 'parenting']],
    healthRelated: false,
  },
  {
    top: 'health',
    orgTopics: ['健康促进', '康复服务', '医养结合'],
    teams: [['健康自我管理小组', 'chronic-disease'], ['健身气功队', 'health-promotion']],
    audiences: ['elderly', 'all-residents', 'families'],
    modes: ['on-site', 'home-visit'],
    period: 'month',
    capacity: [20, 120],
    tags: ['健康', '中医', '慢病管理', '家庭医生', '义诊'],
    offers: [
      ['中医义诊进社区', 'tcm', '社区卫生服务中心中医师每月坐诊，提供把脉问诊、推拿和健康咨询。'],
      ['慢病管理健康小屋', 'chronic-disease', '免费测量血压血糖，建立健康档案，护士定期随访高血压和糖尿病患者。'],
      ['家庭医生签约咨询', 'family-doctor', '讲解家庭医生签约服务内容，现场办理签约和长处方。'],
      ['健康讲座进楼组', 'health-promotion', '医生走进楼组讲解合理膳食、防跌倒和常见病预防。'],
      ['就医陪诊服务', 'escort', '陪诊员陪同老人挂号、候诊、取药，并向家属反馈就诊情况。'],
    ],
    needs: [
      ['糖尿病老人希望定期测血糖', 'chronic-disease', '老人患糖尿病多年，自己不会用血糖仪，希望有人定期上门测量并记录。'],
      ['行动不便老人需要陪同就医', 'escort', '老人每月需到三甲医院复诊，子女请假困难，希望有陪诊员陪同。'],
      ['居民希望社区开设中医推拿', 'tcm', '不少老人有腰腿痛，到医院排队时间长，希望社区每周有中医推拿。'],
      ['卧床老人需要家庭医生上门', 'family-doctor', '老人长期卧床，需要定期换药和开药，希望家庭医生上门服务。'],
    ],
    projects: [['健康小屋守护计划', 'chronic-disease'], ['中医药进社区项目', 'tcm'], ['慢病自我管理项目', 'chronic-disease']],
    healthRelated: true,
  },
  {
    top: 'mental-health',
    orgTopics: ['心理咨询', '心理健康服务'],
    teams: [['心理互助小组', 'counselling']],
    audiences: ['all-residents', 'youth', 'elderly', 'families'],
    modes: ['on-site', 'online'],
    period: 'week',
    capacity: [4, 20],
    tags: ['心理咨询', '心理健康', '情绪疏导'],
    offers: [
      ['心理咨询预约', 'counselling', '国家二级心理咨询师提供一对一面询，每次五十分钟，全程保密。'],
      ['压力管理工作坊', 'stress', '通过正念练习和团体分享，帮助上班族和考生缓解焦虑和压力。'],
      ['心理危机干预热线', 'crisis', '专业人员接听求助电话，评估风险并及时转介医疗机构。'],
      ['失独家庭哀伤陪伴', 'bereavement', '社工和心理咨询师定期探访失独老人，开展哀伤辅导和互助小组。'],
      ['老年人心理关爱小组', 'counselling', '以怀旧、园艺等活动帮助老人排解孤独、保持积极心态。'],
    ],
    needs: [
      ['失独老人情绪低落希望有人疏导', 'bereavement', '老人的独子去年病故，老人经常一个人哭，不愿出门，邻居很担心。'],
      ['高三学生考试焦虑', 'stress', '孩子临近高考失眠、厌食，家长希望有心理老师帮助疏导。'],
      ['新手妈妈产后情绪低落', 'counselling', '产后三个月情绪持续低落，家人希望有专业心理咨询。'],
    ],
    projects: [['心灵驿站心理关爱项目', 'counselling'], ['阳光心理成长计划', 'stress']],
    healthRelated: true,
  },
  {
    top: 'legal-aid',
    orgTopics: ['法律服务', '法律援助'],
    teams: [['法律志愿者服务队', 'consultation']],
    audiences: ['all-residents', 'elderly', 'migrants', 'low-income'],
    modes: ['on-site', 'online'],
    period: 'week',
    capacity: [6, 20],
    tags: ['法律咨询', '法律援助', '一居一律师'],
    offers: [
      ['家门口的法律咨询', 'consultation', '律师每周在居委会坐班，解答婚姻、继承、租赁和劳动等法律问题。'],
      ['遗嘱与继承法律讲座', 'wills-inheritance', '律师讲解遗嘱的订立形式和常见继承纠纷，可现场咨询。'],
      ['法律援助申请指导', 'representation', '帮助困难群众准备材料，申请法律援助律师代理诉讼。'],
      ['老年人防诈骗法治课堂', 'legal-education', '结合真实案例讲解保健品、投资理财类诈骗，提高老人防范意识。'],
      ['律师坐堂接待日', 'consultation', '每月固定一天律师在社区事务受理中心接待居民，免费提供法律意见。'],
    ],
    needs: [
      ['老人想咨询遗嘱怎么写才有效', 'wills-inheritance', '老人有两套房子，想提前立遗嘱，担心写得不规范引起子女纠纷。'],
      ['外来务工人员被拖欠工资', 'representation', '在工地做了半年，老板拖欠工资三万多元，不知道怎么维权。'],
      ['租房合同纠纷需要法律意见', 'consultation', '房东提前收房不退押金，租客希望咨询律师如何处理。'],
    ],
    projects: [['一居一律师服务项目', 'consultation'], ['法治进社区项目', 'legal-education']],
    healthRelated: false,
  },
  {
    top: 'mediation',
    orgTopics: ['人民调解', '矛盾调解', '社区调解'],
    teams: [['老娘舅调解队', 'neighbour'], ['楼组调解小组', 'neighbour']],
    audiences: ['all-residents', 'families'],
    modes: ['on-site', 'home-visit'],
    period: 'month',
    capacity: [5, 30],
    tags: ['人民调解', '老娘舅', '邻里纠纷', '医患调解'],
    offers: [
      ['邻里纠纷调解室', 'neighbour', '人民调解员和楼组长一起上门了解情况，组织双方当面协商。'],
      ['老娘舅调解工作室', 'family', '资深调解员调解家庭赡养、析产和邻里矛盾，做到小事不出居委。'],
      ['医患纠纷人民调解', 'doctor-patient', '第三方调解员介入医患纠纷，组织医学专家评估，引导依法解决。'],
      ['劳动争议调解', 'labour', '为职工和企业调解工资、社保和解除劳动合同等争议。'],
      ['物业矛盾协商会', 'property', '召集业委会、物业公司和居民代表协商停车、收费、维修等矛盾。'],
    ],
    needs: [
      ['楼上漏水影响楼下多次协商未果', 'neighbour', '楼上卫生间漏水导致楼下天花板发霉，双方多次协商没有结果。'],
      ['邻居噪音扰民希望调解', 'neighbour', '楼上住户经常深夜走动、拖动家具，老人睡眠受到严重影响。'],
      ['子女赡养纠纷需要调解', 'family', '老人有三个子女，对轮流照顾和赡养费有争议，希望居委会出面调解。'],
      ['小区停车位争议引发矛盾', 'property', '业委会和物业对停车收费意见不一，居民之间也多次发生争吵。'],
    ],
    projects: [['和事佬调解工作室项目', 'neighbour'], ['医患纠纷人民调解项目', 'doctor-patient'], ['邻里守望和谐家园计划', 'neighbour']],
    healthRelated: false,
  },
  {
    top: 'employment',
    orgTopics: ['就业服务', '职业技能培训', '创业指导'],
    teams: [],
    audiences: ['all-residents', 'youth', 'women', 'migrants', 'low-income', 'disabled'],
    modes: ['on-site', 'online'],
    period: 'month',
    capacity: [15, 60],
    tags: ['就业', '技能培训', '直播带货', '创业'],
    offers: [
      ['直播带货技能培训', 'livestream-sales', '为社区小店和小微企业讲授短视频拍摄、直播话术和网店运营。'],
      ['失业人员再就业指导', 'job-matching', '职业指导师一对一分析求职意向，推荐岗位并辅导面试。'],
      ['家政服务员技能培训', 'skills-training', '培训保洁、烹饪、育婴等家政技能，考核合格颁发证书并推荐就业。'],
      ['家门口招聘会', 'job-matching', '联合辖区企业每月举办小型招聘会，岗位信息同步在社区公众号发布。'],
      ['创业政策咨询与孵化', 'entrepreneurship', '讲解创业贷款和补贴政策，提供工位孵化和导师辅导。'],
    ],
    needs: [
      ['下岗居民希望学一门手艺再就业', 'skills-training', '居民四十八岁，原单位关闭后一直没找到工作，想学家政或烹饪技能。'],
      ['残疾青年希望找到合适工作', 'job-matching', '青年听力残疾，会电脑操作，希望找到一份能胜任的工作。'],
      ['小店店主想学习直播带货', 'livestream-sales', '社区水果店生意下滑，店主想学习直播卖货，但不懂怎么操作。'],
    ],
    projects: [['家门口就业服务站', 'job-matching'], ['直播电商助业计划', 'livestream-sales'], ['就业加油站项目', 'skills-training']],
    healthRelated: false,
  },
  {
    top: 'culture-sports',
    orgTopics: ['文化服务', '体育健身', '文化艺术', '群众文化'],
    teams: [
      ['太极拳队', 'martial-arts'], ['木兰拳队', 'martial-arts'], ['广场舞队', 'dance-choir'], ['合唱团', 'dance-choir'],
      ['京剧票友社', 'peking-opera'], ['沪剧沙龙', 'peking-opera'], ['越剧社', 'peking-opera'], ['书画社', 'calligraphy'],
      ['腰鼓队', 'dance-choir'], ['模特队', 'dance-choir'], ['健步走队', 'fitness'], ['乒乓球队', 'fitness'],
      ['柔力球队', 'fitness'], ['门球队', 'fitness'], ['编织小组', 'handicraft'], ['手工坊', 'handicraft'],
      ['舞蹈队', 'dance-choir'], ['口琴队', 'dance-choir'], ['剪纸小组', 'handicraft'], ['健身气功站', 'fitness'],
    ],
    audiences: ['all-residents', 'elderly', 'youth', 'children'],
    modes: ['on-site'],
    period: 'week',
    capacity: [15, 50],
    tags: ['文体', '京剧', '书法', '太极拳', '合唱', '非遗'],
    offers: [
      ['京剧票友沙龙', 'peking-opera', '票友每周聚会清唱，琴师伴奏，新人可跟学《贵妃醉酒》等经典唱段。'],
      ['书法公益课堂', 'calligraphy', '书法家协会会员教授楷书和隶书基础，笔墨纸由社区提供。'],
      ['太极拳晨练指导', 'martial-arts', '教练每天清晨在小区花园带练二十四式太极拳，欢迎零基础居民。'],
      ['社区合唱团招新', 'dance-choir', '声乐老师指导发声和合唱，每年参加街道文化节演出。'],
      ['武术进社区', 'martial-arts', '武术教练为青少年和中老年分班教授长拳、太极剑等项目。'],
      ['非遗剪纸体验课', 'handicraft', '非遗传承人教授海派剪纸，作品可参加社区展览。'],
      ['中老年健身操', 'fitness', '社会体育指导员带领健身操和拉伸训练，适合中老年人。'],
    ],
    needs: [
      ['退休居民希望社区开办书法班', 'calligraphy', '楼组里有十几位退休老人想学书法，希望社区请老师来上课。'],
      ['老年人希望有固定场地打太极', 'martial-arts', '太极拳爱好者在小区空地练拳，下雨天没有场地，希望协调活动室。'],
      ['京剧爱好者缺少琴师伴奏', 'peking-opera', '票友们自发聚会唱戏，没有琴师伴奏，希望有专业人士指导。'],
      ['社区缺少青少年体育活动', 'fitness', '小区附近没有适合孩子的运动场地，家长希望组织周末体育活动。'],
    ],
    projects: [['社区文化节', 'dance-choir'], ['全民健身进社区项目', 'fitness'], ['海派戏曲传承计划', 'peking-opera']],
    healthRelated: false,
  },
  {
    top: 'environment',
    orgTopics: ['环保', '绿色环保', '生态文明'],
    teams: [['垃圾分类督导队', 'waste-sorting'], ['绿化养护队', 'greening'], ['环保志愿者队', 'clean-up']],
    audiences: ['all-residents', 'families', 'children'],
    modes: ['on-site'],
    period: 'month',
    capacity: [20, 80],
    tags: ['垃圾分类', '环保', '社区花园', '绿色账户'],
    offers: [
      ['垃圾分类宣传督导', 'waste-sorting', '志愿者在定时投放点值守，指导居民正确分类投放。'],
      ['旧物改造工作坊', 'reuse', '把旧衣物、饮料瓶改造成收纳袋和花盆，倡导物尽其用。'],
      ['社区花园共建', 'greening', '居民认领花坛，园艺师指导种植，共同打造家门口的小花园。'],
      ['楼道环境清洁日', 'clean-up', '每月组织居民和志愿者清理绿化带白色垃圾和卫生死角。'],
      ['湿垃圾堆肥课堂', 'waste-sorting', '教居民用厨余垃圾制作酵素和堆肥，用于社区绿化。'],
    ],
    needs: [
      ['垃圾箱房周边脏乱需要督导', 'waste-sorting', '小区垃圾箱房周边经常有人乱扔垃圾，气味很大，希望加强督导。'],
      ['居民希望把闲置空地改成社区花园', 'greening', '小区角落有块空地长期堆放杂物，居民希望改造成社区花园。'],
      ['绿化带卫生死角需要清理', 'clean-up', '围墙边绿化带里堆积了很多塑料袋和建筑垃圾，无人清理。'],
    ],
    projects: [['垃圾分类新时尚项目', 'waste-sorting'], ['社区花园营造计划', 'greening'], ['绿色家园项目', 'clean-up']],
    healthRelated: false,
  },
  {
    top: 'housing-property',
    orgTopics: ['物业服务', '社区物业管理', '房屋修缮'],
    teams: [['楼组自治小组', 'stairwell-cleaning'], ['小区维修志愿队', 'repairs']],
    audiences: ['all-residents', 'elderly', 'families'],
    modes: ['home-visit', 'on-site'],
    period: 'month',
    capacity: [10, 60],
    tags: ['物业', '老旧小区', '加装电梯', '维修'],
    offers: [
      ['老旧小区物业托管', 'old-compound', '为无物业管理的老旧小区提供保洁、秩序维护和公共设施维修。'],
      ['水电小修上门', 'repairs', '维修师傅上门更换水龙头、灯泡和开关，老人只付材料费。'],
      ['楼道清洁服务', 'stairwell-cleaning', '每周两次清扫楼道、擦拭扶手，清理楼道小广告。'],
      ['加装电梯协调服务', 'lift-installation', '协助居民征询意见、对接设计施工单位，化解高低楼层分歧。'],
      ['业委会组建指导', 'owners-committee', '指导小区依法组建业委会，培训委员履职和议事规则。'],
      ['群租整治协同', 'group-rental', '配合房管部门排查群租隐患，劝导合规出租。'],
    ],
    needs: [
      ['楼道堆物清理', 'stairwell-cleaning', '楼道里堆满旧家具和纸箱，既影响通行又有火灾隐患，希望组织清理。'],
      ['老公房屋顶漏水无人维修', 'repairs', '顶楼住户屋顶漏水多年，小区没有物业，不知道找谁维修。'],
      ['无物业小区路灯坏了没人修', 'old-compound', '小区路灯坏了两个月，晚上出行很不安全，老人不敢下楼。'],
      ['居民希望加装电梯需要协调', 'lift-installation', '六层老公房住了很多老人，大多数居民同意加装电梯，但一楼住户有顾虑。'],
    ],
    projects: [['美丽家园老旧小区治理项目', 'old-compound'], ['红色物业服务项目', 'old-compound'], ['加装电梯协调服务项目', 'lift-installation']],
    healthRelated: false,
  },
  {
    top: 'safety',
    orgTopics: ['平安建设', '综合协管', '禁毒宣传'],
    teams: [['平安巡逻队', 'patrol'], ['治安志愿者队', 'patrol'], ['禁毒宣传队', 'anti-drug']],
    audiences: ['all-residents', 'elderly', 'youth'],
    modes: ['on-site'],
    period: 'month',
    capacity: [30, 150],
    tags: ['平安', '反诈', '巡逻', '禁毒', '消防'],
    offers: [
      ['平安志愿者夜间巡逻', 'patrol', '志愿者每晚两班在小区巡逻，留意陌生人员和消防隐患。'],
      ['防范电信诈骗讲座', 'anti-fraud', '民警和社工讲解冒充公检法、刷单返利等骗局，帮助安装反诈App。'],
      ['高空抛物宣传', 'falling-objects', '入户发放宣传册，在楼道张贴提示，讲解高空抛物的法律责任。'],
      ['禁毒宣传进社区', 'anti-drug', '通过展板、情景剧和知识竞答普及毒品危害和新型毒品识别。'],
      ['消防安全入户检查', 'fire', '消防志愿者上门检查电线老化和燃气安全，讲解电动车安全充电。'],
    ],
    needs: [
      ['小区夜间有陌生人出入希望加强巡逻', 'patrol', '最近小区发生几起电瓶车被盗，居民希望晚上加强巡逻。'],
      ['老人多次接到诈骗电话', 'anti-fraud', '独居老人多次接到自称医保局的电话，差点转账，家属希望有人上门宣传。'],
      ['楼道电动车充电存在隐患', 'fire', '有住户把电动车推进楼道充电，邻居担心起火，希望社区处理。'],
      ['高楼有人往下扔垃圾', 'falling-objects', '小区里多次发现从高层扔下的垃圾，差点砸到人，希望查清并宣传。'],
    ],
    projects: [['平安社区建设项目', 'patrol'], ['反诈宣传进万家', 'anti-fraud'], ['禁毒社区行动', 'anti-drug']],
    healthRelated: false,
  },
  {
    top: 'special-groups',
    orgTopics: ['司法社工', '禁毒社工', '社区矫正服务'],
    teams: [['帮教志愿者队', 'released-persons']],
    audiences: ['all-residents', 'families', 'low-income'],
    modes: ['on-site', 'home-visit'],
    period: 'month',
    capacity: [4, 20],
    tags: ['特殊人群', '社区矫正', '禁毒', '安置帮教'],
    offers: [
      ['社区矫正对象帮教', 'community-correction', '司法社工开展个案辅导、公益劳动和法治教育，帮助矫正对象回归社会。'],
      ['戒毒康复人员社会支持', 'drug-rehabilitation', '禁毒社工定期走访，提供心理支持、就业推荐和家庭关系修复。'],
      ['精神障碍患者社区康复', 'severe-mental-illness', '在阳光心园开展康复训练、服药管理和家属支持小组。'],
      ['刑满释放人员安置帮教', 'released-persons', '协助办理户籍、社保和低保，推荐就业岗位。'],
    ],
    needs: [
      ['社区矫正人员需要就业帮扶', 'community-correction', '矫正对象三十岁，有驾驶证，希望找到一份稳定工作。'],
      ['精神障碍患者家属需要照护支持', 'severe-mental-illness', '母亲年迈，独自照顾患精神分裂症的儿子，身心压力很大。'],
      ['刑满释放人员生活困难', 'released-persons', '刚出狱回到社区，没有住处和收入，需要办理低保和找工作。'],
    ],
    projects: [['阳光重生帮教项目', 'community-correction'], ['精神障碍社区康复项目', 'severe-mental-illness']],
    healthRelated: true,
  },
  {
    top: 'poverty-relief',
    orgTopics: ['帮困服务', '慈善服务', '社会救助'],
    teams: [['爱心帮困小组', 'pairing']],
    audiences: ['low-income', 'families', 'elderly', 'disabled'],
    modes: ['on-site', 'home-visit'],
    period: 'month',
    capacity: [20, 100],
    tags: ['帮困', '慈善超市', '低保', '结对帮扶'],
    offers: [
      ['慈善超市爱心物资', 'charity-supermarket', '困难家庭凭救助卡每月在慈善超市领取米油等生活物资。'],
      ['低保家庭结对帮扶', 'pairing', '党员和辖区单位与低保家庭结对，定期走访，帮助解决实际困难。'],
      ['困难家庭助学金', 'student-aid', '为低保、低收入家庭在读学生发放助学金和学习用品。'],
      ['临时困难应急救助', 'emergency-aid', '遭遇突发疾病、事故的家庭可申请应急救助金和物资。'],
      ['低收入家庭政策申请协助', 'low-income', '社工帮助困难家庭了解并申请低保、医疗救助和廉租房。'],
    ],
    needs: [
      ['低保家庭孩子需要学习用品', 'student-aid', '单亲低保家庭，孩子上初中，缺少书包、文具和课外书。'],
      ['困难家庭冬季缺少御寒衣物', 'emergency-aid', '老夫妻靠低保生活，家里被褥单薄，冬天很难熬。'],
      ['因病致贫家庭希望申请救助', 'low-income', '家中主要劳动力患癌症，医疗费花光积蓄，希望了解救助政策。'],
    ],
    projects: [['慈善超市运营项目', 'charity-supermarket'], ['微心愿认领行动', 'pairing'], ['结对帮困暖心工程', 'pairing']],
    healthRelated: true,
  },
  {
    top: 'convenience',
    orgTopics: ['便民服务', '社区生活服务'],
    teams: [['便民服务队', 'mending'], ['学雷锋志愿服务队', 'haircut']],
    audiences: ['all-residents', 'elderly'],
    modes: ['on-site', 'home-visit'],
    period: 'month',
    capacity: [30, 150],
    tags: ['便民', '义剪', '磨刀', '家政'],
    offers: [
      ['爱心义剪', 'haircut', '理发师每月到社区免费为老人理发，卧床老人可预约上门。'],
      ['磨刀修伞便民日', 'knife-sharpening', '每月第一个周六在居委会门口磨刀、修伞、配钥匙。'],
      ['衣物缝补修鞋', 'mending', '志愿者阿姨提供衣物缝补、改裤脚，师傅修鞋换跟。'],
      ['家政保洁上门', 'housekeeping', '专业家政人员上门打扫、擦窗，困难老人享受补贴。'],
      ['代购代办跑腿', 'errands', '为独居老人代购日用品、代缴水电煤费用、代取药品。'],
    ],
    needs: [
      ['卧床老人需要上门理发', 'haircut', '老人长期卧床，头发很长，家属不会理发，希望理发师上门。'],
      ['居民希望社区定期磨刀修伞', 'knife-sharpening', '附近修伞磨刀的摊位没有了，老人们希望社区定期组织便民服务。'],
      ['独居老人需要代缴水电费', 'errands', '老人不会用手机支付，营业厅又远，希望有人帮忙代缴费用。'],
    ],
    projects: [['便民服务集市', 'mending'], ['15分钟生活圈便民服务项目', 'housekeeping']],
    healthRelated: false,
  },
  {
    top: 'volunteering',
    orgTopics: ['志愿服务', '志愿者服务'],
    teams: [['党员志愿服务队', 'party-member'], ['青年志愿者服务队', 'recruitment'], ['专业志愿者服务队', 'skilled']],
    audiences: ['all-residents', 'youth'],
    modes: ['on-site', 'online'],
    period: 'month',
    capacity: [20, 100],
    tags: ['志愿服务', '时间银行', '党员志愿者'],
    offers: [
      ['志愿者招募与培训', 'recruitment', '面向居民招募志愿者，开展岗前培训，按特长分配服务岗位。'],
      ['时间银行积分兑换', 'time-bank', '志愿服务时长存入时间银行，可兑换服务或生活用品。'],
      ['党员志愿者服务日', 'party-member', '每月固定一天党员志愿者进楼组走访、清洁、帮困。'],
      ['专业志愿者结对服务', 'skilled', '医生、律师、教师等专业志愿者与社区结对，定期提供专业服务。'],
    ],
    needs: [
      ['社区活动缺少志愿者', 'recruitment', '居委会每月有多场活动，人手不够，希望招募固定志愿者。'],
      ['社区希望组建青年志愿者队伍', 'recruitment', '小区年轻住户多，但参与社区事务少，希望组建青年志愿者队伍。'],
      ['老人希望用时间银行换取服务', 'time-bank', '低龄老人做了很多志愿服务，希望以后需要时能换取照护服务。'],
    ],
    projects: [['志愿服务品牌培育项目', 'recruitment'], ['时间银行互助养老项目', 'time-bank']],
    healthRelated: false,
  },
  {
    top: 'enterprise',
    orgTopics: ['企业服务', '楼宇服务'],
    teams: [['白领志愿者服务队', 'workplace-care']],
    audiences: ['enterprises', 'youth'],
    modes: ['on-site', 'online'],
    period: 'month',
    capacity: [20, 80],
    tags: ['企业互助', '白领午餐', '楼宇党建'],
    offers: [
      ['白领午餐会', 'white-collar-lunch', '楼宇内白领午间聚餐交流，穿插健康、理财等主题分享。'],
      ['企业互助沙龙', 'mutual-aid', '辖区企业定期聚会，互通用工、场地和供需信息。'],
      ['企业员工心理减压', 'workplace-care', '心理咨询师走进楼宇开展减压讲座和一对一咨询。'],
      ['小微企业政策宣讲', 'small-business', '讲解税收优惠、稳岗补贴等扶持政策，现场答疑。'],
    ],
    needs: [
      ['园区白领午餐选择少', 'white-collar-lunch', '园区周边餐饮少，白领午餐排队时间长，希望引进团餐服务。'],
      ['小微企业希望了解扶持政策', 'small-business', '辖区十几家小微企业对稳岗补贴政策不了解，希望组织宣讲。'],
    ],
    projects: [['楼宇白领服务项目', 'white-collar-lunch'], ['企业社会责任伙伴计划', 'mutual-aid']],
    healthRelated: false,
  },
  {
    top: 'self-governance',
    orgTopics: ['社区发展', '社区自治', '社区营造'],
    teams: [['居民议事会', 'deliberation'], ['楼组长联谊会', 'building-leaders'], ['自治小组', 'resident-groups']],
    audiences: ['all-residents'],
    modes: ['on-site'],
    period: 'month',
    capacity: [10, 40],
    tags: ['社区自治', '议事协商', '楼组长'],
    offers: [
      ['居民议事会召集', 'deliberation', '社工协助居委会召开议事会，围绕停车、养犬等问题充分协商。'],
      ['楼组长能力培训', 'building-leaders', '培训楼组长沟通技巧、信息收集和楼组活动组织方法。'],
      ['自治项目孵化', 'micro-projects', '帮助居民把想法写成自治金项目书，指导实施和结项。'],
      ['邻里节活动策划', 'neighbourhood-events', '策划百家宴、跳蚤市场等邻里活动，增进邻里感情。'],
      ['居民自治团队培育', 'resident-groups', '为新成立的居民团队提供章程制定、骨干培训和活动指导。'],
    ],
    needs: [
      ['小区停车难需要居民协商', 'deliberation', '小区车位不足，居民乱停车问题突出，希望召开议事会商量办法。'],
      ['居民希望制定文明养犬公约', 'deliberation', '小区养犬户多，遛狗不牵绳、随地便溺引起不少投诉。'],
      ['楼组希望选出新的楼组长', 'building-leaders', '原楼组长年纪大了，楼组里希望推选新人，需要居委会指导。'],
    ],
    projects: [['社区自治金项目', 'micro-projects'], ['居民议事厅项目', 'deliberation'], ['楼组自治示范项目', 'building-leaders']],
    healthRelated: false,
  },
  {
    top: 'education',
    orgTopics: ['社区教育', '终身学习'],
    teams: [['读书会', 'reading'], ['学习型团队', 'life-skills']],
    audiences: ['all-residents', 'elderly', 'families'],
    modes: ['on-site', 'online'],
    period: 'week',
    capacity: [15, 60],
    tags: ['社区教育', '老年大学', '智能手机', '读书会'],
    offers: [
      ['老年大学社区课堂', 'seniors-university', '开设摄影、声乐、国画等课程，每学期十六周。'],
      ['老年人智能手机课堂', 'digital-skills', '手把手教老人使用微信、随申办、网上挂号和识别诈骗信息。'],
      ['亲子共读会', 'reading', '每周末在社区图书室开展绘本共读和故事会。'],
      ['急救技能培训', 'life-skills', '红十字会培训师讲授心肺复苏和AED使用，考核合格发证。'],
      ['社区科普大讲堂', 'science', '邀请科技工作者讲解天文、人工智能和科学生活知识。'],
    ],
    needs: [
      ['老人不会用智能手机挂号', 'digital-skills', '老人看病要网上预约，自己不会操作手机，子女又不在身边。'],
      ['退休居民希望学习摄影', 'seniors-university', '楼组里有几位退休居民想学摄影，附近老年大学名额已满。'],
      ['居民希望学习急救知识', 'life-skills', '小区老人多，居民担心遇到突发情况不会施救，希望组织急救培训。'],
    ],
    projects: [['社区学校提质项目', 'seniors-university'], ['老年数字生活课堂', 'digital-skills'], ['书香社区阅读推广', 'reading']],
    healthRelated: false,
  },
];

const BY_TOP = new Map<string, CategorySpec>(CATALOG.map((spec) => [spec.top, spec]));

export function categorySpec(top: TopCode): CategorySpec {
  const spec = BY_TOP.get(top);
  if (spec === undefined) throw new RangeError(`no catalog for ${top}`);
  return spec;
}

const resolved = new Map<string, Map<string, string>>();

/**
 * The taxonomy code for a template's item: `elderly` + `meals` → `elderly.meals`,
 * or the top-level code when the taxonomy has no such item (it may be reworded).
 */
export function resolveItem(top: TopCode, item: string): string {
  let byItem = resolved.get(top);
  if (byItem === undefined) {
    byItem = new Map();
    resolved.set(top, byItem);
  }
  let code = byItem.get(item);
  if (code === undefined) {
    const full = `${top}.${item}`;
    code = findCategory(full) !== undefined ? full : top;
    byItem.set(item, code);
  }
  return code;
}

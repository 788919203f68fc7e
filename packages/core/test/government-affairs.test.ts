import { expect } from '@open-wc/testing';
import { governmentAffairIn } from '../src/index.js';

describe('governmentAffairIn', () => {
  it('finds matters the government handles, however they are typed', () => {
    expect(governmentAffairIn('医保')).to.equal('医保');
    expect(governmentAffairIn('我妈的医保怎么报销')).to.equal('医保');
    expect(governmentAffairIn('醫保')).to.equal('醫保');
    expect(governmentAffairIn('社保卡丢了')).to.equal('社保');
    expect(governmentAffairIn('孩子上户口')).to.equal('户口');
    expect(governmentAffairIn('办居住证')).to.equal('居住证');
    expect(governmentAffairIn('公积金 提取')).to.equal('公积金');
    // full-width letters and capitals, several spaces
    expect(governmentAffairIn('Ｓｏｃｉａｌ  Security')).to.equal('social security');
    expect(governmentAffairIn('my pension')).to.equal('pension');
  });

  it('leaves alone what organizations do, and English words that only begin like one', () => {
    for (const query of ['养老', '养老院', '保洁', '医疗陪护', '社工', '户外活动', '身体检查', '婚姻家庭辅导', 'pensioner club', 'health', '']) {
      expect(governmentAffairIn(query), query).to.equal(null);
    }
  });

  it('leaves alone care, certificates, finance and disputes that only hold such a word', () => {
    // 护照 (passport) inside 看护照顾, 养护照料, 监护照顾, 医护照护
    for (const query of ['老人看护照顾', '居家养护照料服务', '儿童监护照顾', '医护照护', '看護照顧']) {
      expect(governmentAffairIn(query), query).to.equal(null);
    }
    // certificates a residents' committee issues, finance, the outdoors
    for (const query of ['残疾人身份证明', '开居住证明', '养老金融诈骗防范', '村落户外拓展']) {
      expect(governmentAffairIn(query), query).to.equal(null);
    }
    // a dispute over one is legal aid's work
    for (const query of ['社保纠纷法律援助', '工伤 社保 维权', '医保诈骗', 'pension scam', 'legal help with social security']) {
      expect(governmentAffairIn(query), query).to.equal(null);
    }
  });
});

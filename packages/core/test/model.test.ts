import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  normalizePhone,
  capacityLeft,
  meanRating,
  NeedPrivateViewSchema,
  ProjectDraftSchema,
  projectFigures,
  satisfactionPercent,
  type Claim,
  type Project,
} from '../src/model.js';

describe('model helpers', () => {
  it('normalizes what people type around a phone number', () => {
    expect(normalizePhone('+86 138-1234-5678')).to.equal('13812345678');
    expect(normalizePhone('（021）62345678')).to.equal('02162345678');
    expect(normalizePhone('021-62345678')).to.equal('021-62345678');
    expect(normalizePhone('１３８１２３４５６７８')).to.equal('13812345678');
  });
  it('never reports negative capacity', () => {
    expect(capacityLeft({ capacity: { perPeriod: 5, used: 7, period: 'week' } })).to.equal(0);
    expect(capacityLeft({ capacity: { perPeriod: 5, used: 2, period: 'week' } })).to.equal(3);
  });
});

describe('figures that follow claims', () => {
  const claim = (id: string, state: Claim['state'], beneficiaries: number | null = null, score: number | null = null, started = false): Claim => ({
    id,
    direction: 'need-claim',
    needId: null,
    offerId: null,
    organizationId: 'org-1',
    requestedBy: { role: 'organization', id: 'org-1' },
    state,
    history: started
      ? [{ eventId: `${id}-s`, event: 'start', from: 'accepted', to: 'in-progress', by: { role: 'organization', id: 'org-1' }, at: '2026-11-01T09:00:00Z', reason: '' }]
      : [],
    beneficiaries,
    rating: score === null ? null : { score, comment: '' },
    createdAt: '2026-11-01T08:00:00Z',
    updatedAt: '2026-11-01T08:00:00Z',
    expiresAt: null,
  });
  const project = (status: Project['status'], claimIds: string[]): Pick<Project, 'beneficiaries' | 'satisfaction' | 'status' | 'claimIds'> => ({
    beneficiaries: { served: 1200, planned: 40 },
    satisfaction: 97,
    status,
    claimIds,
  });

  it('turns ratings into 群众满意度 as the mean over full marks, one decimal', () => {
    expect(satisfactionPercent([])).to.equal(null);
    expect(satisfactionPercent([5])).to.equal(100);
    expect(satisfactionPercent([4])).to.equal(80);
    expect(satisfactionPercent([1])).to.equal(20);
    expect(satisfactionPercent([5, 4])).to.equal(90);
    expect(satisfactionPercent([5, 5, 4])).to.equal(93.3);
    expect(meanRating([])).to.equal(null);
    expect(meanRating([5, 4, 4])).to.equal(4.3);
  });

  it('keeps the given figures of a project without claims', () => {
    expect(projectFigures(project('active', []), [])).to.deep.equal({ beneficiaries: { served: 1200, planned: 40 }, satisfaction: 97, status: 'active' });
  });

  it('counts served and satisfaction from completed and rated claims only', () => {
    const claims = [claim('a', 'rated', 3, 5), claim('b', 'completed', 2), claim('c', 'in-progress', 9), claim('d', 'accepted')];
    expect(projectFigures(project('planned', ['a', 'b', 'c', 'd']), claims)).to.deep.equal({
      beneficiaries: { served: 5, planned: 40 },
      satisfaction: 100,
      status: 'active',
    });
    // claims of other projects do not count
    expect(projectFigures(project('planned', ['d']), claims).beneficiaries.served).to.equal(0);
  });

  it('moves planned → active → completed, never back, and leaves a suspended project suspended', () => {
    const accepted = [claim('a', 'accepted'), claim('b', 'accepted')];
    expect(projectFigures(project('planned', ['a', 'b']), accepted).status).to.equal('planned');
    expect(projectFigures(project('active', ['a', 'b']), accepted).status, 'never back').to.equal('active');
    const oneDone = [claim('a', 'completed', 1), claim('b', 'accepted')];
    expect(projectFigures(project('planned', ['a', 'b']), oneDone).status).to.equal('active');
    // a claim withdrawn no longer holds the project open
    const withdrawn = [claim('a', 'rated', 1, 4), claim('b', 'withdrawn', null, null, true)];
    expect(projectFigures(project('active', ['a', 'b']), withdrawn).status).to.equal('completed');
    expect(projectFigures(project('suspended', ['a', 'b']), withdrawn).status).to.equal('suspended');
    const allWithdrawn = [claim('a', 'withdrawn', null, null, true)];
    expect(projectFigures(project('planned', ['a']), allWithdrawn).status, 'it had started').to.equal('active');
  });

  it('refuses repeated claims and needs in a project draft', () => {
    const draft = {
      title: '长者助餐项目',
      organizationId: 'org-1',
      categoryCode: 'elderly.meals',
      areaCode: '310105001',
      fundingSource: 'gov-purchase',
      budget: 1000,
      period: { start: '2026-01-01', end: '2026-12-31' },
      beneficiaries: { served: 0, planned: 10 },
      satisfaction: null,
      status: 'planned',
      needIds: [],
      claimIds: ['claim-1'],
    };
    expect(v.safeParse(ProjectDraftSchema, draft).success).to.equal(true);
    const twice = v.safeParse(ProjectDraftSchema, { ...draft, claimIds: ['claim-1', 'claim-1'] });
    expect(twice.success).to.equal(false);
    expect(twice.issues?.[0]?.message).to.equal('duplicate');
  });

  it('reads the private view of a need with health only when given', () => {
    const view = {
      needId: 'need-1',
      trackingNumber: 'RL-20261101-AB12',
      areaCode: '310105001001003',
      contact: { name: '王小明', phone: '13812341234', address: '华阳路 100 弄 5 号' },
      minor: false,
      original: { title: '楼道堆物', description: '', preferredTime: '' },
    };
    expect(v.safeParse(NeedPrivateViewSchema, view).success).to.equal(true);
    expect(v.safeParse(NeedPrivateViewSchema, { ...view, health: null }).success, 'absent, not null').to.equal(false);
    expect(v.safeParse(NeedPrivateViewSchema, { ...view, areaCode: '310105001' }).success, 'never coarser than the community').to.equal(false);
  });
});

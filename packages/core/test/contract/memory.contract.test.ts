// The DataAdapter contract against the memory engine itself; others act through views of the same records.
import { expect } from '@open-wc/testing';
import { createMemoryAdapter } from '../../src/memory-adapter.js';
import { contractDataset, draftFromNeed, draftFromOffer, runContractSuite } from './contract-suite.js';

const data = contractDataset();

runContractSuite('memory', () => {
  const adapter = createMemoryAdapter(data);
  return Promise.resolve({ adapter, as: (actor) => adapter.withActor(actor) });
});

// frozen records handed out as they are (the static file's mode) keep every rule, writes included
runContractSuite('memory, frozen records', () => {
  const adapter = createMemoryAdapter(structuredClone(data), { frozen: true });
  return Promise.resolve({ adapter, as: (actor) => adapter.withActor(actor) });
});

describe('memory adapter: copies or frozen records', () => {
  it('hands out a copy on each read by default, and its own frozen record when asked to', async () => {
    const copying = createMemoryAdapter(structuredClone(data));
    const id = data.organizations[0]!.id;
    const a = await copying.getOrganization(id);
    const again = await copying.getOrganization(id);
    expect(a).to.deep.equal(again);
    expect(a).not.to.equal(again);
    a.name = '读者改了自己的副本';
    expect((await copying.getOrganization(id)).name).to.equal(data.organizations[0]!.name);

    const frozen = createMemoryAdapter(structuredClone(data), { frozen: true });
    const b = await frozen.getOrganization(id);
    expect(b).to.equal(await frozen.getOrganization(id));
    expect(b).to.equal((await frozen.listOrganizations({ limit: 200 })).items.find((o) => o.id === id));
    expect(Object.isFrozen(b) && Object.isFrozen(b.contact) && Object.isFrozen(b.categoryCodes)).to.equal(true);
    expect(() => {
      b.name = '改不了';
    }).to.throw(TypeError);
  });

  it('freezes what a write stores too', async () => {
    const frozen = createMemoryAdapter(structuredClone(data), { frozen: true });
    const created = await frozen.createOffer(draftFromOffer(data.offers[0]!, '冻结后发布的服务'), { idempotencyKey: 'frozen-offer' });
    const stored = await frozen.getOffer(created.id);
    expect(Object.isFrozen(stored) && Object.isFrozen(stored.capacity)).to.equal(true);
    expect(stored.title).to.equal('冻结后发布的服务');
  });

  it('pages of one query are cut from one filtering, which a write renews', async () => {
    for (const frozen of [false, true]) {
      const adapter = createMemoryAdapter(structuredClone(data), { frozen });
      const seen: string[] = [];
      for (let cursor: string | null | undefined; cursor !== null; ) {
        const page = await adapter.listOffers({ limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((o) => o.id));
        cursor = page.nextCursor;
      }
      expect(seen).to.deep.equal(data.offers.map((o) => o.id));
      const before = (await adapter.listOffers({ limit: 2 })).total;
      await adapter.createOffer(draftFromOffer(data.offers[0]!, '翻页之间发布的服务'), { idempotencyKey: `between-pages-${frozen}` });
      expect((await adapter.listOffers({ limit: 2 })).total).to.equal(before + 1);
      expect((await adapter.listOffers({ limit: 2, cursor: String(before) })).items.map((o) => o.title)).to.deep.equal(['翻页之间发布的服务']);
      // another query is filtered for itself
      expect((await adapter.listOffers({ q: '翻页之间' })).total).to.equal(1);
      expect((await adapter.listOrganizations({ limit: 1 })).total).to.equal(data.organizations.length);
      // needs (their public part) too
      const needsBefore = (await adapter.listNeeds({ limit: 1 })).total;
      await adapter.createNeed(draftFromNeed(data.needs[0]!, '翻页之间提交的需求'), { idempotencyKey: `need-between-pages-${frozen}` });
      expect((await adapter.listNeeds({ limit: 1 })).total).to.equal(needsBefore + 1);
      const listed = await adapter.listNeeds({ limit: 1 });
      expect(Object.isFrozen(listed.items[0])).to.equal(frozen);
    }
  });
});

/* eslint-disable @typescript-eslint/no-floating-promises -- as in *.test.ts: chai assertions are thenable once chai-a11y-axe is loaded */
/**
 * What every submitting form shares, tested once and run against each
 * (Shoelace's form-control-base-tests, Lion's form-core suites): submitting
 * through the outbox online, offline and refused, the provider's outbox,
 * drafts across a reload, IME input, untrusted text reaching the adapter as
 * data, and standing alone over the REST API.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import { AdapterError, type DataAdapter, type NeedDraft, type OfferDraft, type OutboxKind } from '@renling/core';
import { createMockWorker } from '@renling/mocks';
import type { RlProvider } from '../src/components/provider/provider.js';
import '../src/components/provider/provider.js';
import { XSS_CORPUS } from './fixtures.js';
import {
  control,
  emptyDataset,
  errorOf,
  freshStorage,
  hasField,
  recordingAdapter,
  submit,
  submitButton,
  text,
  typeInto,
  type FormElement,
  type RecordingAdapter,
} from './form-helpers.js';

export interface SubmitFormSuite<E extends FormElement> {
  tag: 'rl-need-form' | 'rl-offer-form';
  kind: OutboxKind;
  /** The fact event the form fires. */
  event: 'rl-need-submitted' | 'rl-offer-submitted';
  /** Extra attributes every instance needs (e.g. organization-id). */
  attributes?: Record<string, string>;
  /** Fills every required field with valid values. */
  fillValid(el: E): Promise<void>;
  /** Text fields with their maximum length in code points, and where each lands in the payload. */
  textFields: Record<string, { max: number; read: (draft: NeedDraft | OfferDraft) => string | undefined }>;
  /** The title as fillValid types it. */
  title: string;
  /** Words that show on the outcome panel once sent. */
  sentWords: string;
  queuedWords: string;
  refusedWords: string;
}

const outcome = (el: FormElement): string => el.shadowRoot?.querySelector('[part~="status"]')?.textContent?.replace(/\s+/gu, ' ') ?? '';

export function describeSubmitForm<E extends FormElement>(suite: SubmitFormSuite<E>): void {
  const writes = (adapter: RecordingAdapter): { draft: NeedDraft | OfferDraft; options: { idempotencyKey: string } }[] =>
    suite.kind === 'need' ? adapter.needs : adapter.offers;
  const failing = (base: DataAdapter, error: () => AdapterError | null): DataAdapter => {
    const write = suite.kind === 'need' ? 'createNeed' : 'createOffer';
    return {
      ...base,
      [write]: (draft: never, options: never) => {
        const e = error();
        return e ? Promise.reject(e) : (base[write] as (d: never, o: never) => Promise<unknown>)(draft, options);
      },
    };
  };

  const hanging = (): DataAdapter => {
    const write = suite.kind === 'need' ? 'createNeed' : 'createOffer';
    return { ...recordingAdapter(), [write]: () => new Promise<never>(() => undefined) };
  };

  async function create(options: { adapter?: DataAdapter; storage?: string; api?: string } = {}): Promise<E> {
    const el = document.createElement(suite.tag) as unknown as E & { adapter: DataAdapter | null };
    for (const [name, value] of Object.entries(suite.attributes ?? {})) el.setAttribute(name, value);
    el.setAttribute('storage-name', options.storage ?? freshStorage(suite.kind));
    if (options.api) el.setAttribute('api', options.api);
    else el.adapter = options.adapter ?? recordingAdapter();
    const placed = await fixture<E>(el);
    await waitUntil(() => placed.shadowRoot?.querySelector('rl-area-picker')?.shadowRoot?.querySelector('select'), 'areas did not load', {
      timeout: 5000,
    });
    return placed;
  }

  describe(`${suite.tag}: shared form behaviour`, () => {
    it('online: submits once through the outbox and fires its event with the server record', async () => {
      const adapter = recordingAdapter();
      const el = await create({ adapter });
      await suite.fillValid(el);
      setTimeout(() => submitButton(el).click());
      const event = await oneEvent<CustomEvent<{ id: string; queued: boolean; draft: { title: string } }>>(el, suite.event);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.queued).to.equal(false);
      expect(event.detail.draft.title).to.equal(suite.title);
      expect(writes(adapter)).to.have.length(1);
      expect(writes(adapter)[0]!.options.idempotencyKey).to.equal(event.detail.id);
      await el.updateComplete;
      expect(outcome(el)).to.contain(suite.sentWords);
      expect(el.shadowRoot!.activeElement?.id).to.equal('outcome-title');
    });

    it('offline: says it will be sent, and changes when the outbox sends it', async () => {
      const base = recordingAdapter();
      let online = false;
      const adapter = failing(base, () => (online ? null : new AdapterError('network', 'offline')));
      const provider = await fixture<RlProvider>(html`<rl-provider .adapter=${adapter} storage-name=${freshStorage(`${suite.kind}-offline`)}></rl-provider>`);
      const el = document.createElement(suite.tag) as unknown as E;
      for (const [name, value] of Object.entries(suite.attributes ?? {})) el.setAttribute(name, value);
      provider.append(el);
      await waitUntil(() => el.shadowRoot?.querySelector('rl-area-picker')?.shadowRoot?.querySelector('select'), 'areas did not load');
      await suite.fillValid(el);
      setTimeout(() => submitButton(el).click());
      const event = await oneEvent<CustomEvent<{ id: string; queued: boolean }>>(el, suite.event);
      expect(event.detail.queued).to.equal(true);
      await el.updateComplete;
      expect(outcome(el)).to.contain(suite.queuedWords);
      online = true;
      await provider.submissions!.retry(event.detail.id);
      await waitUntil(() => outcome(el).includes(suite.sentWords), 'the status did not change to sent');
      expect(writes(base)).to.have.length(1);
    });

    it('refused for good: says why, fires rl-submit-error, and goes back to the values', async () => {
      const adapter = failing(recordingAdapter(), () => new AdapterError('forbidden', 'no'));
      const el = await create({ adapter });
      await suite.fillValid(el);
      setTimeout(() => submitButton(el).click());
      const event = await oneEvent<CustomEvent<{ kind: string; error: AdapterError }>>(el, 'rl-submit-error');
      expect(event.detail.kind).to.equal(suite.kind);
      expect(event.detail.error.kind).to.equal('forbidden');
      await el.updateComplete;
      expect(outcome(el)).to.contain(suite.refusedWords);
      expect(outcome(el)).to.contain('没有进行此操作的权限');
      el.shadowRoot!.querySelector<HTMLButtonElement>('.outcome .button--primary')!.click();
      await waitUntil(() => hasField(el, 'title'), 'not back to the form');
      expect(control<HTMLInputElement>(el, 'title').value).to.equal(suite.title);
    });

    it('when nothing can be stored or sent: the error shows on the form and the values stay', async () => {
      const adapter = failing(recordingAdapter(), () => new AdapterError('validation', 'bad', {
        fieldErrors: [{ path: 'title', code: 'format', message: '服务器不接受这个标题' }],
      }));
      const el = await create({ adapter });
      await suite.fillValid(el);
      await submit(el);
      await waitUntil(() => outcome(el) !== '' || errorOf(el, 'title') !== '', 'no outcome');
      if (outcome(el)) el.shadowRoot!.querySelector<HTMLButtonElement>('.outcome .button--primary')!.click();
      await waitUntil(() => errorOf(el, 'title') === '服务器不接受这个标题', 'the server message is not on its field');
      expect(control(el, 'title').getAttribute('aria-invalid')).to.equal('true');
    });

    it('keeps its draft across a reload (the element re-created)', async () => {
      const storage = freshStorage(`${suite.kind}-draft`);
      const first = await create({ storage });
      await typeInto(first, 'title', '草稿标题');
      await typeInto(first, 'description', '草稿说明');
      await waitUntil(() => text(first).includes('草稿已自动保存'), 'draft not saved', { timeout: 3000 });
      first.remove();
      const second = await create({ storage });
      await waitUntil(() => control<HTMLInputElement>(second, 'title').value === '草稿标题', 'draft not restored');
      expect(control<HTMLTextAreaElement>(second, 'description').value).to.equal('草稿说明');
    });

    it('takes Chinese IME input only once composed', async () => {
      const el = await create();
      const input = control<HTMLInputElement>(el, 'title');
      input.focus();
      input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true }));
      input.value = 'zhucan';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, isComposing: true, data: 'zhucan' }));
      el.requestUpdate();
      await el.updateComplete;
      expect(input.value).to.equal('zhucan');
      expect((el as unknown as { values: { title: string } }).values.title).to.equal('');
      input.value = '助餐';
      input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, composed: true, data: '助餐' }));
      await el.updateComplete;
      expect((el as unknown as { values: { title: string } }).values.title).to.equal('助餐');
    });

    it('shows the XSS corpus as text in every text field and sends what fits as plain data', async () => {
      for (const bad of XSS_CORPUS) {
        const adapter = recordingAdapter();
        const el = await create({ adapter });
        await suite.fillValid(el);
        const fields = Object.entries(suite.textFields);
        for (const [field] of fields) await typeInto(el, field, bad);
        expect(el.shadowRoot!.querySelector('img, script, svg, iframe')).to.equal(null);
        for (const [field] of fields) expect(control<HTMLInputElement>(el, field).value).to.equal(bad);
        const tooLong = fields.filter(([, { max }]) => [...bad].length > max);
        for (const [field] of tooLong) await typeInto(el, field, '正常的内容');
        await submit(el);
        await waitUntil(() => writes(adapter).length === 1, `not sent: ${bad.slice(0, 30)}`);
        const draft = writes(adapter)[0]!.draft;
        for (const [field, { read }] of fields)
          expect(read(draft), field).to.equal(tooLong.some(([f]) => f === field) ? '正常的内容' : bad.trim());
        expect((window as { __xss?: number }).__xss).to.equal(undefined);
      }
    });

    it('arbitrary Unicode in any text field never throws or renders markup', async () => {
      // writes never settle: a valid submit leaves the fields in place for the next run
      const el = await create({ adapter: hanging() });
      await suite.fillValid(el);
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent): void => void errors.push(e.error);
      window.addEventListener('error', onError);
      try {
        await fc.assert(
          fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 120 }), fc.constantFrom(...Object.keys(suite.textFields)), async (s, field) => {
            await typeInto(el, field, s);
            if (!submitButton(el).disabled) await submit(el);
            expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
          }),
          { numRuns: 40 },
        );
      } finally {
        window.removeEventListener('error', onError);
      }
      expect(errors).to.deep.equal([]);
    });

    it('with a src attribute: areas from the static file, and a submission refused as read-only, said plainly', async () => {
      const file = { version: 1, generatedAt: '2026-11-01T09:00:00+08:00', ...emptyDataset() };
      const el = document.createElement(suite.tag) as unknown as E;
      for (const [name, value] of Object.entries(suite.attributes ?? {})) el.setAttribute(name, value);
      el.setAttribute('storage-name', freshStorage(`${suite.kind}-src`));
      el.setAttribute('src', `data:application/json,${encodeURIComponent(JSON.stringify(file))}`);
      const placed = await fixture<E>(el);
      await waitUntil(() => placed.shadowRoot?.querySelector('rl-area-picker')?.shadowRoot?.querySelector('select'), 'areas did not load from the file', {
        timeout: 5000,
      });
      await suite.fillValid(placed);
      setTimeout(() => submitButton(placed).click());
      const event = await oneEvent<CustomEvent<{ error: AdapterError }>>(placed, 'rl-submit-error');
      expect(event.detail.error.kind).to.equal('read-only');
      await placed.updateComplete;
      expect(outcome(placed)).to.contain('此处只能查看，不能提交');
    });

    describe('standing alone over the REST API (msw)', () => {
      const BASE = `/${suite.kind}-form-api`;
      const mock = createMockWorker({ baseUrl: BASE, dataset: emptyDataset() });
      before(() => mock.start());
      after(() => mock.stop());
      beforeEach(() => mock.reset(emptyDataset()));
      const serverCount = async (): Promise<number> =>
        suite.kind === 'need' ? (await mock.engine.listNeeds({ limit: 200 })).total : (await mock.engine.listOffers({ limit: 200 })).total;

      it('with an api attribute it loads areas from and submits to the server', async () => {
        const el = await create({ api: BASE });
        await suite.fillValid(el);
        await submit(el);
        await waitUntil(() => outcome(el).includes(suite.sentWords), 'not sent');
        expect(await serverCount()).to.equal(1);
      });

      it('offline → reload → online sends exactly one record', async () => {
        const storage = freshStorage(`${suite.kind}-reload`);
        const first = await create({ api: BASE, storage });
        mock.faults.offline = true;
        await suite.fillValid(first);
        setTimeout(() => submitButton(first).click());
        const queued = await oneEvent<CustomEvent<{ id: string; queued: boolean }>>(first, suite.event);
        expect(queued.detail.queued).to.equal(true);
        first.remove();
        const second = await create({ api: BASE, storage });
        expect(await serverCount()).to.equal(0);
        mock.faults.offline = false;
        window.dispatchEvent(new Event('online'));
        await waitUntil(async () => (await serverCount()) === 1, 'not sent after coming online', { timeout: 8000 });
        window.dispatchEvent(new Event('online'));
        await new Promise((r) => setTimeout(r, 300));
        expect(await serverCount()).to.equal(1);
        const path = suite.kind === 'need' ? '/needs' : '/offers';
        const committed = mock.requests.filter((r) => r.method === 'POST' && r.path === path && r.outcome === 'ok');
        expect(committed.map((r) => r.idempotencyKey)).to.deep.equal([queued.detail.id]);
        second.remove();
      });
    });
  });
}

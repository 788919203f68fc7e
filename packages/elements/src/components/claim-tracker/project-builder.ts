import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task } from '@lit/task';
import { FUNDING_SOURCES, isAbortError, toAdapterError, type Claim, type DataAdapter, type Project } from '@renling/core';
import { rlElement } from '../../base/define.js';
import { selectField, textField, fieldId, touchOnLeave, type Choice } from '../../base/form-fields.js';
import { heading } from '../../base/form-shell.js';
import { fundingSourceLabel } from '../../base/labels.js';
import { RlElement } from '../../base/rl-element.js';
import { FormController, focusFirstInvalid, type FieldProblems } from '../../controllers/form-controller.js';
import { RlProjectCreatedEvent } from '../../events/project-created.js';
import { currentLocale } from '../../localization/localization.js';
import { fieldStyles } from '../../styles/form.js';
import '../area-picker/area-picker.js';
import '../category-picker/category-picker.js';
import { IdempotencyKeys, NO_DETAILS, type ClaimDetails } from './claim-data.js';
import { claimStateLabel } from './claim-labels.js';
import { claimCommonStyles, projectBuilderStyles } from './claim-tracker.styles.js';
import {
  PREFILLED_FIELDS,
  checkProject,
  emptyProjectValues,
  isGroupable,
  projectFieldForPath,
  withPrefill,
  type ProjectField,
  type ProjectFormValues,
  type ProjectMessages,
} from './project-form-model.js';

const PROJECT_SCOPE = 'project';
/** Organizations whose projects are read at once. */
const PARALLEL_READS = 4;

/**
 * The projects that already group some of these organizations' claims, by
 * claim id: a claim counts in one project only, so those are shown taken
 * rather than refused by the server after the form is filled in.
 */
async function projectsByClaim(adapter: DataAdapter, organizationIds: readonly string[], signal: AbortSignal): Promise<Map<string, Project>> {
  const byClaim = new Map<string, Project>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < organizationIds.length) {
      const organizationId = organizationIds[next++];
      if (organizationId === undefined) continue;
      let cursor: string | null = null;
      try {
        do {
          const page = await adapter.listProjects({ organizationId, cursor, limit: 200, signal });
          for (const project of page.items) for (const id of project.claimIds) byClaim.set(id, project);
          cursor = page.nextCursor;
        } while (cursor !== null);
      } catch (error) {
        // without the list the server still refuses a taken claim; only the early hint is lost
        if (isAbortError(error)) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, organizationIds.length) }, worker));
  return byClaim;
}

/**
 * @tagname rl-project-builder
 * @summary Inside `<rl-claim-tracker>`: groups accepted claims of one
 * organization into a community service project and records it with
 * `createProject`. Not meant to be used alone.
 *
 * @event {RlProjectCreatedEvent} rl-project-created - The project was stored; `detail.project` is it.
 * @event close - The person cancelled.
 *
 * @csspart base - The builder's box.
 * @csspart button - The submit and cancel buttons.
 */
@rlElement('rl-project-builder')
export class RlProjectBuilder extends RlElement {
  static override styles = [RlElement.styles, fieldStyles, claimCommonStyles, projectBuilderStyles];

  /** Every claim the tracker shows; the accepted-or-later ones can be chosen. */
  @property({ attribute: false }) claims: readonly Claim[] = [];
  @property({ attribute: false }) details: ClaimDetails = NO_DETAILS;
  @property({ attribute: false }) adapter: DataAdapter | null = null;
  @property({ type: Boolean }) offline = false;
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  @state() private formMessage = '';
  @state() private sending = false;

  private readonly keys = new IdempotencyKeys();
  /** Prefilled fields the person changed: the claims no longer decide them. */
  private readonly edited = new Set<ProjectField>();
  private prefilling = false;

  private readonly form = new FormController<ProjectFormValues>(this, emptyProjectValues(), {
    validate: (values) => checkProject(values, this.checkContext()).problems,
    changed: (_values, field) => {
      if (!this.prefilling && (PREFILLED_FIELDS as readonly string[]).includes(field)) this.edited.add(field);
      this.formMessage = '';
    },
  });

  /** Projects created on this page, which the project lists read before may not hold yet. */
  @property({ attribute: false }) projects: readonly Project[] = [];

  private readonly taken = new Task(this, {
    args: () => [this.adapter, [...new Set(this.claims.filter(isGroupable).map((c) => c.organizationId))].sort().join(',')] as const,
    task: async ([adapter, organizations], { signal }) =>
      adapter && organizations ? projectsByClaim(adapter, organizations.split(','), signal) : new Map<string, Project>(),
  });

  /** The project a claim is already counted in, if any. */
  private groupedIn(claimId: string): Project | undefined {
    return this.projects.find((p) => p.claimIds.includes(claimId)) ?? this.taken.value?.get(claimId);
  }

  private get groupable(): Claim[] {
    return this.claims.filter(isGroupable);
  }

  private checkContext() {
    return {
      claims: new Map(this.groupable.filter((c) => !this.groupedIn(c.id)).map((c) => [c.id, c])),
      locale: currentLocale(),
      messages: this.messages(),
    };
  }

  private messages(): ProjectMessages {
    return {
      chooseClaims: msg('请至少选择一条已接受的认领。', { id: 'project-form.choose-claims' }),
      oneOrganization: msg('一个项目只能包含同一家社会组织的认领。', { id: 'project-form.one-organization' }),
      notGroupable: msg('所选认领中有尚未被接受的，请重新选择。', { id: 'project-form.not-groupable' }),
      budget: msg('请填写金额（元），如 50000 或 12500.50。', { id: 'project-form.budget-format' }),
      planned: msg('计划受益人次要填不少于 1 的整数。', { id: 'project-form.planned-format' }),
      required: msg('请填写此项', { id: 'project-form.required' }),
    };
  }

  /** Focuses the builder's heading (the tracker does when it opens). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#builder-title')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('claims') || changed.has('details')) {
      // a chosen claim that left the list, or moved out of the groupable states, is unchosen
      const ids = new Set(this.groupable.map((c) => c.id));
      const kept = this.form.values.claimIds.filter((id) => ids.has(id));
      if (kept.length !== this.form.values.claimIds.length) this.choose(kept);
      else if (changed.has('details')) this.prefill();
      else this.form.revalidate();
    }
  }

  private choose(claimIds: string[]): void {
    this.form.set('claimIds', claimIds);
    this.prefill();
  }

  private prefill(): void {
    const chosen = this.form.values.claimIds.map((id) => this.groupable.find((c) => c.id === id)).filter((c): c is Claim => !!c);
    const next = withPrefill(this.form.values, chosen, this.details, this.edited);
    this.prefilling = true;
    for (const field of PREFILLED_FIELDS) this.form.set(field, next[field]);
    this.prefilling = false;
  }

  private readonly toggle = (claim: Claim, on: boolean): void => {
    const current = this.form.values.claimIds;
    this.choose(on ? [...current.filter((id) => id !== claim.id), claim.id] : current.filter((id) => id !== claim.id));
  };

  private readonly submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.sending) return;
    this.form.submitted = true;
    const check = checkProject(this.form.values, this.checkContext());
    if (!check.ok) {
      this.formMessage = msg(str`有 ${check.problems.size} 处需要修改，请查看标出的地方。`, { id: 'project-form.problems' });
      await this.updateComplete;
      focusFirstInvalid(this.renderRoot);
      return;
    }
    const adapter = this.adapter;
    if (!adapter || this.offline) return;
    const key = this.keys.keyFor(PROJECT_SCOPE, check.draft);
    this.sending = true;
    this.formMessage = '';
    try {
      const project: Project = await adapter.createProject(check.draft, { idempotencyKey: key });
      this.keys.settle(PROJECT_SCOPE);
      this.edited.clear();
      this.form.replace(emptyProjectValues());
      this.dispatchEvent(new RlProjectCreatedEvent({ project }));
    } catch (error) {
      const failure = toAdapterError(error);
      if (isAbortError(failure)) return;
      if (!failure.transient) this.keys.settle(PROJECT_SCOPE);
      if (failure.kind === 'validation' && failure.fieldErrors.length) {
        const problems: FieldProblems = new Map();
        for (const fieldError of failure.fieldErrors) {
          const field = projectFieldForPath(fieldError.path) ?? 'claimIds';
          if (!problems.has(field)) problems.set(field, fieldError.message);
        }
        this.form.setExternal(problems);
      }
      this.formMessage = failure.userMessage(currentLocale());
      await this.updateComplete;
      if (!focusFirstInvalid(this.renderRoot)) this.renderRoot.querySelector<HTMLElement>('.form-message')?.focus();
    } finally {
      this.sending = false;
    }
  };

  private readonly cancel = (): void => {
    this.dispatchEvent(new Event('close'));
  };

  protected override render() {
    const level = Math.min(Math.max(Math.trunc(this.headingLevel) || 3, 2), 5);
    const v = this.form.values;
    const funding: Choice<string>[] = [
      { value: '', label: msg('请选择资金来源', { id: 'project-form.funding-choose' }) },
      ...FUNDING_SOURCES.map((s) => ({ value: s, label: fundingSourceLabel(s) })),
    ];
    return html`<div part="base" class="builder">
      ${heading(level, 'builder-title', msg('组建服务项目', { id: 'project-form.title' }), 'main')}
      <p class="note">
        ${msg('把同一家社会组织已接受的认领组合成一个公益项目，记录资金来源、预算和实施周期。', { id: 'project-form.intro' })}
      </p>
      <form class="form" novalidate @submit=${this.submit}>
        ${this.renderClaimChoice()}
        ${textField(this.form, 'title', {
          label: msg('项目名称', { id: 'project-form.name' }),
          hint: msg('2 到 80 个字，如“华阳路街道独居老人助餐项目”。', { id: 'project-form.name-hint' }),
          required: true,
        })}
        ${textField(this.form, 'summary', {
          label: msg('项目简介', { id: 'project-form.summary' }),
          hint: msg('做什么、为谁做，最多 1000 字。', { id: 'project-form.summary-hint' }),
          multiline: true,
          rows: 3,
        })}
        <rl-category-picker
          id=${fieldId('categoryCode')}
          class="field"
          label=${msg('服务类别', { id: 'project-form.category' })}
          hint=${msg('已按所选认领预先选好，可以修改。', { id: 'project-form.prefilled-hint' })}
          required
          .value=${v.categoryCode}
          .error=${this.form.error('categoryCode') ?? ''}
          ?data-invalid=${Boolean(this.form.error('categoryCode'))}
          @change=${(e: Event) => this.form.set('categoryCode', (e.target as HTMLInputElement).value)}
          @focusout=${touchOnLeave(this.form, 'categoryCode')}
        ></rl-category-picker>
        <rl-area-picker
          id=${fieldId('areaCode')}
          label=${msg('服务地区', { id: 'project-form.area' })}
          hint=${msg('已按所选认领预先选好，可以修改。', { id: 'project-form.prefilled-hint' })}
          required
          .adapter=${this.adapter}
          .value=${v.areaCode}
          .error=${this.form.error('areaCode') ?? ''}
          ?data-invalid=${Boolean(this.form.error('areaCode'))}
          @change=${(e: Event) => this.form.set('areaCode', (e.target as HTMLInputElement).value)}
          @focusout=${touchOnLeave(this.form, 'areaCode')}
        ></rl-area-picker>
        <div class="pair">
          ${selectField(this.form, 'fundingSource', {
            label: msg('资金来源', { id: 'project-form.funding' }),
            choices: funding,
            required: true,
          })}
          ${textField(this.form, 'budget', {
            label: msg('项目预算（元）', { id: 'project-form.budget' }),
            hint: msg('如 50000', { id: 'project-form.budget-hint' }),
            inputmode: 'decimal',
            required: true,
          })}
        </div>
        <div class="pair">
          ${textField(this.form, 'start', {
            label: msg('开始日期', { id: 'project-form.start' }),
            type: 'date',
            required: true,
          })}
          ${textField(this.form, 'end', {
            label: msg('结束日期', { id: 'project-form.end' }),
            hint: msg('不能早于开始日期', { id: 'project-form.end-hint' }),
            type: 'date',
            required: true,
            ...(v.start ? { min: v.start } : {}),
          })}
        </div>
        ${textField(this.form, 'planned', {
          label: msg('计划受益人次', { id: 'project-form.planned' }),
          hint: msg('已按所选认领的受益人次预填，至少为 1。', { id: 'project-form.planned-hint' }),
          inputmode: 'numeric',
          required: true,
        })}
        ${this.formMessage ? html`<p class="form-message" role="alert" tabindex="-1">${this.formMessage}</p>` : nothing}
        ${this.offline
          ? html`<p class="note" id="builder-offline">${msg('没有网络时不能创建项目，恢复联网后再试。', { id: 'project-form.offline' })}</p>`
          : nothing}
        <div class="row">
          <button
            part="button"
            class="button button--primary"
            type="submit"
            aria-describedby=${ifDefined(this.offline ? 'builder-offline' : undefined)}
            ?disabled=${this.sending || this.offline}
          >
            ${this.sending ? msg('正在创建…', { id: 'project-form.sending' }) : msg('创建项目', { id: 'project-form.submit' })}
          </button>
          <button part="button" class="button button--secondary" type="button" ?disabled=${this.sending} @click=${this.cancel}>
            ${msg('取消', { id: 'claim-form.cancel' })}
          </button>
        </div>
      </form>
    </div>`;
  }

  private renderClaimChoice() {
    const id = fieldId('claimIds');
    const error = this.form.error('claimIds');
    const groupable = this.groupable;
    const chosen = this.form.values.claimIds;
    const organizationId = groupable.find((c) => c.id === chosen[0])?.organizationId ?? null;
    const orgName = (orgId: string): string => this.details.organizations.get(orgId)?.name ?? orgId;
    const title = (c: Claim): string =>
      (c.needId ? this.details.needs.get(c.needId)?.title : undefined) ??
      (c.offerId ? this.details.offers.get(c.offerId)?.title : undefined) ??
      c.id;
    return html`<fieldset
      class="field choices"
      id=${id}
      aria-describedby=${[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
      ?data-invalid=${Boolean(error)}
      @focusout=${() => this.form.touch('claimIds')}
    >
      <legend part="label">${msg('选择认领', { id: 'project-form.claims' })}</legend>
      <p id=${`${id}-hint`} class="hint">
        ${msg('只能选择已接受（或之后）的认领，且须属于同一家社会组织。', { id: 'project-form.claims-hint' })}
      </p>
      ${groupable.length
        ? html`<div class="options">
            ${groupable.map((c, i) => {
              const project = this.groupedIn(c.id);
              const other = organizationId !== null && c.organizationId !== organizationId;
              const reasonId = `claim-${i}-reason`;
              const reason = project
                ? msg(str`已计入项目“${project.title}”，一条认领只能计入一个项目。`, { id: 'project-form.already-grouped' })
                : other
                  ? msg(str`属于另一家组织（${orgName(c.organizationId)}），一个项目只能包含同一家组织的认领。`, {
                      id: 'project-form.other-organization',
                    })
                  : null;
              const disabled = reason !== null && !chosen.includes(c.id);
              return html`<div class="claim-option">
                <label class="option">
                  <input
                    type="checkbox"
                    part="choice"
                    .value=${c.id}
                    .checked=${chosen.includes(c.id)}
                    ?disabled=${disabled}
                    aria-describedby=${ifDefined(reason ? reasonId : undefined)}
                    aria-invalid=${error ? 'true' : 'false'}
                    @change=${(e: Event) => this.toggle(c, (e.target as HTMLInputElement).checked)}
                  />
                  <span class="option-text"
                    >${title(c)}<span class="option-hint">${orgName(c.organizationId)} · ${claimStateLabel(c.state)}</span></span
                  >
                </label>
                ${reason ? html`<p id=${reasonId} class="hint">${reason}</p>` : nothing}
              </div>`;
            })}
          </div>`
        : html`<p>${msg('这里还没有已接受的认领。认领被接受后才能组建项目。', { id: 'project-form.no-claims' })}</p>`}
      ${error ? html`<p id=${`${id}-error`} class="error" part="error">${error}</p>` : nothing}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-project-builder': RlProjectBuilder;
  }
}

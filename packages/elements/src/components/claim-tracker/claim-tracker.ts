import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AdapterError, isAbortError, toAdapterError, type Actor, type Claim, type DataAdapter, type Project } from '@renling/core';
import { actorAttribute, canActAs } from '../../base/actor-attribute.js';
import { watchAdapterEvent } from '../../base/adapter-events.js';
import { rlElement } from '../../base/define.js';
import { formatNumber } from '../../base/format.js';
import { RlElement } from '../../base/rl-element.js';
import { ServicesController } from '../../controllers/services-controller.js';
import type { RlClaimChangedEvent } from '../../events/claim-changed.js';
import type { RlProjectCreatedEvent } from '../../events/project-created.js';
import { currentLocale } from '../../localization/localization.js';
import { fieldStyles } from '../../styles/form.js';
import '../project-card/project-card.js';
import './claim-entry.js';
import './project-builder.js';
import type { RlProjectBuilder } from './project-builder.js';
import {
  NO_DETAILS,
  loadClaimBatch,
  loadClaimDetails,
  parseStates,
  type ClaimBatch,
  type ClaimDetails,
  type ClaimSelection,
} from './claim-data.js';
import { claimCommonStyles, claimTrackerStyles } from './claim-tracker.styles.js';

interface Loaded {
  claims: Claim[];
  nextCursor: string | null;
  total: number;
  details: ClaimDetails;
}

/**
 * @tagname rl-claim-tracker
 * @summary The claim lifecycle (认领跟踪): claims of a need, an offer or an
 * organization with their steps and history; the actions the viewer may take
 * (accept, decline, withdraw, start, complete with beneficiaries, rate); the
 * resident's contact for staff and the accepted organization; and, for staff,
 * grouping accepted claims into a community service project.
 *
 * Data comes from the surrounding `<rl-provider>`, or used alone from its
 * own `adapter`, `api` or `src`. Who is looking comes from `viewer` (here or
 * on the provider); the buttons offered are exactly those the claim state
 * machine allows that person (`allowedEvents`), and the server decides again.
 * The resident's contact is read only when the viewer presses for it, is
 * never stored, and is forgotten when the claim or the viewer changes.
 *
 * @event {RlClaimChangedEvent} rl-claim-changed - An action went through; `detail` has the new `claim` and the `event`.
 * @event {RlProjectCreatedEvent} rl-project-created - Claims were grouped into a project; `detail.project` is it.
 *
 * @csspart base - The tracker's outer box.
 * @csspart toolbar - The count and the "group into a project" button.
 * @csspart list - The list of claims.
 * @csspart claim - Each claim (an `<rl-claim-entry>`).
 * @csspart builder - The project form (`<rl-project-builder>`).
 * @csspart project - Each created project's `<rl-project-card>`.
 * @csspart message - Loading, empty, error and offline messages.
 * @csspart button - Buttons of the tracker itself.
 *
 * @cssproperty --rl-color-surface - Card backgrounds.
 * @cssproperty --rl-color-surface-muted - Skeletons, panels, steps to come.
 * @cssproperty --rl-color-text - Text.
 * @cssproperty --rl-color-text-muted - Secondary text.
 * @cssproperty --rl-color-border - Borders.
 * @cssproperty --rl-color-primary - Buttons and the current step.
 * @cssproperty --rl-color-on-primary - Text on primary buttons.
 * @cssproperty --rl-color-success - Steps passed, completed claims.
 * @cssproperty --rl-color-warning - Chosen stars, the offline notice.
 * @cssproperty --rl-color-danger - Errors.
 * @cssproperty --rl-color-focus - Focus ring, open claims.
 * @cssproperty --rl-font-size - Base text size (px); everything scales from it.
 * @cssproperty --rl-target-size - Minimum height of buttons, stars and fields.
 * @cssproperty --rl-radius-m - Corner radius of cards.
 * @cssproperty --rl-shadow - Card shadow.
 */
@rlElement('rl-claim-tracker')
export class RlClaimTracker extends RlElement {
  static override styles = [RlElement.styles, fieldStyles, claimCommonStyles, claimTrackerStyles];

  /** Show this one claim. */
  @property({ attribute: 'claim-id' }) claimId: string | undefined;

  /** Claims on this need. */
  @property({ attribute: 'need-id' }) needId: string | undefined;

  /** Claims (bookings) of this offer. */
  @property({ attribute: 'offer-id' }) offerId: string | undefined;

  /** Claims of this organization. */
  @property({ attribute: 'organization-id' }) organizationId: string | undefined;

  /** Only claims in these states, comma separated: `pending,accepted`. */
  @property() state: string | undefined;

  /** How many claims are loaded at first, and again with each "load more". */
  @property({ type: Number }) limit = 100;

  /**
   * Who is looking, as `role:id` (`staff:sq-01`, `organization:org-0001`,
   * `resident:r-7`); without it the provider's viewer. With an adapter that
   * can act as someone (the local and memory ones), it acts as this person.
   */
  @property({ converter: actorAttribute }) viewer: Actor | null = null;

  /** The heading level of each claim's title, 2–5. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** An adapter for a tracker used without `<rl-provider>`; overrides `api` and `src`. */
  @property({ attribute: false }) adapter: DataAdapter | null = null;

  /** Base URL of a server speaking the REST contract, for a tracker used without `<rl-provider>`. */
  @property() api: string | undefined;

  /** URL of a static JSON dataset (read-only), for a tracker used without `<rl-provider>`. */
  @property() src: string | undefined;

  /** The IndexedDB database (read cache) of a tracker used alone. */
  @property({ attribute: 'storage-name' }) storageName = 'renling';

  private readonly servicesController = new ServicesController(this);

  /** Claims replaced after an action or a reload, by id: the list shows them in place. */
  @state() private replaced: ReadonlyMap<string, Claim> = new Map();
  /** Batches loaded with "load more", after the first. */
  @state() private more: Loaded | null = null;
  @state() private loadingMore = false;
  @state() private moreError: AdapterError | null = null;
  @state() private offline = false;
  @state() private building = false;
  /** Projects created here, kept up to date as their claims move. */
  @state() private projects: Project[] = [];
  @state() private announcement = '';

  private watchedEvents: EventTarget | null = null;
  private focusAfterRender: 'builder' | 'projects' | 'toolbar' | null = null;
  private actingAdapter: { base: DataAdapter; viewer: Actor; acting: DataAdapter } | null = null;
  private moreRequest: AbortController | null = null;

  /** The adapter in use: the services', acting as this element's own viewer where it can. */
  private get dataAdapter(): DataAdapter | null {
    const base = this.servicesController.services?.adapter ?? null;
    const own = this.viewer;
    if (!base || !own || !canActAs(base)) return base;
    const cached = this.actingAdapter;
    // one acting view per adapter and viewer, so the data task sees a stable identity
    if (cached && cached.base === base && cached.viewer === own) return cached.acting;
    const acting = base.withActor(own) as DataAdapter;
    this.actingAdapter = { base, viewer: own, acting };
    return acting;
  }

  /** Who is looking: this element's viewer, else the provider's. */
  get effectiveViewer(): Actor | null {
    return this.viewer ?? this.servicesController.services?.viewer ?? null;
  }

  private get selection(): ClaimSelection {
    return {
      claimId: this.claimId || undefined,
      needId: this.needId || undefined,
      offerId: this.offerId || undefined,
      organizationId: this.organizationId || undefined,
      states: parseStates(this.state),
    };
  }

  private readonly data = new Task(this, {
    args: () =>
      [this.dataAdapter, this.claimId, this.needId, this.offerId, this.organizationId, this.state, this.limit] as const,
    task: async ([adapter], { signal }): Promise<Loaded | null> => {
      this.moreRequest?.abort();
      this.loadingMore = false;
      this.offline = false;
      this.watchCache(adapter);
      if (!adapter) return null;
      const batch = await loadClaimBatch(adapter, this.selection, null, this.batchSize, signal);
      const details = await loadClaimDetails(adapter, batch.claims, NO_DETAILS, signal);
      // the list shown while this ran keeps its changes until the fresh one replaces it
      this.more = null;
      this.moreError = null;
      this.replaced = new Map();
      return { ...batch, details };
    },
  });

  /** Resolves once the element has rendered and its claims have loaded (or failed to). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const rendered = await super.getUpdateComplete();
    try {
      await this.data.taskComplete;
    } catch {
      // the error state is rendered; waiting is over either way
    }
    return (await super.getUpdateComplete()) && rendered;
  }

  private get batchSize(): number {
    return Math.min(Math.max(Math.trunc(this.limit) || 100, 1), 1000);
  }

  /** Loads the claims again (after an error, or to leave the offline view). */
  reload = (): void => {
    void this.data.run();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchCache(null);
    this.moreRequest?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // a project form is staff's; another viewer closes it
    if (changed.has('viewer') && this.building && !this.mayBuild) this.building = false;
  }

  protected override updated(): void {
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = null;
    if (target === 'builder') this.renderRoot.querySelector<RlProjectBuilder>('rl-project-builder')?.focusHeading();
    else if (target === 'projects') this.renderRoot.querySelector<HTMLElement>('#projects-title')?.focus();
    else this.renderRoot.querySelector<HTMLElement>('.build-toggle')?.focus();
  }

  /** The read cache's `offline` event: saved claims stood in for the network. */
  private watchCache(adapter: DataAdapter | null): void {
    this.watchedEvents = watchAdapterEvent(this.watchedEvents, adapter, 'offline', this.onOffline);
  }

  private readonly onOffline = (): void => {
    this.offline = true;
  };

  private get mayBuild(): boolean {
    const role = this.effectiveViewer?.role;
    return role === 'staff' || role === 'admin';
  }

  /** Every claim shown, with replacements in place. */
  private claimsOf(loaded: Loaded): Claim[] {
    const all = this.more ? [...loaded.claims, ...this.more.claims] : loaded.claims;
    return all.map((c) => this.replaced.get(c.id) ?? c);
  }

  private detailsOf(loaded: Loaded): ClaimDetails {
    return this.more?.details ?? loaded.details;
  }

  private readonly loadMore = async (): Promise<void> => {
    const loaded = this.data.value;
    const adapter = this.dataAdapter;
    const cursor = this.more?.nextCursor ?? loaded?.nextCursor ?? null;
    if (!loaded || !adapter || cursor === null || this.loadingMore) return;
    const request = new AbortController();
    this.moreRequest = request;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const batch: ClaimBatch = await loadClaimBatch(adapter, this.selection, cursor, this.batchSize, request.signal);
      const details = await loadClaimDetails(adapter, batch.claims, this.detailsOf(loaded), request.signal);
      if (this.moreRequest !== request) return;
      const before = this.claimsOf(loaded).length;
      this.more = {
        claims: [...(this.more?.claims ?? []), ...batch.claims],
        nextCursor: batch.nextCursor,
        total: batch.total,
        details,
      };
      this.announcement = msg(str`又加载了 ${formatNumber(this.claimsOf(loaded).length - before, currentLocale())} 条认领`, {
        id: 'tracker.loaded-more',
      });
    } catch (error) {
      if (this.moreRequest === request && !isAbortError(error)) this.moreError = toAdapterError(error);
    } finally {
      if (this.moreRequest === request) {
        this.moreRequest = null;
        this.loadingMore = false;
      }
    }
  };

  private replace(claim: Claim): void {
    this.replaced = new Map(this.replaced).set(claim.id, claim);
  }

  private readonly onClaimChanged = (event: RlClaimChangedEvent): void => {
    const { claim } = event.detail;
    this.replace(claim);
    void this.refreshProjects(claim.id);
  };

  private readonly onClaimReplace = (event: CustomEvent<Claim>): void => {
    event.stopPropagation();
    this.replace(event.detail);
    void this.refreshProjects(event.detail.id);
  };

  /** A project's figures follow its claims: read it again when one of them moved. */
  private async refreshProjects(claimId: string): Promise<void> {
    const adapter = this.dataAdapter;
    if (!adapter) return;
    const affected = this.projects.filter((p) => p.claimIds.includes(claimId));
    for (const project of affected) {
      try {
        const fresh = await adapter.getProject(project.id);
        this.projects = this.projects.map((p) => (p.id === fresh.id ? fresh : p));
      } catch {
        // the card keeps the figures it had; the next change tries again
      }
    }
  }

  private readonly onProjectCreated = (event: RlProjectCreatedEvent): void => {
    const { project } = event.detail;
    this.projects = [...this.projects.filter((p) => p.id !== project.id), project];
    this.building = false;
    this.announcement = msg(str`项目“${project.title}”已创建。`, { id: 'tracker.project-created' });
    this.focusAfterRender = 'projects';
  };

  private readonly toggleBuilder = (): void => {
    this.building = !this.building;
    this.focusAfterRender = this.building ? 'builder' : null;
  };

  private readonly closeBuilder = (): void => {
    this.building = false;
    this.focusAfterRender = 'toolbar';
  };

  // ---------------------------------------------------------------- rendering

  protected override render() {
    return html`<div part="base" class="tracker">
      ${this.data.render({
        initial: () => this.renderLoading(),
        pending: () => (this.data.value ? this.renderLoaded(this.data.value) : this.renderLoading()),
        error: (error) => this.renderError(error),
        complete: (loaded) =>
          loaded
            ? this.renderLoaded(loaded)
            : html`<p part="message" class="message">${msg('没有连接数据来源，无法显示认领记录。', { id: 'tracker.no-source' })}</p>`,
      })}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </div>`;
  }

  private renderLoading() {
    return html`<div class="claims" aria-busy="true">
      <span role="status" class="visually-hidden">${msg('正在加载认领记录…', { id: 'tracker.loading' })}</span>
      ${[0, 1].map(
        () => html`<div class="skeleton-card" aria-hidden="true">
          <div class="skeleton skeleton--short"></div>
          <div class="skeleton skeleton--title"></div>
          <div class="skeleton skeleton--steps"></div>
          <div class="skeleton"></div>
        </div>`,
      )}
    </div>`;
  }

  private renderError(error: unknown) {
    const text =
      error instanceof AdapterError
        ? error.userMessage(currentLocale())
        : msg('认领记录加载失败，请检查网络后重试。', { id: 'tracker.error' });
    return html`<div part="message" class="message error" role="alert">
      <p>${text}</p>
      <button part="button" class="button button--secondary" type="button" @click=${this.reload}>
        ${msg('重试', { id: 'card.retry' })}
      </button>
    </div>`;
  }

  private renderLoaded(loaded: Loaded) {
    const locale = currentLocale();
    const claims = this.claimsOf(loaded);
    const details = this.detailsOf(loaded);
    const total = this.more?.total ?? loaded.total;
    const nextCursor = this.more ? this.more.nextCursor : loaded.nextCursor;
    const viewer = this.effectiveViewer;
    const adapter = this.dataAdapter;
    const reloading = this.data.status === TaskStatus.PENDING;
    return html`${this.offline
        ? html`<div part="message" class="notice" role="status">
            <p>${msg('网络连接不上，下面是之前保存的认领记录，可能不是最新的；恢复联网前不能操作。', { id: 'tracker.offline' })}</p>
            <button part="button" class="button button--secondary" type="button" ?disabled=${reloading} @click=${this.reload}>
              ${msg('重新加载', { id: 'tracker.reload' })}
            </button>
          </div>`
        : nothing}
      ${claims.length || this.mayBuild
        ? html`<div part="toolbar" class="toolbar">
            <p class="count">${msg(str`共 ${formatNumber(total, locale)} 条认领`, { id: 'tracker.count' })}</p>
            ${this.mayBuild
              ? html`<button
                  part="button"
                  class="button button--secondary build-toggle"
                  type="button"
                  aria-expanded=${this.building ? 'true' : 'false'}
                  @click=${this.toggleBuilder}
                >
                  ${msg('组建服务项目', { id: 'tracker.build' })}
                </button>`
              : nothing}
          </div>`
        : nothing}
      ${this.building && this.mayBuild
        ? html`<rl-project-builder
            part="builder"
            .claims=${claims}
            .projects=${this.projects}
            .details=${details}
            .adapter=${adapter}
            ?offline=${this.offline}
            heading-level=${this.headingLevel}
            @rl-project-created=${this.onProjectCreated}
            @close=${this.closeBuilder}
          ></rl-project-builder>`
        : nothing}
      ${this.projects.length ? this.renderProjects() : nothing}
      ${claims.length
        ? html`<ul part="list" class="claims" aria-label=${msg('认领记录', { id: 'tracker.list' })}>
            ${claims.map(
              (claim) => html`<li>
                <rl-claim-entry
                  part="claim"
                  .claim=${claim}
                  .need=${claim.needId ? (details.needs.get(claim.needId) ?? null) : null}
                  .offer=${claim.offerId ? (details.offers.get(claim.offerId) ?? null) : null}
                  .organization=${details.organizations.get(claim.organizationId) ?? null}
                  .viewer=${viewer}
                  .adapter=${adapter}
                  ?offline=${this.offline}
                  heading-level=${this.headingLevel}
                  @rl-claim-changed=${this.onClaimChanged}
                  @claim-replace=${this.onClaimReplace}
                ></rl-claim-entry>
              </li>`,
            )}
          </ul>`
        : html`<p part="message" class="message empty">${msg('还没有认领记录', { id: 'tracker.empty' })}</p>`}
      ${nextCursor !== null ? this.renderMore(claims.length, total) : nothing}`;
  }

  private renderMore(shown: number, total: number) {
    const locale = currentLocale();
    return html`<div class="more">
      <p class="note" id="more-count">
        ${msg(str`已显示 ${formatNumber(shown, locale)} / ${formatNumber(total, locale)} 条`, { id: 'tracker.shown' })}
      </p>
      <button
        part="button"
        class="button button--secondary"
        type="button"
        aria-describedby="more-count"
        ?disabled=${this.loadingMore}
        @click=${this.loadMore}
      >
        ${this.loadingMore ? msg('正在加载…', { id: 'tracker.loading-more' }) : msg('加载更多', { id: 'tracker.more' })}
      </button>
      ${this.moreError ? html`<p class="error" role="alert">${this.moreError.userMessage(locale)}</p>` : nothing}
    </div>`;
  }

  private renderProjects() {
    const level = Math.min(Math.max(Math.trunc(this.headingLevel) || 3, 2), 6);
    return html`<div class="projects">
      <div id="projects-title" class="heading heading--main" role="heading" aria-level=${level} tabindex="-1">
        ${msg('已组建的项目', { id: 'tracker.projects' })}
      </div>
      ${this.projects.map(
        (project) => html`<rl-project-card
          part="project"
          .project=${project}
          .adapter=${this.dataAdapter}
          heading-level=${Math.min(level + 1, 6)}
        ></rl-project-card>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-claim-tracker': RlClaimTracker;
  }
}

import { LitElement, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { resetStyles } from '../styles/reset.js';
import { themeStyles, type Theme } from '../styles/tokens.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { ensureLocalization } from '../localization/localization.js';
import { VERSION } from './version.js';

/**
 * The base of every Renling element: the hostile-CSS reset, the theme
 * selectors and localization. Subclasses add their own `static styles`
 * after `RlElement.styles`.
 */
export class RlElement extends LitElement {
  /** Compared on registration so two copies of the kit can coexist. */
  static readonly rlVersion = VERSION;

  static override styles: CSSResultGroup = [resetStyles, themeStyles];

  /**
   * `light`, `dark` or `elder` (large text, high contrast, large targets).
   * Without it the element follows its `<rl-provider>` or the page's tokens.
   */
  @property({ reflect: true }) theme: Theme | undefined;

  constructor() {
    super();
    // every element re-renders when the active locale changes
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    ensureLocalization();
  }
}

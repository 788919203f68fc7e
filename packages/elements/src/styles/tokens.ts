/**
 * The design tokens: one table, the single source for the component
 * fallbacks, the three themes and the theming docs page.
 *
 * Components read `var(--rl-…, <light value>)`, so they look right with no
 * theme loaded; a theme (on `<rl-provider theme>` or on a component) sets the
 * public properties, which inherit through shadow roots.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

export const THEMES = ['light', 'dark', 'elder'] as const;
export type Theme = (typeof THEMES)[number];

export interface TokenDefinition {
  /** Without the leading `--rl-`. */
  name: string;
  light: string;
  dark: string;
  elder: string;
  description: string;
}

// Contrast: every text/background pair holds WCAG AA (4.5:1) in light and
// dark, and AAA (7:1) in elder.
export const TOKENS = [
  { name: 'color-surface', light: '#ffffff', dark: '#1c1f24', elder: '#ffffff', description: 'Card and panel background' },
  { name: 'color-surface-muted', light: '#f5f6f8', dark: '#262a31', elder: '#f2f2f2', description: 'Secondary areas, skeletons, tracks' },
  { name: 'color-text', light: '#1f2329', dark: '#eceef1', elder: '#000000', description: 'Body text' },
  { name: 'color-text-muted', light: '#5b6470', dark: '#b4bac3', elder: '#1a1a1a', description: 'Secondary text' },
  { name: 'color-border', light: '#d5d9df', dark: '#3d434c', elder: '#000000', description: 'Borders and dividers' },
  { name: 'color-primary', light: '#b4262a', dark: '#ff8a80', elder: '#8a0000', description: 'Primary actions and accents (community red)' },
  { name: 'color-on-primary', light: '#ffffff', dark: '#1c1f24', elder: '#ffffff', description: 'Text on primary' },
  { name: 'color-success', light: '#1d6b3a', dark: '#7fd49b', elder: '#0b4d22', description: 'Progress, completed, free capacity' },
  { name: 'color-warning', light: '#8a5300', dark: '#ffc266', elder: '#5c3700', description: 'Limited capacity, paused' },
  { name: 'color-danger', light: '#b3261e', dark: '#ffb4ab', elder: '#7a0000', description: 'Errors, full' },
  { name: 'color-badge', light: '#fff4e0', dark: '#3b3020', elder: '#fff0c2', description: 'Rating badge background' },
  { name: 'color-badge-text', light: '#7a4a00', dark: '#ffd591', elder: '#000000', description: 'Rating badge text' },
  { name: 'color-focus', light: '#1a5fd0', dark: '#8ab4ff', elder: '#0040c0', description: 'Focus ring' },
  { name: 'font-family', light: "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif", dark: "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif", elder: "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif", description: 'Text font stack (CJK-first)' },
  { name: 'font-size', light: '16px', dark: '16px', elder: '20px', description: 'Base text size; everything inside scales in em from it' },
  { name: 'line-height', light: '1.6', dark: '1.6', elder: '1.7', description: 'Body line height' },
  { name: 'space-xs', light: '0.25em', dark: '0.25em', elder: '0.3em', description: 'Smallest gap' },
  { name: 'space-s', light: '0.5em', dark: '0.5em', elder: '0.6em', description: 'Small gap' },
  { name: 'space-m', light: '1em', dark: '1em', elder: '1.1em', description: 'Default padding' },
  { name: 'space-l', light: '1.5em', dark: '1.5em', elder: '1.6em', description: 'Large gap' },
  { name: 'radius-s', light: '4px', dark: '4px', elder: '4px', description: 'Badges, bars' },
  { name: 'radius-m', light: '8px', dark: '8px', elder: '6px', description: 'Cards, buttons' },
  { name: 'border-width', light: '1px', dark: '1px', elder: '2px', description: 'Borders' },
  { name: 'target-size', light: '44px', dark: '44px', elder: '56px', description: 'Minimum height of buttons and other targets' },
  { name: 'shadow', light: '0 1px 3px rgb(0 0 0 / 12%)', dark: '0 1px 3px rgb(0 0 0 / 50%)', elder: 'none', description: 'Card shadow' },
] as const satisfies readonly TokenDefinition[];

export type TokenName = (typeof TOKENS)[number]['name'];

const byName = new Map<string, TokenDefinition>(TOKENS.map((t) => [t.name, t]));

/** `var(--rl-name, <light value>)` for use inside `css` templates. */
export function token(name: TokenName): CSSResult {
  const def = byName.get(name);
  // TOKENS is static, so a missing name is a programming error caught by the type
  return unsafeCSS(`var(--rl-${name}, ${def?.light ?? 'initial'})`);
}

/** The declarations that set every public token to a theme's value. */
export function themeDeclarations(theme: Theme): string {
  return TOKENS.map((t) => `--rl-${t.name}: ${t[theme]};`).join('\n');
}

/**
 * Theme selectors for the base class: a component or provider with a
 * `theme` attribute sets the public tokens for itself and its descendants.
 */
export const themeStyles = css`
  :host([theme='light']) {
    ${unsafeCSS(themeDeclarations('light'))}
  }
  :host([theme='dark']) {
    ${unsafeCSS(themeDeclarations('dark'))}
    color-scheme: dark;
  }
  :host([theme='elder']) {
    ${unsafeCSS(themeDeclarations('elder'))}
  }
`;

/**
 * The story page around the components, per theme. Not a token: the kit
 * never paints the host page; these stand in for a street portal's page.
 */
import type { Theme } from '@renling/elements';

export const PAGE_BACKGROUND: Record<Theme, string> = {
  light: '#eef0f3',
  dark: '#111317',
  elder: '#ffffff',
};

export const PAGE_TEXT: Record<Theme, string> = {
  light: '#1f2329',
  dark: '#eceef1',
  elder: '#000000',
};

/**
 * The row a navigation key moves to in a long list (↑ ↓ PageUp PageDown Home
 * End), or null when the key does not navigate. `page` is how many rows are
 * on screen. Shared by the virtualized lists so they answer keys alike.
 */
export function listKeyTarget(key: string, from: number, total: number, page: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return from + 1;
    case 'ArrowUp':
      return from - 1;
    case 'PageDown':
      return from + Math.max(1, page);
    case 'PageUp':
      return from - Math.max(1, page);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return null;
  }
}

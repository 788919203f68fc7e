import { VERSION } from './version.js';

/** What every Renling class carries so two copies on one page can tell each other apart. */
export interface VersionedConstructor extends CustomElementConstructor {
  readonly rlVersion?: string;
}

/**
 * Registers a tag unless it is already defined. A page may load renling.js
 * twice, or next to another copy of the kit: the first definition wins and a
 * different version is reported once, instead of a DOMException that would
 * stop the rest of the page's scripts.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing: VersionedConstructor | undefined = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing === ctor) return;
  const other = existing.rlVersion;
  if (other !== VERSION) {
    console.warn(
      `[renling] <${tag}> is already defined by ${other ? `version ${other}` : 'another script'}; ` +
        `version ${VERSION} did not redefine it. Load one copy of Renling per page.`,
    );
  }
}

/** Class decorator: `@rlElement('rl-project-card')`, the guarded form of `@customElement`. */
export const rlElement =
  (tag: string) =>
  (ctor: CustomElementConstructor): void => {
    defineElement(tag, ctor);
  };

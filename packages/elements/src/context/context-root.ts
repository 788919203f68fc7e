import { ContextRoot } from '@lit/context';

/**
 * Elements already in the page upgrade in definition order, so a component
 * can upgrade before its provider and ask for context nobody answers yet. A
 * ContextRoot on the document holds such requests and replays them when the
 * provider appears. Imported first by the one-file bundle.
 */
const ROOT_FLAG = Symbol.for('renling.context-root');
const doc = globalThis.document as (Document & { [ROOT_FLAG]?: boolean }) | undefined;
if (doc && !doc[ROOT_FLAG]) {
  doc[ROOT_FLAG] = true;
  new ContextRoot().attach(doc.documentElement);
}

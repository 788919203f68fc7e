// Checks that custom-elements.json documents every element's tag, attributes, events,
// parts and CSS properties, so docs and Storybook controls cannot silently lose them.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../packages/elements/custom-elements.json', import.meta.url), 'utf8'));
const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
const byTag = new Map(declarations.map((d) => [d.tagName, d]));

const expected = {
  'rl-provider': { attributes: ['locale', 'theme'], slots: [''] },
  'rl-project-card': {
    attributes: ['project-id', 'offer-id', 'layout', 'heading-level', 'href', 'theme'],
    events: ['rl-claim-request'],
    cssParts: ['base', 'header', 'title', 'body', 'footer', 'button', 'progress', 'rating-badge'],
    cssProperties: ['--rl-color-primary', '--rl-font-size', '--rl-color-surface'],
  },
  'rl-org-directory': {
    attributes: ['query', 'sort', 'organization-id', 'url-prefix', 'no-history', 'worker-threshold', 'worker-url', 'heading-level', 'theme'],
    events: ['rl-search-completed', 'rl-claim-request'],
    cssParts: ['base', 'search', 'toolbar', 'filters', 'chips', 'results', 'view', 'message', 'button'],
    cssProperties: ['--rl-org-directory-list-height', '--rl-font-size', '--rl-target-size'],
  },
  'rl-search-combobox': { attributes: ['value', 'label', 'placeholder', 'hint'], events: ['input', 'change'], cssParts: ['input', 'listbox', 'option'] },
  'rl-need-form': {
    attributes: ['api', 'src', 'storage-name', 'draft-key', 'notice-version', 'category', 'for-whom', 'hidden-fields', 'required-fields', 'heading-level'],
    events: ['rl-need-submitted', 'rl-submit-error'],
    cssParts: ['base', 'form', 'notice', 'label', 'input', 'error', 'button', 'status', 'tracking-number'],
    cssProperties: ['--rl-color-primary', '--rl-color-danger', '--rl-target-size'],
  },
  'rl-offer-form': {
    attributes: ['api', 'src', 'storage-name', 'draft-key', 'organization-id', 'status', 'category'],
    events: ['rl-offer-submitted', 'rl-submit-error'],
    cssParts: ['base', 'form', 'input', 'error', 'button', 'status'],
  },
  'rl-category-picker': { attributes: ['name', 'value', 'required', 'disabled', 'label', 'leaf-only'], events: ['input', 'change'], cssParts: ['input', 'listbox', 'option'] },
  'rl-area-picker': { attributes: ['name', 'value', 'required', 'multiple', 'min-level', 'max-level'], events: ['input', 'change'], cssParts: ['select', 'chosen'] },
};

const problems = [];
for (const [tag, wants] of Object.entries(expected)) {
  const decl = byTag.get(tag);
  if (!decl) {
    problems.push(`${tag} is missing`);
    continue;
  }
  for (const [kind, names] of Object.entries(wants)) {
    const have = new Set((decl[kind] ?? []).map((x) => x.name));
    for (const name of names) if (!have.has(name)) problems.push(`${tag}: ${kind} "${name}" is missing`);
  }
}
if (problems.length) {
  console.error(`custom-elements.json is incomplete:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`custom-elements.json documents ${byTag.size} elements: ${[...byTag.keys()].join(', ')}`);

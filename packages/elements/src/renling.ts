/**
 * The one-file, self-registering bundle for a `<script type="module">`.
 * Import order matters: the context root, then the provider, then the
 * components (see context/context-root.ts).
 */
import './context/context-root.js';
import './components/provider/provider.js';
import './components/project-card/project-card.js';
import './components/category-picker/category-picker.js';
import './components/area-picker/area-picker.js';
import './components/need-form/need-form.js';
import './components/offer-form/offer-form.js';
import './components/org-directory/org-directory.js';
import './components/claim-tracker/claim-tracker.js';
import './components/matcher/matcher.js';

export * from './index.js';

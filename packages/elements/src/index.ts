// Importing this module registers every element (each skips a tag already defined).
export { RlElement } from './base/rl-element.js';
export { defineElement, rlElement } from './base/define.js';
export { VERSION } from './base/version.js';
export { servicesContext, type RenlingServices } from './context/services.js';
export { resolveLocale, useLocale, currentLocale } from './localization/localization.js';
export { TOKENS, THEMES, themeDeclarations, type Theme, type TokenDefinition } from './styles/tokens.js';
export { RlClaimRequestEvent } from './events/claim-request.js';
export { RlProvider } from './components/provider/provider.js';
export { RlProjectCard, type ProjectCardData, type ProjectCardLayout } from './components/project-card/project-card.js';

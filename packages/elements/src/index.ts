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
export { RlNeedSubmittedEvent, type NeedSubmittedDetail } from './events/need-submitted.js';
export { RlOfferSubmittedEvent, type OfferSubmittedDetail } from './events/offer-submitted.js';
export { RlSubmitErrorEvent, type SubmitErrorDetail } from './events/submit-error.js';
export { buildDataChain, type DataChain, type DataSource } from './controllers/data-chain.js';
export { RlCategoryPicker } from './components/category-picker/category-picker.js';
export { RlAreaPicker } from './components/area-picker/area-picker.js';
export { RlNeedForm } from './components/need-form/need-form.js';
export { PRIVACY_NOTICE_VERSION, type NeedFormValues } from './components/need-form/need-form-model.js';

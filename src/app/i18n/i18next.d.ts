import 'i18next';
import type enCommon from '../../../locales/en/common.json';
import type enPublic from '../../../locales/en/public.json';
import type enPlan from '../../../locales/en/plan.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // `public`: the family pages' words (src/public-pages/), never loaded by the app.
    resources: { common: typeof enCommon; plan: typeof enPlan; public: typeof enPublic };
  }
}

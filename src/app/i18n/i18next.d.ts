import 'i18next';
import type enCommon from '../../../locales/en/common.json';
import type enPublic from '../../../locales/en/public.json';
import type enPlan from '../../../locales/en/plan.json';
import type enForms from '../../../locales/en/forms.json';
import type enQuestionnaire from '../../../locales/en/questionnaire.json';
import type enWords from '../../../locales/en/words.json';
import type enStaff from '../../../locales/en/staff.json';

// Each namespace (locales/en/<ns>.json) is named here so `t` checks its keys. `common` is the
// default; the others are fetched when a page asks for them (src/app/i18n/strings.ts).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // `public`: the family pages' words (src/public-pages/), never loaded by the app.
    // `staff`: the OMU staff console's words (src/staff/), never loaded by the app.
    resources: { common: typeof enCommon; forms: typeof enForms; plan: typeof enPlan; public: typeof enPublic; questionnaire: typeof enQuestionnaire; staff: typeof enStaff; words: typeof enWords };
  }
}

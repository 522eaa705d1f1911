import 'i18next';
import type enCommon from '../../../locales/en/common.json';
import type enPublic from '../../../locales/en/public.json';
import type enPlan from '../../../locales/en/plan.json';
import type enForms from '../../../locales/en/forms.json';
import type enQuestionnaire from '../../../locales/en/questionnaire.json';
import type enStaff from '../../../locales/en/staff.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // `public`: the family pages' words (src/public-pages/), never loaded by the app.
    // `staff`: the OMU staff console's words (src/staff/), never loaded by the app.
    resources: { common: typeof enCommon; forms: typeof enForms; plan: typeof enPlan; public: typeof enPublic; questionnaire: typeof enQuestionnaire; staff: typeof enStaff };
  }
}

import 'i18next';
import type enCommon from '../../../locales/en/common.json';
import type enForms from '../../../locales/en/forms.json';
import type enQuestionnaire from '../../../locales/en/questionnaire.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: typeof enCommon; forms: typeof enForms; questionnaire: typeof enQuestionnaire };
  }
}

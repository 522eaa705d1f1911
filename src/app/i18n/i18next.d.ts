import 'i18next';
import type enCommon from '../../../locales/en/common.json';
import type enPlan from '../../../locales/en/plan.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: typeof enCommon; plan: typeof enPlan };
  }
}

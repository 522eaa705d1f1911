import 'i18next';
import type enCommon from '../../../locales/en/common.json';
import type enWords from '../../../locales/en/words.json';

// Each namespace (locales/en/<ns>.json) is named here so `t` checks its keys. `common` is the
// default; the others are fetched when a page asks for them (src/app/i18n/strings.ts).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: typeof enCommon; words: typeof enWords };
  }
}

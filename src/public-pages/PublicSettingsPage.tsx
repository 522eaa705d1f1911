import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button.tsx';
import { Checkboxes } from '../app/ui/Checkboxes.tsx';
import { Page } from '../app/ui/Page.tsx';
import { Radios } from '../app/ui/Radios.tsx';
import { pageIds } from './page-ids.ts';
import { type PublicLanguage, publicPath } from './urls.ts';

const settingsIds = pageIds.settings;

const ignore = () => {};

/**
 * Display settings on the family pages: the same choices as the app's (text size, high contrast,
 * a font for dyslexia, less movement), saved on the phone under the same key, so every family
 * page shows them before its first paint (public/display-settings-boot.js). The page's script
 * (settings-page.ts) shows what is saved, and saves and applies each change at once. With
 * scripts off nothing can be saved, and a plain message says so.
 */
export function PublicSettingsPage({ lng }: { lng: PublicLanguage }) {
  const { t } = useTranslation('public');
  return (
    <Page title={t('settings.title')}>
      <p className="govuk-body">{t('settings.intro')}</p>
      <p className="govuk-body app-no-js">{t('settings.needsScript')}</p>
      <form id={settingsIds.form} className="app-js-only" noValidate data-saved={t('settings.saved')} data-not-saved={t('settings.notSaved')}>
        <Radios
          legend={t('settings.textSize.legend')}
          name="textSize"
          options={[
            { value: 100, label: t('settings.textSize.normal') },
            { value: 150, label: t('settings.textSize.large') },
            { value: 200, label: t('settings.textSize.veryLarge') },
          ]}
          value={100}
          onChange={ignore}
        />
        <Checkboxes
          legend={t('settings.other.legend')}
          hint={t('settings.other.hint')}
          options={[
            { name: 'highContrast', label: t('settings.other.highContrast'), checked: false },
            { name: 'readableFont', label: t('settings.other.readableFont'), checked: false },
            { name: 'reduceMotion', label: t('settings.other.reduceMotion'), checked: false },
          ]}
          onChange={ignore}
        />
        <p className="govuk-body" id={settingsIds.status} role="status" />
        <div className="govuk-button-group">
          <Button variant="secondary" id={settingsIds.reset}>
            {t('settings.reset')}
          </Button>
          <a className="govuk-link" href={publicPath({ kind: 'home' }, lng)}>
            {t('settings.done')}
          </a>
        </div>
      </form>
    </Page>
  );
}

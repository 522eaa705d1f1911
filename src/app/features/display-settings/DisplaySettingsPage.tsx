import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { appRoutes } from '../../routes.ts';
import {
  applyDisplaySettings,
  type DisplaySettings,
  defaultDisplaySettings,
  loadDisplaySettings,
  saveDisplaySettings,
  type TextSize,
} from '../../settings/display-settings.ts';
import { Button } from '../../../ui/Button.tsx';
import { Checkboxes } from '../../ui/Checkboxes.tsx';
import { Radios } from '../../ui/Radios.tsx';
import { Page } from '../../ui/Page.tsx';

type Toggle = 'highContrast' | 'readableFont' | 'reduceMotion';

/**
 * Text size, contrast, font and motion. Each change is applied and saved at once; "Done" goes back
 * to the page the person came from (home if they came straight here).
 */
export function DisplaySettingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const done = () => void (typeof window.history.state?.idx === 'number' && window.history.state.idx > 0 ? navigate(-1) : navigate(appRoutes.home));
  const [settings, setSettings] = useState<DisplaySettings>(() => loadDisplaySettings(localStorage));
  const [saved, setSaved] = useState(false);

  const update = (next: DisplaySettings) => {
    setSettings(next);
    applyDisplaySettings(document.documentElement, next);
    try {
      saveDisplaySettings(localStorage, next);
      setSaved(true);
    } catch {
      // Storage full or blocked: the look still changes for this visit.
      setSaved(false);
    }
  };

  const textSizes: { value: TextSize; label: string }[] = [
    { value: 100, label: t('settings.textSize.normal') },
    { value: 150, label: t('settings.textSize.large') },
    { value: 200, label: t('settings.textSize.veryLarge') },
  ];
  const toggles: { name: Toggle; label: string; checked: boolean }[] = [
    { name: 'highContrast', label: t('settings.other.highContrast'), checked: settings.highContrast },
    { name: 'readableFont', label: t('settings.other.readableFont'), checked: settings.readableFont },
    { name: 'reduceMotion', label: t('settings.other.reduceMotion'), checked: settings.reduceMotion },
  ];

  return (
    <Page title={t('settings.title')}>
      <p className="govuk-body">{t('settings.intro')}</p>
      <form noValidate onSubmit={(event) => event.preventDefault()}>
        <Radios
          legend={t('settings.textSize.legend')}
          name="textSize"
          options={textSizes}
          value={settings.textSize}
          onChange={(textSize) => update({ ...settings, textSize })}
        />
        <Checkboxes
          legend={t('settings.other.legend')}
          hint={t('settings.other.hint')}
          options={toggles}
          onChange={(name, checked) => update({ ...settings, [name]: checked })}
        />
        <p className="govuk-body" role="status">
          {saved ? t('settings.saved') : ''}
        </p>
        <div className="govuk-button-group">
          <Button onClick={done}>{t('settings.done')}</Button>
          <Button variant="secondary" onClick={() => update(defaultDisplaySettings)}>
            {t('settings.reset')}
          </Button>
        </div>
      </form>
    </Page>
  );
}

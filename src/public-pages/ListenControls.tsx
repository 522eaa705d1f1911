import { useTranslation } from 'react-i18next';
import { pageIds } from './page-ids.ts';


/**
 * The read-aloud controls of a family page, inside a <template>: with JavaScript off there is
 * nothing to press, so nothing shows; the page's script puts them in place. Every word they show
 * comes from here (data attributes), so the script carries no words of its own. The class names
 * are the app's (src/app/read-aloud/), so they look the same.
 */
export function ListenControls() {
  const { t } = useTranslation('public');
  const labels = {
    'data-listen': t('listen.listen'),
    'data-pause': t('listen.pause'),
    'data-resume': t('listen.resume'),
    'data-loading': t('listen.loading'),
    'data-playing': t('listen.playing'),
    'data-paused': t('listen.paused'),
    'data-finished': t('listen.finished'),
    'data-stopped': t('listen.stopped'),
  };
  return (
    // The slot keeps the controls' room from the first paint (public-pages.scss), so nothing moves when they appear.
    <div className="app-listen-slot">
      <template id={pageIds.listenTemplate}>
        <div className="app-read-aloud app-public-read-aloud" role="group" aria-label={t('listen.label')} {...labels}>
          <div className="govuk-button-group app-read-aloud__buttons">
            <button type="button" className="govuk-button app-read-aloud__main">
              {t('listen.listen')}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary app-read-aloud__stop" hidden>
              {t('listen.stop')}
            </button>
          </div>
          <p className="govuk-body app-read-aloud__status" role="status" />
          <p className="govuk-body app-read-aloud__failed" role="alert" hidden>
            <strong>{t('listen.failedTitle')}</strong> {t('listen.failed')}
          </p>
        </div>
      </template>
    </div>
  );
}

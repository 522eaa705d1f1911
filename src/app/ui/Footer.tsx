import { useTranslation } from 'react-i18next';
import { appRoutes } from '../routes.ts';
import { Link } from './Link.tsx';

/** The page footer: what the app does with information, and the display settings. */
export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <p className="govuk-body-s govuk-footer__meta-custom">{t('footer.text')}</p>
            <Link className="govuk-footer__link" to={appRoutes.displaySettings}>
              {t('nav.displaySettings')}
            </Link>
          </div>
        </div>
      </div>
    </footer>
  );
}

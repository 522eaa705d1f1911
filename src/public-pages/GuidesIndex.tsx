import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { topicPath } from '../app/routes.ts';
import { Page } from '../app/ui/Page.tsx';
import { useAllTopics } from '../app/features/explainers/content-source.ts';
import { toPlainText } from '../content/markup.ts';

/** The families' home page: every guide with its one-line summary, the families' guide first. */
export function GuidesIndex({ lng, glossaryHref }: { lng: string; glossaryHref: string }) {
  const { t } = useTranslation();
  const content = useAllTopics(lng);
  if (!content) return null;
  const plain = (text: string) => toPlainText(text, lng, content.glossary.value);
  const families = content.topics.find((topic) => topic.id === 'for-families');
  return (
    <Page title={t('publicPages.home.title')}>
      <p className="govuk-body-l">{t('publicPages.home.intro')}</p>
      {families ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">{t('publicPages.home.familiesText')}</p>
          <p className="govuk-body">
            <Link className="govuk-link govuk-!-font-weight-bold" to={topicPath(families.id)}>
              {plain(families.title)}
            </Link>
          </p>
        </div>
      ) : null}
      <h2 className="govuk-heading-m">{t('publicPages.home.guidesTitle')}</h2>
      <ul className="govuk-list app-topic-list">
        {content.topics.map((topic) => (
          <li key={topic.id}>
            <h3 className="govuk-heading-s">
              <Link className="govuk-link" to={topicPath(topic.id)}>
                {plain(topic.title)}
              </Link>
            </h3>
            <p className="govuk-body">{plain(topic.inShort)}</p>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <a className="govuk-link" href={glossaryHref}>
          {t('glossary.all')}
        </a>
      </p>
    </Page>
  );
}

import { useTranslation } from 'react-i18next';
import { toPlainText } from '../../../content/markup.ts';
import { topicIds } from '../../../content/topic-ids.ts';
import { topicPath } from '../../routes.ts';
import { Page } from '../../ui/Page.tsx';
import { type AllTopics, useAllTopics } from '../../content-view/content-source.ts';
import { SearchForm } from '../../content-view/SearchForm.tsx';
import { Link } from '../../ui/Link.tsx';

/** All the guides, each with its one-line summary, and a search box. */
export function ExplainersPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const content = useAllTopics(lng);
  return (
    <Page title={t('explainers.title')}>
      <p className="govuk-body-l">{t('explainers.intro')}</p>
      <SearchForm />
      {content ? <TopicList {...content} lng={lng} /> : null}
    </Page>
  );
}

function TopicList({ topics, glossary, lng }: AllTopics & { lng: string }) {
  return (
      <ul className="govuk-list app-topic-list">
        {topics.map((topic, index) => (
          <li key={topic.id}>
            <h2 className="govuk-heading-s">
              <Link className="govuk-link" to={topicPath(topicIds[index] ?? topic.id)}>
                {toPlainText(topic.title, lng, glossary.value)}
              </Link>
            </h2>
            <p className="govuk-body">{toPlainText(topic.inShort, lng, glossary.value)}</p>
          </li>
        ))}
      </ul>
  );
}

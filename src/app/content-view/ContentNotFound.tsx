import { useTranslation } from 'react-i18next';
import { appRoutes } from '../routes.ts';
import { LinkList } from '../ui/LinkList.tsx';
import { Page } from '../ui/Page.tsx';
import { SearchForm } from './SearchForm.tsx';

/** An unknown guide or word: say so plainly, offer search and the full lists. */
export function ContentNotFound({ kind }: { kind: 'topic' | 'term' }) {
  const { t } = useTranslation();
  const words = kind === 'topic' ? { title: t('explainers.notFoundTitle'), text: t('explainers.notFoundText') } : { title: t('glossary.notFoundTitle'), text: t('glossary.notFoundText') };
  return (
    <Page title={words.title}>
      <p className="govuk-body">{words.text}</p>
      <SearchForm />
      <LinkList links={[{ to: appRoutes.explainers, text: t('explainers.allTopics') }, { to: appRoutes.glossary, text: t('glossary.all') }]} />
    </Page>
  );
}

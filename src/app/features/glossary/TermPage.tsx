import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { appRoutes } from '../../routes.ts';
import { LinkList } from '../../ui/LinkList.tsx';
import { Page } from '../../ui/Page.tsx';
import { useGlossary } from '../explainers/content-source.ts';
import { ContentNotFound } from '../explainers/ContentNotFound.tsx';
import { GlossaryItem } from './GlossaryPage.tsx';

/** One word's meaning, with its own address so it can be shared. */
export function TermPage() {
  const { termId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const glossary = useGlossary(lng);
  if (!glossary) return null;
  const entry = Object.hasOwn(glossary.value, termId) ? glossary.value[termId] : undefined;
  if (!entry) return <ContentNotFound kind="term" />;
  return (
    <Page title={entry.term}>
      <dl className="app-glossary">
        <GlossaryItem termId={termId} entry={entry} lng={glossary.fellBackTerms.includes(termId) ? 'en' : lng} glossary={glossary.value} />
      </dl>
      <LinkList links={[{ to: appRoutes.glossary, text: t('glossary.all') }]} />
    </Page>
  );
}

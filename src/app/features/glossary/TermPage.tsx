import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { topicTexts } from '../../../content/fields.ts';
import { termIdsIn, toPlainText } from '../../../content/markup.ts';
import type { Topic } from '../../../content/schema.ts';
import { appRoutes, topicPath } from '../../routes.ts';
import { LinkList } from '../../ui/LinkList.tsx';
import { Page } from '../../ui/Page.tsx';
import { useAllTopics, useGlossary } from '../../content-view/content-source.ts';
import { ContentNotFound } from '../../content-view/ContentNotFound.tsx';
import { ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import { GlossaryItem } from './GlossaryPage.tsx';
import { glossaryScript } from './glossary-script.ts';
import { Link } from '../../ui/Link.tsx';

/** The guides whose running text marks a word, in the order of the guides list. */
export function guidesUsing(topics: readonly Topic[], termId: string): Topic[] {
  return topics.filter((topic) => topicTexts(topic).some((text) => text.running && termIdsIn(text.text).includes(termId)));
}

/** One word's meaning, with its own address so it can be shared, read aloud, and the guides that use it. */
export function TermPage() {
  const { termId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const glossary = useGlossary(lng);
  const entry = glossary && Object.hasOwn(glossary.value, termId) ? glossary.value[termId] : undefined;
  const entryLng = glossary?.fellBackTerms.includes(termId) ? 'en' : lng;
  const script = useMemo(
    () =>
      glossary && entry
        ? glossaryScript([{ termId, entry, lng: entryLng, standsFor: entry.expansion ? t('glossary.standsFor', { expansion: entry.expansion }) : null }], glossary.value)
        : null,
    [glossary, entry, termId, entryLng, t],
  );
  if (!glossary) return null;
  if (!entry || !script) return <ContentNotFound kind="term" />;
  return (
    <Page title={entry.term}>
      <ReadAloud key={`${termId}|${lng}`} script={script} />
      <dl className="app-glossary">
        <GlossaryItem termId={termId} entry={entry} lng={entryLng} glossary={glossary.value} script={script} />
      </dl>
      <GuidesUsing termId={termId} lng={lng} />
      <LinkList links={[{ to: appRoutes.glossary, text: t('glossary.all') }]} />
    </Page>
  );
}

function GuidesUsing({ termId, lng }: { termId: string; lng: string }) {
  const { t } = useTranslation('words');
  const all = useAllTopics(lng);
  if (!all) return null;
  const guides = guidesUsing(all.topics, termId);
  return (
    <section aria-labelledby="guides-using-heading">
      <h2 className="govuk-heading-m" id="guides-using-heading">
        {t('guidesTitle')}
      </h2>
      {guides.length ? (
        <ul className="govuk-list app-link-list">
          {guides.map((topic) => (
            <li key={topic.id}>
              <Link className="govuk-link" to={topicPath(topic.id)}>
                {toPlainText(topic.title, lng, all.glossary.value)}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">{t('noGuides')}</p>
      )}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Readable } from '../app/read-aloud/ReadAloud.tsx';
import { buildScript } from '../app/read-aloud/script.ts';
import { Page } from '../app/ui/Page.tsx';
import type { FamilyTopic } from '../content/family-schema.ts';
import type { Loaded, LoadedGlossary } from '../content/load.ts';
import { toPlainText } from '../content/markup.ts';
import { ListenControls } from './ListenControls.tsx';
import { type PublicLanguage, publicPath } from './urls.ts';

type Props = { lng: PublicLanguage; topics: readonly Loaded<FamilyTopic>[]; glossary: LoadedGlossary };

/** The guides a family member should read first. */
const startWith = ['who-is-who', 'how-you-can-help'] as const;

/** The families' home page: where to start, then every family guide with its one-line summary. */
export function FamilyHome({ lng, topics, glossary }: Props) {
  const { t } = useTranslation('public');
  const plain = (topic: Loaded<FamilyTopic>, text: string) => toPlainText(text, topic.language, glossary.value);
  const blocks = [
    { key: 'intro', text: t('home.intro'), lng },
    ...topics.flatMap((topic) => [
      { key: `title:${topic.value.id}`, text: plain(topic, topic.value.title), lng: topic.language },
      { key: `summary:${topic.value.id}`, text: topic.value.inShort, lng: topic.language },
    ]),
  ];
  const script = buildScript(blocks, glossary.value);
  const other = (topic: Loaded<FamilyTopic>) => (topic.language === lng ? undefined : topic.language);
  return (
    <Page title={t('home.title')}>
      <ListenControls />
      <p className="govuk-body-l">
        <Readable script={script} at="intro" text={t('home.intro')} lng={lng} glossary={glossary.value} />
      </p>
      <div className="govuk-inset-text">
        <h2 className="govuk-heading-s">{t('home.startTitle')}</h2>
        <p className="govuk-body">{t('home.startText')}</p>
        <ul className="govuk-list">
          {startWith.map((id) => {
            const topic = topics.find((loaded) => loaded.value.id === id);
            return topic ? (
              <li key={id}>
                <a className="govuk-link govuk-!-font-weight-bold" href={publicPath({ kind: 'topic', id }, lng)} lang={other(topic)}>
                  {plain(topic, topic.value.title)}
                </a>
              </li>
            ) : null;
          })}
        </ul>
      </div>
      <h2 className="govuk-heading-m">{t('home.guidesTitle')}</h2>
      <ul className="govuk-list app-topic-list">
        {topics.map((topic) => (
          <li key={topic.value.id} lang={other(topic)}>
            <h3 className="govuk-heading-s">
              <a className="govuk-link" href={publicPath({ kind: 'topic', id: topic.value.id }, lng)}>
                <Readable script={script} at={`title:${topic.value.id}`} text={plain(topic, topic.value.title)} lng={topic.language} glossary={glossary.value} />
              </a>
            </h3>
            <p className="govuk-body">
              <Readable script={script} at={`summary:${topic.value.id}`} text={topic.value.inShort} lng={topic.language} glossary={glossary.value} />
            </p>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <a className="govuk-link" href={publicPath({ kind: 'glossary' }, lng)}>
          {t('nav.glossary')}
        </a>
      </p>
    </Page>
  );
}

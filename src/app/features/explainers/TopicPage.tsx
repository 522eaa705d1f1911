import { useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { toPlainText } from '../../../content/markup.ts';
import { type ActionTarget, type Contact, type Glossary, guidePartId } from '../../../content/schema.ts';
import { applicationShortcuts } from '../../../domain/application-shortcuts.ts';
import { isTopicId, type TopicId } from '../../../content/topic-ids.ts';
import { formatDate } from '../../../format/index.ts';
import { topicPath } from '../../routes.ts';
import { applicationShortcut, newApplicationPath } from '../../later-paths.ts';
import { Page } from '../../ui/Page.tsx';
import { StaticPage } from '../../ui/static-page.ts';
import { Readable, ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import { topicKey, topicScript } from '../../read-aloud/script.ts';
import { useTopicPage } from '../../content-view/content-source.ts';
import { ContentNotFound } from '../../content-view/ContentNotFound.tsx';
import { FallbackNotice } from '../../content-view/FallbackNotice.tsx';
import { Link } from '../../ui/Link.tsx';

/** One explainer guide: in short, its sections, what you can do, related guides. */
export function TopicPage() {
  const { topicId } = useParams();
  const { i18n } = useTranslation();
  if (!isTopicId(topicId)) return <ContentNotFound kind="topic" />;
  return <TopicContent id={topicId} lng={i18n.resolvedLanguage ?? 'en'} />;
}

function TopicContent({ id, lng }: { id: TopicId; lng: string }) {
  const { t } = useTranslation();
  const content = useTopicPage(lng, id);
  // A prerendered public page has no app script to speak with: no read-aloud there.
  const isStatic = useContext(StaticPage);
  const [inShort, whatYouCanDo] = [t('explainers.inShort'), t('explainers.whatYouCanDo')];
  // What read-aloud says; each block of text is shown cut into sentences that can be highlighted.
  const script = useMemo(() => content && topicScript(content.topic.value, content.topic.language, content.glossary.value, { lng, inShort, whatYouCanDo }), [content, lng, inShort, whatYouCanDo]);
  if (!content || !script) return null;
  const { topic, glossary } = content;
  const words = topic.value;
  const textLng = topic.language;
  const plain = (text: string) => toPlainText(text, textLng, glossary.value);
  const read = (at: string, text: string, inLng = textLng) => <Readable script={script} at={at} text={text} lng={inLng} glossary={glossary.value} />;
  return (
    <Page title={plain(words.title)}>
      {isStatic ? null : <ReadAloud key={`${id}|${lng}|${textLng}`} script={script} />}
      <div lang={textLng === lng ? undefined : textLng}>
        {topic.fellBack ? <FallbackNotice text={t('explainers.fallback')} /> : null}
        <div className="govuk-inset-text app-in-short">
          <h2 className="govuk-heading-s">{read(topicKey.inShortLabel, inShort, lng)}</h2>
          <p className="govuk-body-l">{read(topicKey.inShort, words.inShort)}</p>
        </div>
        {words.sections.map((section, s) => (
          <section key={section.heading} id={guidePartId(s + 1)}>
            <h2 className="govuk-heading-m">{read(topicKey.heading(s), section.heading)}</h2>
            {section.paragraphs.map((paragraph, p) => (
              <p className="govuk-body" key={paragraph}>
                {read(topicKey.paragraph(s, p), paragraph)}
              </p>
            ))}
            {section.list ? (
              <ul className="govuk-list govuk-list--bullet">
                {section.list.map((item, i) => (
                  <li key={item}>{read(topicKey.listItem(s, i), item)}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
        {words.contacts?.length ? <Contacts contacts={words.contacts} lastChecked={words.lastChecked} /> : null}
        {words.actions.length ? (
          <section>
            <h2 className="govuk-heading-m">{read(topicKey.actionsLabel, whatYouCanDo, lng)}</h2>
            <ul className="govuk-list app-actions">
              {words.actions.map((action, a) => {
                const to = actionHref(action.goTo, isStatic);
                const label = read(topicKey.actionLabel(a), action.label);
                return (
                  <li key={action.kind + action.label}>
                    {to ? (
                      <Link className="govuk-link govuk-!-font-weight-bold" to={to}>
                        {label}
                      </Link>
                    ) : (
                      <strong>{label}</strong>
                    )}
                    {action.detail ? <p className="govuk-body govuk-!-margin-bottom-2">{read(topicKey.actionDetail(a), action.detail)}</p> : null}
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
      </div>
      {words.related.length ? <RelatedTopics ids={words.related} lng={lng} glossary={glossary.value} /> : null}
    </Page>
  );
}

/**
 * Where a "What you can do" action leads. Applications exist only on prison devices, so a
 * prerendered family page shows those actions as words (its guide links still work).
 */
function actionHref(target: ActionTarget, isStatic: boolean): string | null {
  if ('about' in target) return isStatic ? null : applicationShortcut(applicationShortcuts[target.about].type, target.about);
  if ('apply' in target) return isStatic ? null : newApplicationPath();
  return target.part === undefined ? topicPath(target.guide) : `${topicPath(target.guide)}#${guidePartId(target.part)}`;
}

function Contacts({ contacts, lastChecked }: { contacts: Contact[]; lastChecked: string | undefined }) {
  const { t, i18n } = useTranslation();
  const date = lastChecked ? formatDate(lastChecked, i18n.resolvedLanguage) : '';
  return (
    <section id={guidePartId('contacts')}>
      <h2 className="govuk-heading-m">{t('explainers.contacts')}</h2>
      {contacts.map((contact) => (
        <div key={contact.name} className="app-contact">
          <h3 className="govuk-heading-s">{contact.name}</h3>
          <p className="govuk-body">{contact.about}</p>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t('explainers.phone')}</dt>
              <dd className="govuk-summary-list__value">
                <p className="govuk-body">{contact.phone}</p>
                {contact.phoneNote ? <p className="govuk-body">{contact.phoneNote}</p> : null}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t('explainers.hours')}</dt>
              <dd className="govuk-summary-list__value">
                <ul className="govuk-list">
                  {contact.hours.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                {contact.hoursNote ? <p className="govuk-body">{contact.hoursNote}</p> : null}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t('explainers.address')}</dt>
              <dd className="govuk-summary-list__value">
                <address className="govuk-body app-address">
                  {contact.address.map((line) => (
                    <span key={line}>{line}</span>
                  ))}
                </address>
                {contact.addressNote ? <p className="govuk-body">{contact.addressNote}</p> : null}
              </dd>
            </div>
          </dl>
        </div>
      ))}
      {date ? <p className="govuk-body-s">{t('explainers.checkedOn', { date })}</p> : null}
    </section>
  );
}

function RelatedTopics({ ids, lng, glossary }: { ids: TopicId[]; lng: string; glossary: Glossary }) {
  const { t } = useTranslation();
  return (
    <nav aria-labelledby="related-heading">
      <h2 className="govuk-heading-m" id="related-heading">
        {t('explainers.related')}
      </h2>
      <ul className="govuk-list app-link-list">
        {ids.map((id) => (
          <li key={id}>
            <RelatedLink id={id} lng={lng} glossary={glossary} />
          </li>
        ))}
      </ul>
    </nav>
  );
}

function RelatedLink({ id, lng, glossary }: { id: TopicId; lng: string; glossary: Glossary }) {
  const content = useTopicPage(lng, id);
  if (!content) return null;
  const { topic } = content;
  return (
    <Link className="govuk-link" to={topicPath(id)}>
      {toPlainText(topic.value.title, topic.language, glossary)}
    </Link>
  );
}

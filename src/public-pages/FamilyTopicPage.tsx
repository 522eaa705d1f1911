import { useTranslation } from 'react-i18next';
import { FallbackNotice } from '../app/content-view/FallbackNotice.tsx';
import { Readable } from '../app/read-aloud/ReadAloud.tsx';
import { buildScript, type Script, topicBlocks, topicKey } from '../app/read-aloud/script.ts';
import { Page } from '../app/ui/Page.tsx';
import type { FamilyAction, FamilyTopic } from '../content/family-schema.ts';
import type { FamilyTopicId } from '../content/family-topic-ids.ts';
import type { Loaded, LoadedGlossary } from '../content/load.ts';
import { toPlainText } from '../content/markup.ts';
import type { Glossary } from '../content/schema.ts';
import { contactFor, type HelpContacts, localText } from '../domain/help-contacts.ts';
import { helpContactAnchor, telHref } from './HelpContacts.tsx';
import { ListenControls } from './ListenControls.tsx';
import { type PublicLanguage, publicPath } from './urls.ts';
import { WordsOnThisPage } from './WordsOnThisPage.tsx';

type Props = {
  lng: PublicLanguage;
  topic: Loaded<FamilyTopic>;
  glossary: LoadedGlossary;
  contacts: HelpContacts;
  /** Every family guide's title in this language, for the related links. */
  titles: ReadonlyMap<FamilyTopicId, string>;
};

/**
 * One family guide: in short, its sections, what you can do (each item leading to a help contact,
 * another guide or the family member), related guides, and the words it uses. Every text a person
 * reads is cut into sentences (<Readable>, as in the app), so "Listen" can read it and highlight
 * the sentence being read.
 */
export function FamilyTopicPage({ lng, topic, glossary, contacts, titles }: Props) {
  const { t } = useTranslation('public');
  const words = topic.value;
  const textLng = topic.language;
  const plain = (text: string) => toPlainText(text, textLng, glossary.value);
  const script = buildScript(topicBlocks(words, textLng, { lng, inShort: t('topic.inShort'), whatYouCanDo: t('topic.whatYouCanDo') }), glossary.value);
  const read = (at: string, text: string, inLng: string = textLng) => <Readable script={script} at={at} text={text} lng={inLng} glossary={glossary.value} />;
  return (
    <Page title={plain(words.title)}>
      <ListenControls />
      {topic.fellBack ? <FallbackNotice text={t('topic.fallback')} /> : null}
      <div className="govuk-inset-text app-in-short">
        <h2 className="govuk-heading-s">{read(topicKey.inShortLabel, t('topic.inShort'), lng)}</h2>
        <p className="govuk-body-l" lang={textLng === lng ? undefined : textLng}>
          {read(topicKey.inShort, words.inShort)}
        </p>
      </div>
      <div lang={textLng === lng ? undefined : textLng}>
        {words.sections.map((section, s) => (
          <section key={section.heading}>
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
      </div>
      <section aria-labelledby="what-you-can-do">
        <h2 className="govuk-heading-m" id="what-you-can-do">
          {read(topicKey.actionsLabel, t('topic.whatYouCanDo'), lng)}
        </h2>
        <ul className="govuk-list app-family-actions" lang={textLng === lng ? undefined : textLng}>
          {words.actions.map((action, a) => (
            <li key={action.label} className="app-family-action">
              <Action action={action} index={a} lng={lng} script={script} textLng={textLng} glossary={glossary.value} contacts={contacts} />
            </li>
          ))}
        </ul>
      </section>
      {words.related.length ? (
        <nav aria-labelledby="related-heading">
          <h2 className="govuk-heading-m" id="related-heading">
            {t('topic.related')}
          </h2>
          <ul className="app-link-list">
            {words.related.map((id) => (
              <li key={id}>
                <a className="govuk-link" href={publicPath({ kind: 'topic', id }, lng)}>
                  {titles.get(id) ?? id}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <WordsOnThisPage topic={words} glossary={glossary} lng={textLng} />
    </Page>
  );
}

type ActionProps = { action: FamilyAction; index: number; lng: PublicLanguage; script: Script; textLng: string; glossary: Glossary; contacts: HelpContacts };

/**
 * One "What you can do" item: its label on a line of its own (a link when it leads to a contact
 * or a guide), then its detail, then, for a contact, who to phone and the number.
 */
function Action({ action, index, lng, script, textLng, glossary, contacts }: ActionProps) {
  const read = (at: string, text: string) => <Readable script={script} at={at} text={text} lng={textLng} glossary={glossary} />;
  const label = read(topicKey.actionLabel(index), action.label);
  const to = action.leadsTo;
  const contact = to.kind === 'contact' ? contactFor(contacts, to.purpose) : undefined;
  if (to.kind === 'contact' && !contact) throw new Error(`No help contact is for "${to.purpose}" (action "${action.label}")`);
  const href = contact ? `#${helpContactAnchor(contact)}` : to.kind === 'guide' ? publicPath({ kind: 'topic', id: to.id }, lng) : undefined;
  return (
    <>
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1 app-family-action__label">
        {href ? (
          <a className="govuk-link" href={href}>
            {label}
          </a>
        ) : (
          label
        )}
      </p>
      {action.detail ? <p className="govuk-body govuk-!-margin-bottom-1">{read(topicKey.actionDetail(index), action.detail)}</p> : null}
      {contact ? <CallLine name={localText(contact.name, lng)} phone={contact.phone} lng={lng} /> : null}
    </>
  );
}

/**
 * "Phone Example Prison on 01632 960 000.", the number a link a phone can call. The words come
 * from topic.callContact, which names the contact before the number in every language we have.
 */
function CallLine({ name, phone, lng }: { name: { text: string; lng: string }; phone: string; lng: string }) {
  const { t } = useTranslation('public');
  const mark = '\u0000';
  const [before = '', middle = '', after = ''] = t('topic.callContact', { name: mark, phone: mark }).split(mark);
  return (
    <p className="govuk-body app-family-action__call">
      {before}
      <span lang={name.lng === lng ? undefined : name.lng}>{name.text}</span>
      {middle}
      <a className="govuk-link" href={telHref(phone)}>
        {phone}
      </a>
      {after}
    </p>
  );
}

import { useTranslation } from 'react-i18next';
import { type HelpContact, type HelpContacts as Contacts, helpContactsMaxAgeMonths, isCheckStale, localLines, localText } from '../domain/help-contacts.ts';
import { formatDate, formatDuration } from '../format/index.ts';

type Props = {
  contacts: Contacts;
  lng: string;
  /** The day the pages are built (YYYY-MM-DD): a check older than helpContactsMaxAgeMonths before it is called out. */
  today: string;
};

/** Where a contact's details are on a page, for the guides' "What you can do" links. */
export const helpContactAnchor = (contact: Pick<HelpContact, 'id'>) => `help-${contact.id}`;

/** "0300 123 4567" → "tel:03001234567". */
export const telHref = (phone: string) => `tel:${phone.replace(/\s+/g, '')}`;

/**
 * The deployment's help contacts (src/domain/help-contacts.ts), on every family page and on paper:
 * name, what they help with, number, hours, and, for each, the day someone last checked them. A
 * check older than helpContactsMaxAgeMonths says so in plain words; example data says it is an
 * example. Words missing in Welsh are shown in English, marked as English.
 */
export function HelpContacts({ contacts, lng, today }: Props) {
  const { t } = useTranslation('public');
  return (
    <section className="app-help-contacts" id="help-contacts" aria-labelledby="help-contacts-heading">
      <h2 className="govuk-heading-m" id="help-contacts-heading">
        {t('contacts.title')}
      </h2>
      {contacts.example ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <strong>{t('contacts.exampleTitle')}</strong>
            <p className="govuk-body govuk-!-margin-bottom-0">{t('contacts.example')}</p>
          </div>
        </div>
      ) : null}
      <p className="govuk-body">{t('contacts.intro')}</p>
      {contacts.contacts.map((contact) => {
        const name = localText(contact.name, lng);
        const about = contact.about ? localText(contact.about, lng) : undefined;
        const hours = localLines(contact.hours, lng);
        const other = (used: string) => (used === lng ? undefined : used);
        return (
          <div key={contact.id} id={helpContactAnchor(contact)} className="app-contact">
            <h3 className="govuk-heading-s" lang={other(name.lng)}>
              {name.text}
            </h3>
            {about ? (
              <p className="govuk-body" lang={other(about.lng)}>
                {about.text}
              </p>
            ) : null}
            <dl className="govuk-summary-list app-contact__details">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('contacts.phone')}</dt>
                <dd className="govuk-summary-list__value">
                  <a className="govuk-link app-contact__phone" href={telHref(contact.phone)}>
                    {contact.phone}
                  </a>
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('contacts.hours')}</dt>
                <dd className="govuk-summary-list__value">
                  <ul className="govuk-list" lang={other(hours.lng)}>
                    {hours.lines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </dd>
              </div>
              {contact.web ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{t('contacts.web')}</dt>
                  <dd className="govuk-summary-list__value">
                    <a className="govuk-link" href={contact.web}>
                      {contact.web}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
            <p className="govuk-body-s app-contact__checked">
              {t('contacts.lastChecked', { date: formatDate(contact.lastChecked, lng) })}
              {isCheckStale(contact.lastChecked, today) ? (
                <>
                  {' '}
                  <strong>{t('contacts.stale', { age: formatDuration(helpContactsMaxAgeMonths, 'month', lng) })}</strong>
                </>
              ) : null}
            </p>
          </div>
        );
      })}
    </section>
  );
}

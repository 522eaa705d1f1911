import { useTranslation } from 'react-i18next';
import { Radios } from '../../ui/Radios.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { keyDateNames, type KeyDatesDraft, type MappaDraft, type SentenceDraft } from './sentence-form.ts';

type Props = {
  sentence: SentenceDraft;
  keyDates: KeyDatesDraft;
  mappa?: MappaDraft;
  onSentence: (next: SentenceDraft) => void;
  onKeyDates: (next: KeyDatesDraft) => void;
  onMappa?: (next: MappaDraft) => void;
  errorOf: (fieldId: string) => string | undefined;
};

/** The sentence facts, key dates and (when asked) MAPPA, as in enrolling and in the plan editor. */
export function SentenceFields({ sentence, keyDates, mappa, onSentence, onKeyDates, onMappa, errorOf }: Props) {
  const { t } = useTranslation('staff');
  const prefix = t('form.errorPrefix');
  return (
    <>
      <h2 className="govuk-heading-m">{t('sentence.title')}</h2>
      <Radios
        id="sentence-type"
        legend={t('sentence.type')}
        value={sentence.type}
        onChange={(type) => onSentence({ ...sentence, type })}
        error={errorOf('sentence-type')}
        errorPrefix={prefix}
        options={[
          { value: 'determinate', label: t('sentence.determinate') },
          { value: 'indeterminate', label: t('sentence.indeterminate') },
        ]}
      />
      <TextInput id="sentenced-on" type="date" label={t('sentence.sentencedOn')} value={sentence.sentencedOn} onChange={(sentencedOn) => onSentence({ ...sentence, sentencedOn })} error={errorOf('sentenced-on')} errorPrefix={prefix} width="govuk-input--width-10" />
      {sentence.type === 'determinate' ? (
        <TextInput id="length-months" inputMode="numeric" label={t('sentence.lengthMonths')} hint={t('sentence.monthsHint')} value={sentence.lengthMonths} onChange={(lengthMonths) => onSentence({ ...sentence, lengthMonths })} error={errorOf('length-months')} errorPrefix={prefix} width="govuk-input--width-4" />
      ) : null}
      {sentence.type === 'indeterminate' ? (
        <TextInput id="tariff-months" inputMode="numeric" label={t('sentence.tariffMonths')} hint={t('sentence.monthsHint')} value={sentence.tariffMonths} onChange={(tariffMonths) => onSentence({ ...sentence, tariffMonths })} error={errorOf('tariff-months')} errorPrefix={prefix} width="govuk-input--width-4" />
      ) : null}
      <h2 className="govuk-heading-m">{t('keyDates.title')}</h2>
      <p className="govuk-hint">{t('keyDates.hint')}</p>
      {keyDateNames.map((name) => (
        <TextInput key={name} id={`key-${name}`} type="date" label={t(`keyDates.${name}`)} value={keyDates[name]} onChange={(value) => onKeyDates({ ...keyDates, [name]: value })} error={errorOf(`key-${name}`)} errorPrefix={prefix} width="govuk-input--width-10" />
      ))}
      {mappa && onMappa ? (
        <>
          <h2 className="govuk-heading-m">{t('mappa.title')}</h2>
          <Radios
            id="mappa-category"
            legend={t('mappa.category')}
            inline
            value={mappa.category}
            onChange={(category) => onMappa({ ...mappa, category })}
            error={errorOf('mappa-category')}
            errorPrefix={prefix}
            options={[
              { value: '', label: t('mappa.none') },
              { value: '1', label: '1' },
              { value: '2', label: '2' },
              { value: '3', label: '3' },
            ]}
          />
          {mappa.category !== '' ? (
            <Radios
              id="mappa-level"
              legend={t('mappa.level')}
              inline
              value={mappa.level}
              onChange={(level) => onMappa({ ...mappa, level })}
              error={errorOf('mappa-level')}
              errorPrefix={prefix}
              options={[
                { value: '1', label: '1' },
                { value: '2', label: '2' },
                { value: '3', label: '3' },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

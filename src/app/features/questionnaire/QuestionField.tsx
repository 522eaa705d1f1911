import { useTranslation } from 'react-i18next';
import { type Answer, type AnswerChoice, questionnaireLimits, type QuestionSet, type QuestionSpec } from '../../../domain/questionnaire.ts';
import { Readable } from '../../read-aloud/ReadAloud.tsx';
import type { BlockSource, Script } from '../../read-aloud/script.ts';
import { CountedTextarea } from '../../ui/CountedTextarea.tsx';
import { RadioGroup } from '../../ui/RadioGroup.tsx';
import { questionAnchor } from './paths.ts';
import type { SetWords } from './words.ts';

const noGlossary = {};

/** The keys of a question's blocks in a read-aloud script. */
export const questionKey = {
  text: (id: string) => `${id}.text`,
  hint: (id: string) => `${id}.hint`,
  choice: (id: string, choice: string) => `${id}.choice.${choice}`,
  note: (id: string) => `${id}.note`,
};

/** What read-aloud says for one question: the question, the hint, every answer, the note's label. */
export function questionBlocks(set: QuestionSet, question: QuestionSpec, words: SetWords, labels: { statementHint: string; openHint: string; noteLabel: string }): BlockSource[] {
  const { lng } = words;
  const blocks: BlockSource[] = [{ key: questionKey.text(question.id), text: words.question(question.id), lng }];
  if (question.kind === 'statement') {
    blocks.push({ key: questionKey.hint(question.id), text: labels.statementHint, lng });
    for (const choice of set.scale) blocks.push({ key: questionKey.choice(question.id, choice), text: words.choice(choice), lng });
    blocks.push({ key: questionKey.note(question.id), text: labels.noteLabel, lng });
  } else {
    blocks.push({ key: questionKey.hint(question.id), text: labels.openHint, lng });
  }
  return blocks;
}

type Props = {
  set: QuestionSet;
  question: QuestionSpec;
  answer: Answer | undefined;
  words: SetWords;
  script: Script;
  /** `l` when the question is what the page is for (one at a time), `m` in a list. */
  size: 'l' | 'm';
  error?: string | undefined;
  onChange: (answer: Answer) => void;
};

/**
 * One question of the self-assessment: a statement answered on the set's scale with an optional
 * "tell us more", or an open question answered in the person's own words. Every part can be read
 * aloud (its sentences are highlighted as they are read).
 */
export function QuestionField({ set, question, answer, words, script, size, error, onChange }: Props) {
  const { t } = useTranslation('forms');
  const id = questionAnchor(question.id);
  const read = (key: string, text: string) => <Readable script={script} at={key} text={text} lng={words.lng} glossary={noGlossary} />;
  const note = answer?.note ?? '';
  if (question.kind === 'open') {
    return (
      <div className="app-question">
        <CountedTextarea
          id={id}
          name={question.id}
          label={read(questionKey.text(question.id), words.question(question.id))}
          labelSize={size}
          hint={read(questionKey.hint(question.id), t('questionnaire.openHint'))}
          value={note}
          max={questionnaireLimits.noteMaxLength}
          error={error}
          rows={5}
          onChange={(value) => onChange({ ...answer, note: value })}
        />
      </div>
    );
  }
  return (
    <div className="app-question">
      <RadioGroup<AnswerChoice>
        id={id}
        name={question.id}
        legend={read(questionKey.text(question.id), words.question(question.id))}
        legendSize={size}
        hint={read(questionKey.hint(question.id), t('questionnaire.statementHint'))}
        error={error}
        value={answer?.choice}
        onChange={(choice) => onChange({ ...answer, choice })}
        options={set.scale.map((choice) => ({ value: choice, label: read(questionKey.choice(question.id, choice), words.choice(choice)) }))}
      />
      <CountedTextarea
        id={`${id}-note`}
        name={`${question.id}.note`}
        label={read(questionKey.note(question.id), t('questionnaire.noteLabel'))}
        labelSize="s"
        value={note}
        max={questionnaireLimits.noteMaxLength}
        rows={3}
        onChange={(value) => onChange({ ...answer, note: value })}
      />
    </div>
  );
}

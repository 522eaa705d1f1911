import { useTranslation } from 'react-i18next';

type Props = {
  /** The id of the PIN box the pad types into. */
  controls: string;
  onDigit: (digit: string) => void;
  onDelete: () => void;
  onClear: () => void;
  disabled?: boolean;
};

const rows = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

/**
 * Big number buttons for the PIN, so no on-screen keyboard is needed on a touch screen.
 * Pressing a button keeps focus on the pad (the system keyboard does not pop up).
 */
export function NumberPad({ controls, onDigit, onDelete, onClear, disabled = false }: Props) {
  const { t } = useTranslation();
  const key = (label: string, onPress: () => void, wide = false) => (
    <button
      type="button"
      className={`govuk-button govuk-button--secondary app-number-pad__key${wide ? ' app-number-pad__key--word' : ''}`}
      aria-controls={controls}
      disabled={disabled}
      onClick={onPress}
    >
      {label}
    </button>
  );
  return (
    <div className="app-number-pad" role="group" aria-label={t('signIn.padLabel')}>
      {rows.map((row) => row.map((digit) => <div key={digit}>{key(digit, () => onDigit(digit))}</div>))}
      <div>{key(t('signIn.padClear'), onClear, true)}</div>
      <div>{key('0', () => onDigit('0'))}</div>
      <div>{key(t('signIn.padDelete'), onDelete, true)}</div>
    </div>
  );
}

import type { ButtonHTMLAttributes } from 'react';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'warning' };

/** A GOV.UK button. */
export function Button({ variant = 'primary', className, type = 'button', ...rest }: Props) {
  const classes = ['govuk-button', variant !== 'primary' && `govuk-button--${variant}`, className].filter(Boolean).join(' ');
  return <button type={type} className={classes} data-module="govuk-button" {...rest} />;
}

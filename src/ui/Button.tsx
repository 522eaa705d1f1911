import type { ComponentProps } from 'react';

type Props = ComponentProps<'button'> & { variant?: 'primary' | 'secondary' | 'warning' };

/** A GOV.UK button. */
export function Button({ variant = 'primary', className, type = 'button', ...rest }: Props) {
  const classes = ['govuk-button', variant !== 'primary' && `govuk-button--${variant}`, className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}
